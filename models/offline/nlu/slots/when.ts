import {
  addDays,
  type CalendarDate,
  compareDates,
  formatInZone,
  instantAt,
  wallClockAt,
} from "../../../../core/zoned-time.js";
import { BUSINESS_DAY } from "../lexicon/time-words.js";
import { NUMBER_PATTERN, parseNumber } from "../numbers.js";
import { type CalendarContext, type DayRange, findDayRanges } from "./calendar.js";
import { findTimesOfDay, type TimeOfDay, type TimeOfDayMention } from "./clock.js";
import type { TimeWindow } from "./types.js";
import type { WorkingText } from "./working-text.js";

const RELATIVE = new RegExp(
  `(?<![a-z])(?:in|within) (?:the next )?(${NUMBER_PATTERN}|an?|half an?) ?(hours?|hrs?|minutes?|mins?)(?![a-z])`,
  "g",
);
// Habits and the past name no time to book: "keeps me up at night", "since this morning".
const NOT_A_TIME = /(?:\bsince|\bevery|\beach|\bat|\bup) $/;

const QUARTER = 15 * 60_000;

function roundUpToQuarter(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / QUARTER) * QUARTER);
}

/** "in two hours", "within 30 minutes": an instant counted from now. */
function findRelative(text: string, now: Date): { at: Date; start: number; end: number } | undefined {
  for (const m of text.matchAll(RELATIVE)) {
    const raw = m[1]!;
    const n = /^half/.test(raw) ? 0.5 : /^an?$/.test(raw) ? 1 : parseNumber(raw);
    if (n === undefined) continue;
    const minutes = /^h/.test(m[2]!) ? n * 60 : n;
    return { at: new Date(now.getTime() + minutes * 60_000), start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

// "move tomorrow's appointment to saturday": the day after "to" is the one wanted.
const CHANGE_VERB =
  /(?<![a-z])(?:move|moving|change|changing|reschedule|rebook|switch|push|bump|shift|postpone|make it|instead)(?![a-z])/;
const TARGET_BEFORE = /(?:\bto|\bfor|\buntil|\btill|\binstead of|->|=>) (?:the )?$/;

// "My mother in law is visiting next friday": a day that says when something else happens.
const OTHER_EVENT =
  /\b(?:visit\w*|arriv\w*|in town|coming (?:over|to town|in)|party|wedding|birthday|flight|flying|guests?|event|interview|leaving|moving|move)\b[^,.;!?]*$/;

function pickTarget<T extends { start: number }>(found: T[], text: string, isChange: boolean): T | undefined {
  if (found.length >= 2 && !isChange) {
    // Of several days, the one the service is wanted on, not that of the event it is for.
    const clauseBefore = (f: T) =>
      text
        .slice(Math.max(0, f.start - 40), f.start)
        .split(/\b(?:and|so|but)\b/)
        .at(-1)!;
    return found.find((f) => !OTHER_EVENT.test(clauseBefore(f))) ?? found[0];
  }
  if (found.length < 2 || !isChange) return found[0];
  return (
    found.find((f) => TARGET_BEFORE.test(text.slice(Math.max(0, f.start - 14), f.start))) ?? found.at(-1)
  );
}

/** The time that goes with the chosen day: the nearest to it, a precise time before a part of day. */
function pickTime(
  times: TimeOfDayMention[],
  text: string,
  isChange: boolean,
  day: DayRange | undefined,
): TimeOfDayMention | undefined {
  if (times.length === 0) return undefined;
  let candidates = times;
  if (isChange && times.length > 1) {
    const target = times.filter((t) => TARGET_BEFORE.test(text.slice(Math.max(0, t.start - 14), t.start)));
    if (target.length > 0) candidates = target;
  }
  const precise = candidates.filter((t) => !(t.time.kind === "window" && t.time.source === "part"));
  if (precise.length > 0) candidates = precise;
  if (!day) return candidates[0];
  const distance = (t: TimeOfDayMention) =>
    Math.min(Math.abs(t.start - day.end), Math.abs(day.start - t.end));
  return [...candidates].sort((a, b) => distance(a) - distance(b))[0];
}

/** "change it from 3 to 5pm": with a change verb, a from-to range names the new time only. */
function changedTime(
  t: TimeOfDayMention | undefined,
  text: string,
  isChange: boolean,
): TimeOfDay | undefined {
  if (!t) return undefined;
  if (
    isChange &&
    t.time.kind === "window" &&
    t.time.source === "range" &&
    /^from /.test(text.slice(t.start, t.end).trim())
  ) {
    return { kind: "exact", minute: t.time.end };
  }
  return t.time;
}

export interface ResolvedWindow {
  start: Date;
  end: Date;
  spans: { start: number; end: number }[];
}

/**
 * Days and a time of day combined into one window:
 * - a time with no day is today, or tomorrow once it has passed;
 * - a run of days takes the time's start on its first day and its end on its last;
 * - a window that starts before now is clipped to now (rounded up to the quarter hour).
 */
export function resolveWindow(
  text: string,
  ctx: CalendarContext,
  { dayStart = BUSINESS_DAY.start, dayEnd = BUSINESS_DAY.end, clip = true } = {},
): ResolvedWindow | undefined {
  const relative = findRelative(text, ctx.now);
  if (relative) return { start: relative.at, end: relative.at, spans: [relative] };
  const days = findDayRanges(text, ctx);
  const times = findTimesOfDay(text).filter(
    (t) =>
      !NOT_A_TIME.test(text.slice(Math.max(0, t.start - 6), t.start)) &&
      !days.some((d) => t.start >= d.start && t.end <= d.end && !t.impliesToday),
  );
  const isChange = CHANGE_VERB.test(text);
  const day = pickTarget(days, text, isChange);
  const time = pickTime(times, text, isChange, day);
  if (!day && !time) return undefined;
  const today = wallClockAt(ctx.now, ctx.timeZone);
  // A day already gone ("yesterday", "last night") is something that happened, not a booking.
  if (day && compareDates(day.to, today) < 0) return undefined;
  const spans = [day, time].filter((x): x is DayRange | TimeOfDayMention => x !== undefined);
  const timeOfDay = changedTime(time, text, isChange);
  const window = (from: CalendarDate, to: CalendarDate, t: TimeOfDay | undefined) => {
    const startMin = t ? (t.kind === "exact" ? t.minute : t.start) : dayStart;
    const endMin = t ? (t.kind === "exact" ? t.minute : t.end) : dayEnd;
    return {
      start: instantAt(from, Math.floor(startMin / 60), startMin % 60, ctx.timeZone),
      end: instantAt(
        addDays(to, Math.floor(endMin / (24 * 60))),
        Math.floor(endMin / 60) % 24,
        endMin % 60,
        ctx.timeZone,
      ),
    };
  };
  let from: CalendarDate;
  let to: CalendarDate;
  if (day) {
    from = day.from;
    to = day.to;
  } else {
    from = today;
    to = today;
    const probe = window(today, today, timeOfDay);
    const passed = timeOfDay?.kind === "exact" ? probe.start <= ctx.now : probe.end <= ctx.now;
    if (passed && !time?.impliesToday) {
      from = addDays(today, 1);
      to = from;
    }
  }
  const w = window(from, to, timeOfDay);
  if (
    clip &&
    compareDates(from, today) <= 0 &&
    w.start < ctx.now &&
    w.end > ctx.now &&
    timeOfDay?.kind !== "exact"
  ) {
    w.start = roundUpToQuarter(ctx.now);
  }
  return { ...w, spans };
}

/** The consumer's "when": see {@link resolveWindow} and lexicon/time-words.ts for the conventions. */
export function extractWhen(w: WorkingText, ctx: CalendarContext, original: string): TimeWindow | undefined {
  const r = resolveWindow(w.value, ctx);
  if (!r) return undefined;
  const from = Math.min(...r.spans.map((s) => s.start));
  const to = Math.max(...r.spans.map((s) => s.end));
  for (const s of r.spans) w.consume(s.start, s.end);
  return {
    start: formatInZone(r.start, ctx.timeZone),
    end: formatInZone(r.end, ctx.timeZone),
    text: original.slice(from, to).trim(),
  };
}
