import * as chrono from "chrono-node";
import {
  addDays,
  type CalendarDate,
  compareDates,
  daysInMonth,
  offsetMinutesAt,
  type WallClock,
  wallClockAt,
} from "../../../../core/zoned-time.js";
import { MONTH_NAMES, WEEKDAY_PATTERN, weekdayNumber } from "../lexicon/time-words.js";

/** Which days an expression names: one day, or a run of days ("next week", "early next month"). */
export interface DayRange {
  from: CalendarDate;
  to: CalendarDate;
  start: number;
  end: number;
  /** Named today explicitly ("today", "tonight", "this morning"). */
  today?: boolean;
}

export interface CalendarContext {
  now: Date;
  timeZone: string;
}

const MONTH = `(${MONTH_NAMES.map((m) => `${m.slice(0, 3)}${m.length > 3 ? `(?:${m.slice(3)})?` : ""}`).join("|")})\\.?`;
const ORDINAL_DAY = "(\\d{1,2})(?:st|nd|rd|th)";

function nextWeekday(today: WallClock, weekday: number, includeToday: boolean): CalendarDate {
  let delta = (weekday - today.weekday + 7) % 7;
  if (delta === 0 && !includeToday) delta = 7;
  return addDays(today, delta);
}

/** Monday of the week after the one containing `today` (weeks run Monday to Sunday). */
function nextMonday(today: WallClock): CalendarDate {
  const delta = (8 - today.weekday) % 7 || 7;
  return addDays(today, delta);
}

