import { AROUND_MINUTES, BUSINESS_DAY, PARTS_OF_DAY } from "../lexicon/time-words.js";

/** A time of day in minutes after midnight, or a span of them. */
export type TimeOfDay =
  | { kind: "exact"; minute: number }
  | { kind: "window"; start: number; end: number; source: "range" | "after" | "before" | "around" | "part" };

export interface TimeOfDayMention {
  time: TimeOfDay;
  start: number;
  end: number;
  /** "tonight" also says which day. */
  impliesToday?: boolean;
}

const CLOCK = "(\\d{1,2})(?:[:.](\\d{2}))? ?(am|pm|a\\.m\\.?|p\\.m\\.?)?";
const CLOCK_WORD = "(noon|midday|midnight)";

export interface Clock {
  hour: number;
  minute: number;
  meridiem?: "am" | "pm";
}

function clockOf(
  h: string | undefined,
  m: string | undefined,
  mer: string | undefined,
  word?: string,
): Clock | undefined {
  if (word)
    return word === "midnight"
      ? { hour: 0, minute: 0, meridiem: "am" }
      : { hour: 12, minute: 0, meridiem: "pm" };
  if (h === undefined) return undefined;
  const hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (hour > 23 || minute > 59) return undefined;
  const meridiem = mer?.startsWith("a") ? "am" : mer?.startsWith("p") ? "pm" : undefined;
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  return meridiem ? { hour, minute, meridiem } : { hour, minute };
}

/** Minutes after midnight; an hour with no am/pm from 1 to 7 is taken as afternoon. */
export function resolveClock(c: Clock): number {
  let h = c.hour;
  if (c.meridiem === "pm" && h < 12) h += 12;
  else if (c.meridiem === "am" && h === 12) h = 0;
  else if (!c.meridiem && h >= 1 && h <= 7) h += 12;
  return h * 60 + c.minute;
}

/** A range's end: "10-2" ends at 14:00, "9 to 5" at 17:00. */
function resolveRange(a: Clock, b: Clock): { start: number; end: number } {
  const aa =
    a.meridiem || !b.meridiem
      ? a
      : { ...a, meridiem: a.hour <= b.hour || a.hour === 12 ? b.meridiem : ("am" as const) };
  const start = aa.meridiem
    ? resolveClock(aa)
    : a.hour >= 8 && a.hour <= 11
      ? a.hour * 60 + a.minute
      : resolveClock(aa);
  let end = resolveClock(b);
  if (!b.meridiem && end <= start) end += 12 * 60;
  if (end > 24 * 60) end -= 12 * 60;
  return { start, end };
}

const T = `(?:${CLOCK}|${CLOCK_WORD})`;
const RANGE = new RegExp(
  `(?<![a-z0-9$])(?:between|from)? ?${T} ?(?:-|to|and|until|till|til|through) ?${T}(?![a-z0-9])`,
  "g",
);
const AFTER = new RegExp(
  `(?<![a-z0-9])(?:after|aftr|afta|from|later than|any ?time after|past) ${T}(?: on(?:wards?)?)?(?![a-z0-9])`,
  "g",
);
const BEFORE = new RegExp(
  `(?<![a-z0-9])(?:before|befor|b4|by|no later than|until|till|til|up to|earlier than) ${T}(?![a-z0-9])`,
  "g",
);
const AROUND = new RegExp(
  `(?<![a-z0-9])(?:around|(?<!(?:how|what) )about|roughly|approximately|approx|circa|~) ?${T}(?![a-z0-9])|(?<![a-z0-9$])${T} ?-?ish(?![a-z])`,
  "g",
);
const AT = new RegExp(`(?<![a-z0-9])(?:at|@|for) ${T}(?![a-z0-9])`, "g");
const MERIDIEM = new RegExp(
  `(?<![a-z0-9$.:])(\\d{1,2})(?:[:.](\\d{2}))? ?(am|pm|a\\.m\\.?|p\\.m\\.?)(?![a-z])|(?<![a-z0-9$.])(\\d{1,2}):(\\d{2})(?![0-9])|(?<![a-z])${CLOCK_WORD}(?![a-z])`,
  "g",
);
// A bare hour said as a change: "make it 5", "could we do 4 instead", "how about 3".
const BARE_CHANGE =
  /(?<![a-z])(?:make it|change it to|move it to|switch (?:it )?to|do|how about|what about) (\d{1,2})(?::(\d{2}))?(?![0-9a-z:$])(?! ?(?:bed|bath|br|ba|star|min|hour|hr|people|mile|km|dollar|buck|%))/g;
const PARTS =
  /(?<![a-z])(tonight|this (?:morning|afternoon|evening)|(?:in the )?(?:early |late )?(morning|afternoon|evenings?|night|lunch ?time|lunch)|first thing|(?:before|after) work|after school)(?![a-z])/g;

