import { formatInZone, instantAt, wallClockAt } from "../../../core/zoned-time.js";
import type { TimeWindow } from "../nlu/slots.js";
import { normaliseText } from "../nlu/text-normalise.js";

/** Something with a start instant: a slot, a booking, an offer. */
export interface Timed {
  startsAt: string;
}

const DAY_WORDS = new RegExp(
  [
    "today",
    "tonight",
    "tomorrow",
    "tmrw?",
    "weekend",
    "week",
    "(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|thurs|fri|sat(?:ur)?|sun)(?:day)?s?",
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?",
    "\\d{1,2}(?:st|nd|rd|th)",
    "\\d{1,2}/\\d{1,2}",
  ]
    .map((w) => `(?<![a-z])(?:${w})(?![a-z])`)
    .join("|"),
);

/** Whether the words of a time window name a day, or only a time of day ("4pm", "the 5:30 one"). */
export function namesDay(when: TimeWindow): boolean {
  return DAY_WORDS.test(normaliseText(when.text));
}

export function isExact(when: TimeWindow): boolean {
  return new Date(when.start).getTime() === new Date(when.end).getTime();
}

function minuteOfDay(iso: string, timeZone: string): number {
  const w = wallClockAt(new Date(iso), timeZone);
  return w.hour * 60 + w.minute;
}

function dayOf(iso: string, timeZone: string): string {
  const w = wallClockAt(new Date(iso), timeZone);
  return `${w.year}-${w.month}-${w.day}`;
}

/**
 * The items that match a time the user said: the same instant when they named a day, the same
 * time of day on any shown day when they did not ("the 5:30 one"); for a window, those inside it.
 */
export function matchTime<T extends Timed>(items: readonly T[], when: TimeWindow, timeZone: string): T[] {
  const start = new Date(when.start).getTime();
  const end = new Date(when.end).getTime();
  if (isExact(when)) {
    if (namesDay(when)) return items.filter((s) => new Date(s.startsAt).getTime() === start);
    const minute = minuteOfDay(when.start, timeZone);
    return items.filter((s) => minuteOfDay(s.startsAt, timeZone) === minute);
  }
  if (namesDay(when)) {
    return items.filter((s) => {
      const t = new Date(s.startsAt).getTime();
      return t >= start && t < end;
    });
  }
  // A part of the day alone ("in the evening") applies to any shown day.
  const from = minuteOfDay(when.start, timeZone);
  const to = minuteOfDay(when.end, timeZone) || 24 * 60;
  return items.filter((s) => {
    const m = minuteOfDay(s.startsAt, timeZone);
    return m >= from && m < to;
  });
}

/** Whether two instants fall on the same local day. */
export function sameDay(a: string, b: string, timeZone: string): boolean {
  return dayOf(a, timeZone) === dayOf(b, timeZone);
}

/** Items sorted by closeness to an instant. */
export function closestTo<T extends Timed>(items: readonly T[], iso: string): T[] {
  const t = new Date(iso).getTime();
  return [...items].sort(
    (a, b) => Math.abs(new Date(a.startsAt).getTime() - t) - Math.abs(new Date(b.startsAt).getTime() - t),
  );
}

/**
 * "4pm" said while a day is under discussion means 4pm that day: the day of the earlier request,
 * or the one day all shown slots are on. Otherwise the NLU's reading (today, or tomorrow once past).
 */
export function anchorTime(
  when: TimeWindow,
  earlier: TimeWindow | undefined,
  slots: readonly Timed[],
  timeZone: string,
): TimeWindow {
  if (!isExact(when) || namesDay(when)) return when;
  let anchor: string | undefined;
  if (earlier && namesDay(earlier)) anchor = earlier.start;
  else {
    const days = new Set(slots.map((s) => formatInZone(new Date(s.startsAt), timeZone).slice(0, 10)));
    if (days.size === 1) anchor = slots[0]!.startsAt;
  }
  if (!anchor) return when;
  const day = wallClockAt(new Date(anchor), timeZone);
  const t = wallClockAt(new Date(when.start), timeZone);
  const at = formatInZone(instantAt(day, t.hour, t.minute, timeZone), timeZone);
  return { start: at, end: at, text: when.text };
}

const TIME_OF_DAY_WORDS =
  /(?<![a-z])(?:\d{1,2}(?::\d\d)? ?(?:am|pm)?(?![a-z/])|morning|afternoon|evening|night|noon|midday|lunch(?:time)?|after work|after school|early|late|o'?clock|around|after|before|until|till|by)(?![a-z])/;

/** Whether a window names a day and nothing narrower ("thursday", "the 12th"), the whole day. */
export function namesDayOnly(when: TimeWindow): boolean {
  const words = normaliseText(when.text).replace(/\d{1,2}(?:st|nd|rd|th)|\d{1,2}\/\d{1,2}/g, " ");
  return namesDay(when) && !TIME_OF_DAY_WORDS.test(words);
}

/**
 * "Actually make it thursday" after "wednesday around noon": the earlier time of day, on the new
 * day. The earlier window must lie within one day; the result keeps its wall-clock hours.
 */
export function sameTimeOnDay(earlier: TimeWindow, day: TimeWindow, timeZone: string): TimeWindow {
  const from = wallClockAt(new Date(earlier.start), timeZone);
  const to = wallClockAt(new Date(earlier.end), timeZone);
  const target = wallClockAt(new Date(day.start), timeZone);
  if (from.year !== to.year || from.month !== to.month || from.day !== to.day) return day;
  const start = formatInZone(instantAt(target, from.hour, from.minute, timeZone), timeZone);
  const end = formatInZone(instantAt(target, to.hour, to.minute, timeZone), timeZone);
  const timeWords = normaliseText(earlier.text)
    .replace(new RegExp(DAY_WORDS.source, "g"), " ")
    .replace(/\b(?:on|this|next|the|of)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { start, end, text: `${day.text} ${timeWords}`.trim() };
}

// A number said alone in answer to the times shown ("9 works", "the 9 one", "2 please"): an hour.
const BARE_NUMBER =
  /(?<![a-z0-9$.:/])(\d{1,2})(?![0-9:/]| ?(?:am|pm|a\.m|p\.m|st|nd|rd|th|bed|bath|br|ba|star|min|hour|hr|people|mile|km|dollar|buck|%|\$))/g;

/**
 * The one shown time a bare hour picks: "9 works" after "8:00 AM, 8:30 AM, 9:00 AM" is 9:00. The
 * number counts only when it is the hour of exactly one of the times (on the hour), so a reading
 * of it as an hour is the only one that fits what the user saw.
 */
export function pickByBareHour<T extends Timed>(
  items: readonly T[],
  text: string,
  timeZone: string,
): T | undefined {
  const hours = [...normaliseText(text).matchAll(BARE_NUMBER)].map((m) => Number(m[1]));
  if (hours.length !== 1 || hours[0]! < 1 || hours[0]! > 12) return undefined;
  const hour = hours[0]! % 12;
  const fits = items.filter((s) => {
    const minute = minuteOfDay(s.startsAt, timeZone);
    return minute % 60 === 0 && Math.floor(minute / 60) % 12 === hour;
  });
  return fits.length === 1 ? fits[0] : undefined;
}
