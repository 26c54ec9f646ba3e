import { pad } from "../../../../core/zoned-time.js";
import { WEEKDAY_PATTERN, WEEKDAY_SHORT_PATTERN, weekdayNumber } from "../lexicon/time-words.js";
import { findTimesOfDay } from "./clock.js";
import type { WeeklyHours } from "./types.js";
import type { WorkingText } from "./working-text.js";

const DAY = `(?:${WEEKDAY_PATTERN}|${WEEKDAY_SHORT_PATTERN})`;
const DAY_RANGE = new RegExp(`(?<![a-z])(${DAY}) ?(?:-|to|through|thru|till|until) ?(${DAY})(?![a-z])`, "g");
const GROUPS: [RegExp, number[]][] = [
  [/(?<![a-z])(?:week ?days|weekdays|mon-fri)(?![a-z])/g, [1, 2, 3, 4, 5]],
  [/(?<![a-z])(?:week ?ends|weekends)(?![a-z])/g, [0, 6]],
  [/(?<![a-z])(?:every ?day|daily|seven days a week|7 days a week)(?![a-z])/g, [0, 1, 2, 3, 4, 5, 6]],
];
const PLURAL_DAY = new RegExp(
  `(?<![a-z])(?:every |on )?(${WEEKDAY_PATTERN.replace("days?", "days")})(?![a-z])`,
  "g",
);
const SINGLE_DAY = new RegExp(`(?<![a-z])(?:on )?(${WEEKDAY_PATTERN.replace("days?", "day")})(?![a-z])`, "g");

// "not open", "no longer working", "won't be taking bookings": a negation before opening or working.
const NOT_OPEN =
  "(?:don'?t|do not|doesn'?t|does not|won'?t|will not|aren'?t|are not|isn'?t|is not|not|no longer|never) (?:be )?(?:open|opening|work|working|taking (?:any )?(?:bookings|clients|appointments))";
const CLOSED = new RegExp(
  `(?<![a-z])(?:off|closed|close|shut|no work|day off|stopped working|${NOT_OPEN}|don'?t take (?:any )?bookings|no bookings|unavailable)(?![a-z])`,
);
const OPEN_AT =
  /(?<![a-z])(?:open|start|starting|opens|opening|begin) (?:up )?(?:at |from )?(\d{1,2})(?::(\d{2}))? ?(am|pm)?(?![a-z0-9])/;
const CLOSE_AT =
  /(?<![a-z])(?:open |work )?(?:till|until|til|to|closes? at|closing at|shut at|finish at|finish up at|done by|leave at) (\d{1,2})(?::(\d{2}))? ?(am|pm)?(?![a-z0-9])/;
// A singular weekday is a habit only with one of these ("saturday hours 9 to 1", "closed sunday").
const HOURS_CUE = /(?<![a-z])(?:hours|open|closed|close|work|working|availability|available)(?![a-z])/;

// "I take lunch 12 to 1", "a break from 3 to 3:30 on saturdays": a gap inside the hours.
const BREAK_CUE = /(?<![a-z])(?:lunch|lunch ?break|break|breaks|step out|siesta)(?![a-z])/;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

function hhmm(minute: number): string {
  return `${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`;
}

function clockToMinute(h: string, m: string | undefined, mer: string | undefined, asEnd: boolean): number {
  let hour = Number(h);
  if (mer === "pm" && hour < 12) hour += 12;
  else if (mer === "am" && hour === 12) hour = 0;
  else if (!mer && (asEnd ? hour <= 11 : hour <= 6)) hour += 12;
  return hour * 60 + Number(m ?? 0);
}

function clausesOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  // "and" starts a clause of its own only before another statement of hours ("… and closed sundays").
  for (const m of text.matchAll(
    /[,.;!?\n]+(?:\s|$)| but | and (?=(?:i'?m |we'?re |i am |we are |i'?ll be |we'?ll be )?(?:closed|off|open|shut|not open|no longer open)(?![a-z]))/g,
  )) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