function clockFromMatch(m: RegExpExecArray, offset: number): Clock | undefined {
  return clockOf(m[offset], m[offset + 1], m[offset + 2], m[offset + 3]);
}

/**
 * Every time-of-day expression, most specific first: ranges, "after 5", "before noon",
 * "around 3", "at 3", "3pm", a bare hour in a change ("make it 5"), then parts of the day.
 * Overlapping matches keep the one found first.
 */
export function findTimesOfDay(text: string): TimeOfDayMention[] {
  const out: TimeOfDayMention[] = [];
  const taken = (s: number, e: number) => out.some((o) => s < o.end && e > o.start);
  const add = (mention: TimeOfDayMention) => {
    // "after 5 minutes", "at 3 people": a count, not a clock time.
    if (
      /^ ?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|people|persons?|kids|bed|bath)/.test(
        text.slice(mention.end, mention.end + 10),
      )
    )
      return;
    if (!taken(mention.start, mention.end)) out.push(mention);
  };
  for (const m of text.matchAll(RANGE)) {
    const a = clockFromMatch(m, 1);
    const b = clockFromMatch(m, 5);
    if (!a || !b) continue;
    // "2.5 baths", "3-4 people" are not hours: insist on a time-like context.
    const bare = !/[a-z:]/.test(m[0].replace(/between|from|to|and|until|till|til|through/g, ""));
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (
      bare &&
      /^ ?(?:bed|bath|br|ba|people|kids|rooms?|hours?|minutes?|dollars?|bucks|\$|k\b|stars?)/.test(after)
    )
      continue;
    if (bare && /\$ ?$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const { start, end } = resolveRange(a, b);
    if (end <= start) continue;
    add({
      time: { kind: "window", start, end, source: "range" },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(AFTER)) {
    const c = clockFromMatch(m, 1);
    if (!c) continue;
    add({
      time: { kind: "window", start: resolveClock(c), end: BUSINESS_DAY.end, source: "after" },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(BEFORE)) {
    const c = clockFromMatch(m, 1);
    if (!c) continue;
    add({
      time: { kind: "window", start: BUSINESS_DAY.start, end: resolveClock(c), source: "before" },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(AROUND)) {
    const c = clockFromMatch(m, 1) ?? clockFromMatch(m, 5);
    if (!c || (!c.meridiem && c.hour > 12)) continue;
    const at = resolveClock(c);
    add({
      time: { kind: "window", start: at - AROUND_MINUTES, end: at + AROUND_MINUTES, source: "around" },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(AT)) {
    const c = clockFromMatch(m, 1);
    if (!c) continue;
    if (m[0].startsWith("for") && !c.meridiem && m[2] === undefined) continue; // "for 2" is a count
    add({ time: { kind: "exact", minute: resolveClock(c) }, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(MERIDIEM)) {
    const c =
      m[1] !== undefined
        ? clockOf(m[1], m[2], m[3])
        : m[4] !== undefined
          ? clockOf(m[4], m[5], undefined)
          : clockOf(undefined, undefined, undefined, m[6]);
    if (!c) continue;
    add({ time: { kind: "exact", minute: resolveClock(c) }, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(BARE_CHANGE)) {
    const c = clockOf(m[1], m[2], undefined);
    if (!c || c.hour < 1 || c.hour > 12) continue;
    const at = m.index + m[0].length - m[1]!.length - (m[2] ? m[2].length + 1 : 0);
    add({ time: { kind: "exact", minute: resolveClock(c) }, start: at, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(PARTS)) {
    // "good morning", "morning!", "weekday evenings": a greeting or a habit, not a time; "ran all
    // night" is how long something went on.
    const before = text.slice(Math.max(0, m.index - 9), m.index);
    if (/(?:good |week ?days? |week ?nights? |weekends? |every |each |at |since |last )$/.test(before))
      continue;
    if (m[1] === "night" && /(?:\ball |\bthrough the |\bthe whole )$/.test(before)) continue;
    if (m.index === 0 && /^(?:morning|afternoon|evening|night)[ !.,]*$/.test(text)) continue;
    const word = m[1]!
      .replace(/^(?:this |in the )/, "")
      .replace(/^(?:early|late) /, "")
      .replace(/\s+/g, "");
    const part = PARTS_OF_DAY[m[0]] ?? PARTS_OF_DAY[word] ?? PARTS_OF_DAY[word.replace(/s$/, "")];
    if (!part) continue;
    add({
      time: { kind: "window", start: part.start, end: part.end, source: "part" },
      start: m.index,
      end: m.index + m[0].length,
      impliesToday: m[1] === "tonight" || m[1]!.startsWith("this "),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
