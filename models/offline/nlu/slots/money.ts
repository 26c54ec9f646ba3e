import { NUMBER_PATTERN, parseNumber } from "../numbers.js";

export interface MoneyMention {
  cents: number;
  start: number;
  end: number;
  /** Written with a currency ("$40", "40 bucks"), rather than a bare number a cue made money. */
  explicit: boolean;
}

const CURRENCY_WORD = "(?:dollars?|bucks?|usd|quid|dollar)";
const N = `(${NUMBER_PATTERN})`;
const K = "(k)?";

// "$45", "$ 45.50", "$1.2k", "45 dollars", "forty bucks", "45$", "45 usd".
const EXPLICIT = new RegExp(
  `\\$ ?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)${K}(?![a-z0-9])|(?<![a-z0-9$.])${N}${K} ?(?:\\$|${CURRENCY_WORD}(?![a-z]))`,
  "g",
);

// Bare numbers that a money cue may turn into an amount: not times ("5pm", "3:30"), not zips.
const BARE =
  /(?<![a-z0-9$.:/])(\d{1,4}(?:\.\d{1,2})?)(k)?(?![0-9]|:\d| ?(?:am|pm|a\.m|p\.m)\b|\/|st\b|nd\b|rd\b|th\b|%)/g;

function toCents(value: number | undefined, thousands: string | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.round(value * (thousands ? 1000 : 1) * 100);
}

/** Amounts written with a currency. */
export function findExplicitMoney(text: string): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const m of text.matchAll(EXPLICIT)) {
    const cents =
      m[1] !== undefined ? toCents(parseNumber(m[1]), m[2]) : toCents(parseNumber(m[3] ?? ""), m[4]);
    if (cents === undefined || cents <= 0) continue;
    out.push({ cents, start: m.index, end: m.index + m[0].length, explicit: true });
  }
  return out;
}

/** Bare numbers, not overlapping an explicit amount; the caller decides if a cue makes them money. */
export function findBareNumbers(text: string, exclude: MoneyMention[]): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const m of text.matchAll(BARE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (exclude.some((e) => start < e.end && end > e.start)) continue;
    const after = text.slice(end, end + 12);
    if (
      /^ ?(?:minutes?|mins?|hours?|hrs?|h\b|bed|bath|br\b|ba\b|bd\b|mi\b|miles?|km|kilomet|sq|stars?|out of|\/5|years?|yo\b|ft|feet|people|kids|rooms?)/.test(
        after,
      )
    )
      continue;
    const cents = toCents(Number(m[1]), m[2]);
    if (cents === undefined) continue;
    out.push({ cents, start, end, explicit: false });
  }
  return out;
}
