import { ADD_SERVICE_CUES, REMOVE_SERVICE_CUES } from "../lexicon/catalogue-cues.js";
import { PRICE_CUES, QUOTE_CUES } from "../lexicon/money-cues.js";
import { BUDGET_CUE_AFTER, BUDGET_CUE_BEFORE, TARGET_CUE_BEFORE } from "./budget.js";
import { findDurations, REPLACED_BEFORE } from "./durations.js";
import { findBareNumbers, findExplicitMoney, type MoneyMention } from "./money.js";
import { findServiceMentions, type ServiceMention } from "./services.js";
import type { Slots } from "./types.js";
import type { WorkingText } from "./working-text.js";

type Catalogue = Pick<
  Slots,
  "prices" | "priceChanges" | "pricePercentChanges" | "durations" | "addServices" | "removeServices"
>;

const priceCue = new RegExp(`(?<![a-z])(?:${PRICE_CUES.join("|")})(?![a-z])`);
const quoteCue = new RegExp(`(?<![a-z])(?:${QUOTE_CUES.join("|")})(?![a-z])`);
const addCue = new RegExp(`(?<![a-z])(?:${ADD_SERVICE_CUES.join("|")})`, "g");
const removeCue = new RegExp(`(?<![a-z])(?:${REMOVE_SERVICE_CUES.join("|")})`, "g");

interface Sentence {
  start: number;
  end: number;
}

function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?;\n]+(?:\s|$)/g)) {
    out.push(...clausesOf(text, { start, end: m.index }));
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push(...clausesOf(text, { start, end: text.length }));
  return out;
}

// "raise the skin fade to $68 and add a hot towel shave for $40": two changes, each with its amount.
const CHANGE_VERBS = [
  ...ADD_SERVICE_CUES,
  ...REMOVE_SERVICE_CUES,
  "(?:raise|lower|bump|increase|reduce|make|set|change|charge|put)\\b",
];
const CLAUSE_BREAK = new RegExp(
  `(?:,\\s*(?:(?:and|but|plus|then)\\s+)?|\\s+(?:and|but|plus|then)\\s+)(?:(?:i|we)(?:'ll)?\\s+)?(?:also\\s+)?(?=(?:${CHANGE_VERBS.join("|")}))`,
  "g",
);

/**
 * A sentence split where a second change begins ("…, and add…", "… but drop…"), when each side
 * names a service of its own, not the same one: otherwise an amount in one clause ("fades, raise them to $45")
 * belongs to the service named in the other.
 */
function clausesOf(text: string, sentence: Sentence): Sentence[] {
  const out: Sentence[] = [];
  let start = sentence.start;
  const body = text.slice(sentence.start, sentence.end);
  for (const m of body.matchAll(CLAUSE_BREAK)) {
    const at = sentence.start + m.index;
    const next = at + m[0].length;
    const before = new Set(findServiceMentions(text.slice(start, at)).map((m) => m.service));
    if (before.size === 0) continue;
    const after = findServiceMentions(text.slice(next, sentence.end)).map((m) => m.service);
    if (after.length === 0) break;
    // "I started doing braids, charge 120 for box braids": one service, one change.
    if (after.some((x) => before.has(x))) continue;
    out.push({ start, end: at });
    start = next;
  }
  out.push({ start, end: sentence.end });
  return out;
}

// "knock $20 off", "lower fades by $5", "$10 more": an amount the price changes by, not the price.
const ADD_TO_PRICE = /\badd(?:ing)? \$?\d[\d.,]*(?: ?(?:dollars|bucks))? (?:on )?to\b/;
const OFF_AFTER = /^ (?:off|less|cheaper|lower)(?![a-z])/;
const MORE_AFTER = /^ (?:more|extra|higher|on top)(?![a-z])/;
const CHANGE_VERB =
  /\b(?:(knock|take|shave|cut|drop|lower|reduc|decreas|discount|slash)|(rais|increas|bump|put|push|hike|up))\w*/g;

// A share of the price is a change whatever the words around it; these only say which way.
const SHARE_DOWN_AFTER = /^ (?:discount|cut|reduction|decrease)(?![a-z])/;
const SHARE_UP_AFTER = /^ (?:increase|raise|rise|hike|up)(?![a-z])/;

/**
 * The sign of a price change by an amount ("knock $20 off") or by a share of the price ("20%
 * more"), or undefined when an amount is the new price. A share needs no "by" after its verb
 * ("raise fades 10%"); an amount does ("raise fades by $5", where "raise fades to $45" is a price).
 */
