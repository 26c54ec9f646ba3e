import { NUMBER_PATTERN, parseNumber } from "../numbers.js";
import { normaliseText } from "../text-normalise.js";

const AMOUNT = `(?:half an?|an? half|an? hour and a half|an?|${NUMBER_PATTERN})`;
const UNIT = "(?:hours?|hrs?|minutes?|mins?)";
const LATER = "later|back";
const EARLIER = "earlier|sooner|forward|up";
// "an hour later", "30 minutes earlier"; "push it back an hour", "move it up 30 minutes".
const AFTER = new RegExp(`(?<![a-z0-9])(${AMOUNT}) ?(${UNIT})? (${LATER}|${EARLIER})(?![a-z])`);
const IS_EARLIER = new RegExp(`^(?:${EARLIER})$`);
// "can they push it 30 min?": pushing a booking moves it later.
const PUSHED = new RegExp(
  `(?<![a-z])push(?:ed|ing)? (?:it |that |this |me |us |my \\w+ )?(?:back |out )?(?:by )?(${AMOUNT}) ?(${UNIT})(?![a-z])`,
);
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
 * A shift said "<amount> <unit> later" or "later by <amount> <unit>", measured by `size`: signed,
 * later positive; undefined when neither form is there or the amount is not one.
 */
function signedShift(
  t: string,
  after: RegExp,
  before: RegExp,
  size: (amount: string, unit: string | undefined) => number | undefined,
): number | undefined {
  const a = t.match(after);
  const fromAfter = a ? size(a[1]!, a[2]) : undefined;
  if (a && fromAfter !== undefined) return IS_EARLIER.test(a[3]!) ? -fromAfter : fromAfter;
  const b = t.match(before);
  const fromBefore = b ? size(b[2]!, b[3]) : undefined;
  if (b && fromBefore !== undefined) return IS_EARLIER.test(b[1]!) ? -fromBefore : fromBefore;
  return undefined;
}

/**
 * A move of an existing booking by an amount of time rather than to a time: "an hour later",
 * "push it back 30 minutes", "half an hour earlier". Minutes, later positive; undefined if none.
 */
export function timeShiftMinutes(text: string): number | undefined {
  const t = normaliseText(text);
  // "an hour and a half later" reads the unit inside the amount.
  const minutes = signedShift(t, AFTER, BEFORE, (amount, unit) =>
    minutesOf(amount, unit ?? (/hour/.test(amount) ? "hour" : undefined)),
  );
  if (minutes !== undefined) return minutes;
  const pushed = t.match(PUSHED);
  return pushed ? minutesOf(pushed[1]!, pushed[2]) : undefined;
}

const DAY_UNIT = "(?:days?|weeks?)";
const DAY_LATER = "later|back|out";
// "a week later", "push it back two days", "move it up a day".
const DAYS_AFTER = new RegExp(`(?<![a-z0-9])(${AMOUNT}) (${DAY_UNIT}) (${DAY_LATER}|${EARLIER})(?![a-z])`);
const DAYS_BEFORE = new RegExp(
  `(?<![a-z])(${DAY_LATER}|${EARLIER}) (?:by )?(${AMOUNT}) (${DAY_UNIT})(?![a-z])`,
);

function daysOf(amount: string, unit: string): number | undefined {
  const a = amount.trim();
  const n = /^an?$/.test(a) ? 1 : parseNumber(a);
  if (n === undefined || n <= 0 || !Number.isInteger(n)) return undefined;
  return /^w/.test(unit) ? n * 7 : n;
}

/**
 * A move of an existing booking by whole days: "a week later", "push it back two days". Days,
 * later positive; kept apart from minutes so that the time of day stays across a clock change.
 */
export function dayShift(text: string): number | undefined {
  const t = normaliseText(text);
  const shifted = signedShift(t, DAYS_AFTER, DAYS_BEFORE, (amount, unit) => daysOf(amount, unit!));
  if (shifted !== undefined) return shifted;
  // "to the day after", "the following week": counted from the booking ("the day after tomorrow" is a date).
  const m = t.match(NEIGHBOUR);
  if (!m) return undefined;
  const earlier = m[2] === "before" || m[3] === "previous";
  return (earlier ? -1 : 1) * ((m[1] ?? m[4]) === "week" ? 7 : 1);
}

const NEIGHBOUR =
  /(?<![a-z])(?:(?:the )?(day|week) (after|before)(?=\s*(?:$|[.,!?]|instead|please|then|if\b))|the (?:next|following|(previous)) (day|week)(?![a-z]))/;

/** The words without the shift said in them: what is left names the booking ("my friday haircut"). */
export function withoutShift(text: string): string {
  let t = normaliseText(text);
  for (const re of [DAYS_AFTER, DAYS_BEFORE, AFTER, BEFORE, PUSHED, NEIGHBOUR]) t = t.replace(re, " ");
  return t;
}