function monthAfter(today: CalendarDate, months: number): { year: number; month: number } {
  const index = today.year * 12 + (today.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function monthPart(
  year: number,
  month: number,
  part: string | undefined,
): { from: CalendarDate; to: CalendarDate } {
  const last = daysInMonth(year, month);
  const [a, b] =
    part === "early" || part === "beginning of" || part === "start of"
      ? [1, 10]
      : part === "mid" || part === "middle of"
        ? [11, 20]
        : part === "late" || part === "end of" || part === "the end of"
          ? [21, last]
          : [1, last];
  return { from: { year, month, day: a }, to: { year, month, day: b } };
}

/** The next date on or after today with this day of the month ("the 24th"). */
function nextDayOfMonth(today: CalendarDate, day: number, monthIndex?: number): CalendarDate | undefined {
  for (let i = 0; i < 14; i++) {
    const { year, month } = monthAfter(today, i);
    if (monthIndex !== undefined && month !== monthIndex) continue;
    if (day > daysInMonth(year, month)) continue;
    const d = { year, month, day };
    if (compareDates(d, today) >= 0) return d;
  }
  return undefined;
}

function monthIndexOf(word: string): number {
  return MONTH_NAMES.findIndex((m) => m.startsWith(word.slice(0, 3))) + 1;
}

type Rule = {
  re: RegExp;
  resolve: (m: RegExpExecArray, today: WallClock) => Omit<DayRange, "start" | "end"> | undefined;
};

const single = (d: CalendarDate, today = false) => ({ from: d, to: d, ...(today ? { today } : {}) });
const maybeSingle = (d: CalendarDate | undefined) => (d ? single(d) : undefined);

const RULES: Rule[] = [
  {
    re: /(?:the )?day after tomorrow/g,
    resolve: (_m, t) => single(addDays(t, 2)),
  },
  {
    re: /\b(?:today|tonight|this (?:morning|afternoon|evening))\b|\btoday's\b/g,
    resolve: (_m, t) => single(t, true),
  },
  {
    re: /\b(?:tomorrow|tmrw|tmr|tmrow|tomorow|tommorow|tommorrow)(?:'s)?\b/g,
    resolve: (_m, t) => single(addDays(t, 1)),
  },
  {
    re: /\b(?:the )?(?:whole )?(?:of )?week after next\b/g,
    resolve: (_m, t) => ({ from: addDays(nextMonday(t), 7), to: addDays(nextMonday(t), 13) }),
  },
  {
    re: new RegExp(`\\b(${WEEKDAY_PATTERN.replace("s?", "")})(?: of)? next week\\b`, "g"),
    resolve: (m, t) => {
      const wd = weekdayNumber(m[1]!);
      return wd === undefined ? undefined : single(addDays(nextMonday(t), (wd + 6) % 7));
    },
  },
  {
    re: /\b(?:the )?(?:whole )?(?:of )?next week(?:end)?\b|\bthe following week\b/g,
    resolve: (m, t) => {
      if (m[0].endsWith("weekend")) {
        const sat = addDays(nextWeekday(t, 6, true), 7);
        return { from: sat, to: addDays(sat, 1) };
      }
      return { from: nextMonday(t), to: addDays(nextMonday(t), 6) };
    },
  },
  {
    re: /\b(?:this|the|over the|on the) weekend\b|\bweekend\b(?!s)/g,
    resolve: (_m, t) => {
      if (t.weekday === 0) return single(t, true);
      const sat = nextWeekday(t, 6, true);
      return { from: sat, to: addDays(sat, 1), ...(t.weekday === 6 ? { today: true } : {}) };
    },
  },
  {
    re: /\b(?:(?:later )?this week|rest of the week)\b/g,
    resolve: (_m, t) => ({ from: t, to: addDays(t, (7 - t.weekday) % 7), today: true }),
  },
  {
    re: /\b(early|mid|late|beginning of|start of|middle of|(?:the )?end of) ?(?:-)?(this|next|the) month\b/g,
    resolve: (m, t) => {
      const { year, month } = monthAfter(t, m[2] === "next" ? 1 : 0);
      const part = m[1]!.replace(/^the /, "");
      return clipToToday(monthPart(year, month, part), t);
    },
  },
  {
    re: /\b(?:the )?(?:whole )?(?:of )?(this|next) month\b/g,
    resolve: (m, t) => {
      const { year, month } = monthAfter(t, m[1] === "next" ? 1 : 0);
      return clipToToday(monthPart(year, month, undefined), t);
    },
  },
  {
    // "from the 1st to the 7th of june", "the 3rd to the 7th", "march 20 to march 27"
    re: new RegExp(
      `(?:from )?(?:the )?${ORDINAL_DAY}(?: of ${MONTH})? ?(?:-|to|until|till|through|thru) ?(?:the )?${ORDINAL_DAY}(?: of ${MONTH})?|(?:from )?${MONTH} (\\d{1,2})(?:st|nd|rd|th)? ?(?:-|to|until|till|through|thru) ?(?:${MONTH} )?(\\d{1,2})(?:st|nd|rd|th)?\\b`,
      "g",
    ),
    resolve: (m, t) => {
      if (m[1] !== undefined) {
        const monthWord = m[4] ?? m[2];
        const mi = monthWord ? monthIndexOf(monthWord) : undefined;
        const from = nextDayOfMonth(t, Number(m[1]), mi);
        if (!from) return undefined;
        const to = nextDayOfMonth(from, Number(m[3]), mi);
        return to ? { from, to } : undefined;
      }
      const mi = monthIndexOf(m[5]!);
      const from = nextDayOfMonth(t, Number(m[6]), mi);
      if (!from) return undefined;
      const to = nextDayOfMonth(from, Number(m[8]), m[7] ? monthIndexOf(m[7]) : mi);
      return to ? { from, to } : undefined;
    },
  },
  {
    re: /\b(?:till|until|til|through|up to) (?:the )?(\d{1,2})(?:st|nd|rd|th)\b/g,
    resolve: (m, t) => {
      const to = nextDayOfMonth(t, Number(m[1]));
      return to ? { from: t, to, today: true } : undefined;
    },
  },
  {
    // "tuesday the 10th", "friday, march 13": the date decides, the weekday only names it.
    re: new RegExp(
      `\\b(?:on )?${WEEKDAY_PATTERN.replace("days?", "day")},? (?:(?:the )?${ORDINAL_DAY}(?: of ${MONTH})?|${MONTH} (\\d{1,2})(?:st|nd|rd|th)?)\\b`,
      "g",
    ),
    resolve: (m, t) => {
      if (m[1] !== undefined)
        return maybeSingle(nextDayOfMonth(t, Number(m[1]), m[2] ? monthIndexOf(m[2]) : undefined));
      return maybeSingle(nextDayOfMonth(t, Number(m[4]), monthIndexOf(m[3]!)));
    },
  },
  {
    // "the 24th", "on the 3rd"; a month name after it is left to chrono
    // "the 2nd one" is a pick from a list, not a date.
    re: new RegExp(
      `\\b(?:on )?the ${ORDINAL_DAY}\\b(?! of ${MONTH})(?! (?:${MONTH}))(?! (?:one|option|choice|offer|quote|slot|result|listing|provider|pro)\\b)`,
      "g",
    ),
    resolve: (m, t) => {
      const d = nextDayOfMonth(t, Number(m[1]));
      return d ? single(d) : undefined;
    },
  },
  {
    // A weekday by name: "this" or no qualifier on that weekday means the next one, not today.
    re: new RegExp(`\\b(?:(this|next|on|coming|this coming) )?(${WEEKDAY_PATTERN})(?:'s)?\\b`, "g"),
    resolve: (m, t) => {
      // "mondays" is a habit (opening hours), not a day.
      if (m[2]!.endsWith("days")) return undefined;
      const wd = weekdayNumber(m[2]!);
      if (wd === undefined) return undefined;
      return single(nextWeekday(t, wd, m[1] === "this"));
    },
  },
];

function clipToToday(
  r: { from: CalendarDate; to: CalendarDate },
  today: CalendarDate,
): Omit<DayRange, "start" | "end"> {
  if (compareDates(r.from, today) < 0 && compareDates(r.to, today) >= 0)
    return { from: today, to: r.to, today: true };
  return r;
}

/** Expressions that point into the past or at a habit, which name no day to book. */
const NOT_A_DAY = /\b(?:since|last|every|each|yesterday|ago)\b/;

/**
 * Days named in the text, in reading order. The rules above cover chat phrasings; chrono-node,
 * given the reference instant and the zone's offset, reads the rest (explicit dates such as
 * "may 25", "3/14", "in 3 days"). Only the calendar date is taken from chrono: hours are read by
 * the clock rules and instants are built in the IANA zone, so DST is handled there.
 */
export function findDayRanges(text: string, ctx: CalendarContext): DayRange[] {
  const today = wallClockAt(ctx.now, ctx.timeZone);
  const out: DayRange[] = [];
  let rest = text;
  for (const rule of RULES) {
    for (const m of rest.matchAll(rule.re)) {
      const before = rest.slice(Math.max(0, m.index - 10), m.index);
      if (NOT_A_DAY.test(before)) continue;
      const r = rule.resolve(m, today);
      if (!r) continue;
      out.push({ ...r, start: m.index, end: m.index + m[0].length });
      rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
  }
  const reference = { instant: ctx.now, timezone: offsetMinutesAt(ctx.now, ctx.timeZone) };
  // Habits are not dates: chrono reads "weekday" as a day.
  rest = rest.replace(/(?<![a-z])(?:week ?days?|week ?nights?|weekends|every ?day|daily)(?![a-z])/g, (s) =>
    " ".repeat(s.length),
  );
  for (const r of chrono.casual.parse(rest, reference, { forwardDate: true })) {
    const s = r.start;
    if (!s.isCertain("day") && !s.isCertain("weekday") && !s.isCertain("month")) continue;
    if (r.tags().has("result/relativeDateAndTime") || /^(?:right )?now$/.test(r.text)) continue;
    if (NOT_A_DAY.test(rest.slice(Math.max(0, r.index - 10), r.index)) || NOT_A_DAY.test(r.text)) continue;
    // US dates are month/day: "24/7" and "4/5" (a rating) are not dates.
    const slash = r.text.match(/^(\d{1,2})\/(\d{1,2})$/);
    if (slash && (Number(slash[1]) > 12 || Number(slash[2]) <= 5)) continue;
    const from = { year: s.get("year")!, month: s.get("month")!, day: s.get("day")! };
    const e = r.end;
    const to = e?.isCertain("day")
      ? { year: e.get("year")!, month: e.get("month")!, day: e.get("day")! }
      : from;
    out.push({ from, to, start: r.index, end: r.index + r.text.length });
  }
  return out.sort((a, b) => a.start - b.start);
}
