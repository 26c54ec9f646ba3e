import { NUMBER_PATTERN, parseNumber } from "../numbers.js";
import { normaliseText } from "../text-normalise.js";

const AMOUNT = `(?:half an?|an? half|an? hour and a half|an?|${NUMBER_PATTERN})`;
const UNIT = "(?:hours?|hrs?|minutes?|mins?)";
const LATER = "later|back";
const EARLIER = "earlier|sooner|forward|up";
// "an hour later", "30 minutes earlier"; "push it back an hour", "move it up 30 minutes".
const AFTER = new RegExp(`(?<![a-z0-9])(${AMOUNT}) ?(${UNIT})? (${LATER}|${EARLIER})(?![a-z])`);
const IS_EARLIER = new RegExp(`^(?:${EARLIER})$`);
const BEFORE = new RegExp(`(?<![a-z])(${LATER}|${EARLIER}) (?:by )?(${AMOUNT}) ?(${UNIT})(?![a-z])`);

function minutesOf(amount: string, unit: string | undefined): number | undefined {
  const a = amount.trim();
  if (/^an? hour and a half$/.test(a)) return 90;
  if (/^(?:half an?|an? half)$/.test(a)) return unit && /^h/.test(unit) ? 30 : undefined;
  const n = /^an?$/.test(a) ? 1 : parseNumber(a);
  if (n === undefined || n <= 0) return undefined;
  if (!unit) return undefined;
  return /^h/.test(unit) ? Math.round(n * 60) : Math.round(n);
}

/**
 * A move of an existing booking by an amount of time rather than to a time: "an hour later",
 * "push it back 30 minutes", "half an hour earlier". Minutes, later positive; undefined if none.
 */
export function timeShiftMinutes(text: string): number | undefined {
  const t = normaliseText(text);
  const after = t.match(AFTER);
  if (after) {
    // "an hour and a half later" reads the unit inside the amount.
    const minutes = minutesOf(after[1]!, after[2] ?? (/hour/.test(after[1]!) ? "hour" : undefined));
    if (minutes !== undefined) return IS_EARLIER.test(after[3]!) ? -minutes : minutes;
  }
  const before = t.match(BEFORE);
  if (before) {
    const minutes = minutesOf(before[2]!, before[3]);
    if (minutes !== undefined) return IS_EARLIER.test(before[1]!) ? -minutes : minutes;
  }
  return undefined;
}
