import { MAX_AFTER, MAX_BEFORE, TARGET_AFTER, TARGET_BEFORE } from "../lexicon/money-cues.js";
import { findBareNumbers, findExplicitMoney, type MoneyMention } from "./money.js";
import type { WorkingText } from "./working-text.js";

const targetBefore = new RegExp(`(?:${TARGET_BEFORE.join("|")}) ?\\$?$`);
const targetAfter = new RegExp(`^ ?(?:${TARGET_AFTER.join("|")})(?![a-z])`);
const maxBefore = new RegExp(`(?<![a-z])(?:${MAX_BEFORE.join("|")}) (?:of |about |around )?\\$?$`);
const maxAfter = new RegExp(
  `^(?: ?(?:dollars?|bucks?))?(?: an hour| per hour)? ?,? ?(?:${MAX_AFTER.join("|")})(?![a-z])`,
);
// A bare number is money only next to one of these (and "bid 200", "offer of 120", "do it for 150").
const bareBefore = new RegExp(
  `(?<![a-z])(?:${[...MAX_BEFORE.filter((c) => c !== "for"), ...TARGET_BEFORE, "bid", "quote", "offer(?: of)?", "do (?:it|that|this|(?:the|that|this) [a-z]+) for"].join("|")}) (?:of )?$`,
);

export type Budget = { maxCents?: number; targetCents?: number };

/**
 * A consumer's budget (or a provider's one-off quote). "around/about/~" make a target; any other
 * amount is a ceiling, since people who name a price rarely mean to pay more. Bare numbers count
 * only after a cue ("under 100", "max 90", "bid 200").
 */
export function extractBudget(w: WorkingText): Budget | undefined {
  const text = w.value;
  const explicit = findExplicitMoney(text);
  const bare = findBareNumbers(text, explicit).filter(
    (m) =>
      bareBefore.test(text.slice(Math.max(0, m.start - 20), m.start)) ||
      maxAfter.test(text.slice(m.end, m.end + 20)) ||
      targetAfter.test(text.slice(m.end, m.end + 12)),
  );
  const amounts: MoneyMention[] = [...explicit, ...bare.filter((m) => m.cents >= 500)].sort(
    (a, b) => a.start - b.start,
  );
  if (amounts.length === 0) return undefined;
  const budget: Budget = {};
  for (const m of amounts) {
    const before = text.slice(Math.max(0, m.start - 24), m.start);
    const after = text.slice(m.end, m.end + 20);
    const isTarget = targetBefore.test(before) || targetAfter.test(after);
    if (isTarget) budget.targetCents ??= m.cents;
    else budget.maxCents = Math.max(budget.maxCents ?? 0, m.cents);
    w.consume(m.start, m.end);
  }
  return budget;
}

export { maxAfter as BUDGET_CUE_AFTER, maxBefore as BUDGET_CUE_BEFORE, targetBefore as TARGET_CUE_BEFORE };