interface DaysFound {
  weekdays: number[];
  spans: { start: number; end: number }[];
  singular: boolean;
}

function weekdaysIn(clause: string): DaysFound {
  const days = new Set<number>();
  const spans: { start: number; end: number }[] = [];
  let rest = clause;
  let singular = false;
  const take = (m: RegExpExecArray) => {
    spans.push({ start: m.index, end: m.index + m[0].length });
    rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice(m.index + m[0].length);
  };
  for (const m of clause.matchAll(DAY_RANGE)) {
    const a = weekdayNumber(m[1]!);
    const b = weekdayNumber(m[2]!);
    if (a === undefined || b === undefined) continue;
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
    take(m);
  }
  for (const [re, group] of GROUPS) {
    for (const m of rest.matchAll(re)) {
      for (const d of group) days.add(d);
      take(m);
    }
  }
  for (const m of rest.matchAll(PLURAL_DAY)) {
    const d = weekdayNumber(m[1]!);
    if (d === undefined) continue;
    days.add(d);
    take(m);
  }
  if (days.size === 0 && HOURS_CUE.test(clause) && !/(?<![a-z])(?:next|this|the \d|tomorrow)/.test(clause)) {
    for (const m of rest.matchAll(SINGLE_DAY)) {
      const d = weekdayNumber(m[1]!);
      if (d === undefined) continue;
      days.add(d);
      singular = true;
      take(m);
    }
  }
  return { weekdays: [...days].sort((a, b) => a - b), spans, singular };
}

/**
 * A provider's weekly opening hours, one entry per clause: "9 to 5 on weekdays", "open saturdays
 * 10-2", "off Mondays", "closed sundays", "open till 9 weekdays". Recurring days are plural
 * ("mondays"), named groups ("weekdays"), ranges ("tue-sat"), or a singular day next to an hours
 * word ("saturday hours 9 to 1", "closed sunday"); "off monday" alone is time off, not hours.
 */
export function extractHours(w: WorkingText): WeeklyHours[] | undefined {
  const text = w.value;
  const out: WeeklyHours[] = [];
  for (const c of clausesOf(text)) {
    const clause = text.slice(c.start, c.end);
    const days = weekdaysIn(clause);
    const consume = (s: number, e: number) => w.consume(c.start + s, c.start + e);
    const range = findTimesOfDay(clause).find((t) => t.time.kind === "window" && t.time.source === "range");
    if (range && range.time.kind === "window" && BREAK_CUE.test(clause)) {
      // Without days named, the break is taken on every day the provider works.
      const weekdays = days.weekdays.length ? days.weekdays : EVERY_DAY;
      out.push({ weekdays, start: hhmm(range.time.start), end: hhmm(range.time.end), break: true });
      consume(range.start, range.end);
      for (const s of days.spans) consume(s.start, s.end);
      continue;
    }
    if (days.weekdays.length === 0) continue;
    if (range && range.time.kind === "window") {
      out.push({ weekdays: days.weekdays, start: hhmm(range.time.start), end: hhmm(range.time.end) });
      consume(range.start, range.end);
    } else {
      // "open at 10 and close at 4" gives hours; only a "close" without a time closes the day.
      const open = clause.match(OPEN_AT);
      const close = clause.match(CLOSE_AT);
      if (open || close) {
        const entry: WeeklyHours = { weekdays: days.weekdays };
        if (open) entry.start = hhmm(clockToMinute(open[1]!, open[2], open[3], false));
        if (close) entry.end = hhmm(clockToMinute(close[1]!, close[2], close[3], true));
        out.push(entry);
        if (open?.index !== undefined) consume(open.index, open.index + open[0].length);
        if (close?.index !== undefined) consume(close.index, close.index + close[0].length);
      } else if (CLOSED.test(clause)) {
        if (days.singular && !/(?<![a-z])closed?(?![a-z])/.test(clause)) continue;
        out.push({ weekdays: days.weekdays, closed: true });
      } else continue;
    }
    for (const s of days.spans) consume(s.start, s.end);
  }
  return out.length > 0 ? out : undefined;
}