function changeDirection(
  sentence: string,
  item: { start: number; end: number },
  share = false,
): 1 | -1 | undefined {
  const before = sentence.slice(Math.max(0, item.start - 48), item.start);
  const after = sentence.slice(item.end, item.end + 12);
  if (OFF_AFTER.test(after) || (share && SHARE_DOWN_AFTER.test(after))) return -1;
  if (MORE_AFTER.test(after) || (share && SHARE_UP_AFTER.test(after)) || /\badd(?:ing)? $/.test(before))
    return 1;
  // "fades are going up $5" (but "up to $50" is the new price).
  if ((share ? /\bup (?:by )?$/ : /\bup $/).test(before)) return 1;
  if ((share ? /\bdown (?:by )?$/ : /\bdown $/).test(before)) return -1;
  if (!share && !/\bby $/.test(before)) return undefined;
  const verb = [...before.matchAll(CHANGE_VERB)].at(-1);
  if (!verb) return undefined;
  return verb[1] ? -1 : 1;
}

// "20% more", "10 percent off": a share of the price, in whole or decimal percent.
const PERCENT = /(?<![\d.])(\d{1,3}(?:\.\d+)?) ?(?:%|percent|per cent)(?![a-z])/g;

/**
 * The service an amount or duration belongs to: the one it is "for" ("$20 for beard trims"), else
 * the nearest mention before it ("fades are $45"), else after.
 */
function ownerOf(
  item: { start: number; end: number },
  mentions: ServiceMention[],
  sentence: string,
): ServiceMention | undefined {
  const next = mentions.find((m) => m.start >= item.end);
  if (next && FOR_SERVICE.test(sentence.slice(item.end, next.start))) return next;
  const before = mentions.filter((m) => m.end <= item.start).at(-1);
  return before ?? mentions.find((m) => m.start >= item.start);
}

const FOR_SERVICE = /^\s*(?:for|per)\s+(?:an?\s+|the\s+|each\s+|my\s+)?(?:\w+\s+)?$/;

