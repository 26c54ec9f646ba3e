import { NUMBER_PATTERN, parseNumber } from "../numbers.js";

export interface DurationMention {
  minutes: number;
  start: number;
  end: number;
}

const N = `(${NUMBER_PATTERN}|an?|one)`;
const DURATION = new RegExp(
  [
    "(?<![a-z0-9])(an? hour and a half|half an hour|half hour|hour and a half)(?![a-z])",
    `(?<![a-z0-9])${N}(?: and a half| ½)? ?(hours?|hrs?|h|minutes?|mins?|min|m)(?: and (?:a half|(\\d+) ?(?:minutes?|mins?)))?(?![a-z0-9])`,
    "(?<![a-z0-9])(\\d+)h(\\d{1,2})(?![a-z0-9])",
  ].join("|"),
  "g",
);

/** Words before an amount that say it is being replaced: "an hour now, not 45 min", "up from $40". */
export const REPLACED_BEFORE = /(?:\bnot|instead of|rather than|no longer|(?:up|down) from) $/;

const FIXED: Readonly<Record<string, number>> = {
  "an hour and a half": 90,
  "a hour and a half": 90,
  "hour and a half": 90,
  "half an hour": 30,
  "half hour": 30,
};

/**
 * Lengths of time ("45 minutes", "an hour and a half", "1h30"), skipping those that say when
 * rather than how long ("in 2 hours", "within 30 minutes") and those being replaced ("not 45 min").
 */
export function findDurations(text: string): DurationMention[] {
  const out: DurationMention[] = [];
  for (const m of text.matchAll(DURATION)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (/(?:\bin|within|next|every|per|an|each|after|before|back|by|for the next|forward) $/.test(before))
      continue;
    if (REPLACED_BEFORE.test(before)) continue;
    if (
      /^ (?:later|earlier|back|ago|from now)/.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 12),
      )
    )
      continue;
    let minutes: number | undefined;
    if (m[1]) minutes = FIXED[m[1]];
    else if (m[2]) {
      const n = /^an?$/.test(m[2]) ? 1 : parseNumber(m[2]);
      if (n === undefined) continue;
      const half = /and a half|½/.test(m[0]) ? 0.5 : 0;
      const isHours = /^h/.test(m[3] ?? "");
      minutes = isHours ? (n + half) * 60 + Number(m[4] ?? 0) : n;
    } else if (m[5]) minutes = Number(m[5]) * 60 + Number(m[6]);
    if (minutes === undefined || minutes <= 0 || minutes > 24 * 60) continue;
    out.push({ minutes: Math.round(minutes), start: m.index, end: m.index + m[0].length });
  }
  return out;
}
