/**
 * Wall-clock arithmetic in an IANA time zone without depending on the process TZ: instants are
 * converted with Intl, and calendar dates are plain {year, month, day} values.
 */

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const date = { year: parts.year!, month: parts.month!, day: parts.day! };
  return { ...date, hour: parts.hour! % 24, minute: parts.minute!, weekday: weekdayOf(date) };
}

/** Minutes east of UTC in `timeZone` at `instant` (-300 for New York in winter). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const truncated = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - truncated) / 60_000);
}

/**
 * The instant at which `timeZone` shows this wall clock. A time skipped by a spring-forward gap
 * moves forward by the gap (02:30 becomes 03:30); an ambiguous fall-back time takes the earlier one.
 */
export function instantAt(date: CalendarDate, hour: number, minute: number, timeZone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const candidates = new Set<number>();
  // The offset can differ either side of a transition, so try both nearby offsets.
  for (const probe of [naive - 36e5 * 12, naive, naive + 36e5 * 12]) {
    candidates.add(naive - offsetMinutesAt(new Date(probe), timeZone) * 60_000);
  }
  const exact = [...candidates]
    .filter((t) => {
      const w = wallClockAt(new Date(t), timeZone);
      return (
        w.year === date.year &&
        w.month === date.month &&
        w.day === date.day &&
        w.hour === hour &&
        w.minute === minute
      );
    })
    .sort((a, b) => a - b);
  if (exact.length > 0) return new Date(exact[0]!);
  // In a gap: the offset before the gap applied to the wall clock lands after it.
  const before = offsetMinutesAt(new Date(naive - 36e5 * 12), timeZone);
  return new Date(naive - before * 60_000);
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-03-08T09:00:00-04:00. */
export function formatInZone(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  const off = offsetMinutesAt(instant, timeZone);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-03-08T09:00" in the zone: the form the corpus labels use. */
export function localMinuteString(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}