function isBudgetAmount(text: string, m: MoneyMention): boolean {
  const before = text.slice(Math.max(0, m.start - 24), m.start);
  const after = text.slice(m.end, m.end + 20);
  return (
    TARGET_CUE_BEFORE.test(before) ||
    (BUDGET_CUE_BEFORE.test(before) && !/(?:for|to|at) \$?$/.test(before)) ||
    BUDGET_CUE_AFTER.test(after)
  );
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A provider's menu changes: prices ("fades are 40 bucks"), durations ("a fade takes 45 minutes"),
 * services added ("I also do beard trims now for $15", price and duration folded in) and removed
 * ("I don't do colour anymore"). An amount is a price only when the speaker is a provider or the
 * sentence has a price cue, and it is not next to a budget cue or in a quote ("offer $120").
 */
export function extractCatalogue(w: WorkingText, role?: "consumer" | "provider"): Catalogue {
  const text = w.value;
  const out: Catalogue = {};
  for (const s of sentencesOf(text)) {
    const sentence = text.slice(s.start, s.end);
    const named = role === "provider" ? namedNewService(sentence) : undefined;
    if (named) {
      out.addServices = [...(out.addServices ?? []), named.service];
      for (const c of named.consumed) w.consume(s.start + c.start, s.start + c.end);
      continue;
    }
    const mentions = findServiceMentions(sentence);
    if (mentions.length === 0) continue;
    const explicit = findExplicitMoney(sentence);
    const hasPriceCue = priceCue.test(sentence);
    const isQuote = quoteCue.test(sentence);
    // A bare number under 10 is a count or an hour far more often than a price.
    const bare =
      hasPriceCue || role === "provider"
        ? findBareNumbers(sentence, explicit).filter(
            (m) =>
              m.cents >= 1000 && !/(?:\bat|@|\bby) $/.test(sentence.slice(Math.max(0, m.start - 4), m.start)),
          )
        : [];
    const money = [...explicit, ...bare]
      .filter((m) => !isBudgetAmount(sentence, m))
      // "$45 now, not $40", "instead of 40": the price being replaced.
      .filter((m) => !REPLACED_BEFORE.test(sentence.slice(Math.max(0, m.start - 16), m.start)))
      .filter((m) => !/^\d{5}$/.test(sentence.slice(m.start, m.end)))
      .sort((a, b) => a.start - b.start);
    const durations = findDurations(sentence);
    const consumed: { start: number; end: number }[] = [];

    const addAt = ADD_TO_PRICE.test(sentence) ? undefined : firstCue(sentence, addCue);
    const removeAt = money.length === 0 ? firstCue(sentence, removeCue) : undefined;
    if (removeAt !== undefined) {
      const removed = mentions.filter((m) => m.start >= removeAt).map((m) => m.variant ?? m.service);
      if (removed.length > 0)
        out.removeServices = dedupe([...(out.removeServices ?? []), ...removed], (x) => x);
      continue;
    }
    if (addAt !== undefined) {
      const added = dedupe(
        mentions.filter((m) => m.start >= addAt),
        (m) => m.service,
      );
      if (added.length > 0) {
        // With one new service, every amount and duration in the sentence is about it.
        const only = added.length === 1 ? added[0] : undefined;
        out.addServices = [
          ...(out.addServices ?? []),
          ...added.map((a) => {
            const price = money.find((m) => (only ? true : ownerOf(m, added, sentence) === a));
            const duration = durations.find((d) => (only ? true : ownerOf(d, added, sentence) === a));
            if (price) consumed.push(price);
            if (duration) consumed.push(duration);
            return {
              name: addedName(sentence, a, mentions),
              ...(price ? { priceCents: price.cents } : {}),
              ...(duration ? { durationMin: duration.minutes } : {}),
            };
          }),
        ];
        for (const c of consumed) w.consume(s.start + c.start, s.start + c.end);
        continue;
      }
    }
    const pricesApply = (role === "provider" || hasPriceCue) && !isQuote;
    if (pricesApply) {
      for (const m of money) {
        const owner = ownerOf(m, mentions, sentence);
        if (!owner) continue;
        const direction = changeDirection(sentence, m);
        if (direction) {
          out.priceChanges = [
            ...(out.priceChanges ?? []),
            { service: owner.variant ?? owner.service, changeCents: direction * m.cents },
          ];
          w.consume(s.start + m.start, s.start + m.end);
          continue;
        }
        out.prices = [
          ...(out.prices ?? []),
          { service: owner.variant ?? owner.service, priceCents: m.cents },
        ];
        w.consume(s.start + m.start, s.start + m.end);
      }
    }
    if (pricesApply) {
      for (const p of sentence.matchAll(PERCENT)) {
        const item = { start: p.index, end: p.index + p[0].length };
        const owner = ownerOf(item, mentions, sentence);
        const direction = changeDirection(sentence, item, true);
        if (!owner || !direction) continue;
        out.pricePercentChanges = [
          ...(out.pricePercentChanges ?? []),
          { service: owner.variant ?? owner.service, percent: direction * Number(p[1]) },
        ];
        w.consume(s.start + item.start, s.start + item.end);
      }
    }
    for (const d of durations) {
      const owner = ownerOf(d, mentions, sentence);
      if (!owner) continue;
      out.durations = [
        ...(out.durations ?? []),
        { service: owner.variant ?? owner.service, durationMin: d.minutes },
      ];
      w.consume(s.start + d.start, s.start + d.end);
    }
  }
  return out;
}

// The kind of job after a service's words: "water heater installs", "gutter cleaning".
const JOB_NOUN = /^ (?:install(?:ation)?s?|repairs?|replacements?)(?![a-z])/;

/**
 * A new service in the provider's own words: "tankless water heater install" (two mentions of one
 * service side by side, and the kind of job), "hot towel shave"; the canonical name when those say
 * no more.
 */
function addedName(sentence: string, m: ServiceMention, mentions: readonly ServiceMention[]): string {
  let end = m.end;
  for (const o of [...mentions].sort((a, b) => a.start - b.start)) {
    if (o.service === m.service && o.start > end - 1 && /^ ?$/.test(sentence.slice(end, o.start)))
      end = o.end;
  }
  const noun = JOB_NOUN.exec(sentence.slice(end));
  if (noun) end += noun[0].length;
  if (end === m.end) return m.variant ?? m.service;
  return sentence
    .slice(m.start, end)
    .trim()
    .replace(/(?<=[a-z]{3})s$/, "");
}

// "add a new service: water softener installation, $450": a service named in the provider's own words.
const NEW_SERVICE =
  /(?<![a-z])(?:(?:add(?:ing)?|offer(?:ing)?|introduc\w*|launch\w*|list(?:ing)?) (?:a |one )?(?:new )?service(?: called| named)?\s*[:,-]?|new service(?: called| named)?\s*[:,-]?)\s+/;
const NAME_WORDS = /^[a-z][a-z&' -]{1,59}?(?=\s*(?:[,;(]|\bfor\b|\bat\b|\$|\d|\bthat\b|\bwhich\b|$))/;

function namedNewService(
  sentence: string,
):
  | { service: NonNullable<Slots["addServices"]>[number]; consumed: { start: number; end: number }[] }
  | undefined {
  const cue = NEW_SERVICE.exec(sentence);
  if (!cue) return undefined;
  const from = cue.index + cue[0].length;
  const name = NAME_WORDS.exec(sentence.slice(from))?.[0].trim();
  if (!name || name.split(/\s+/).length > 6) return undefined;
  const rest = sentence.slice(from + name.length);
  const offset = from + name.length;
  const price = findExplicitMoney(rest)[0] ?? findBareNumbers(rest, []).find((m) => m.cents >= 1000);
  const duration = findDurations(rest)[0];
  const consumed = [{ start: cue.index, end: offset }];
  if (price) consumed.push({ start: offset + price.start, end: offset + price.end });
  if (duration) consumed.push({ start: offset + duration.start, end: offset + duration.end });
  return {
    service: {
      name,
      ...(price ? { priceCents: price.cents } : {}),
      ...(duration ? { durationMin: duration.minutes } : {}),
    },
    consumed,
  };
}

function firstCue(sentence: string, cue: RegExp): number | undefined {
  const m = sentence.matchAll(cue).next();
  return m.done ? undefined : m.value.index;
}
