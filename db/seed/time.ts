/**
 * Wall-clock arithmetic in a named time zone, independent of the process's own TZ.
 *
 * A local calendar date is a day number (days since 1970-01-01, a proleptic calendar with no zone);
 * a local time is minutes after midnight. Offsets come from core/zoned-time and are cached per
 * zone and local hour, which is exact for zones whose transitions fall on the hour (all of the
 * metros'); the cache is what makes generating 100 000 providers' history fast.
 */

import { offsetMinutesAt } from "../../core/zoned-time.js";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms (negative west of Greenwich). */
export function offsetAt(epochMs: number, timeZone: string): number {
  return offsetMinutesAt(new Date(epochMs), timeZone) * MINUTE_MS;
}

/**
 * The instant at which the wall clock of `timeZone` reads `minutes` after midnight of local day
 * `day`; what PostgreSQL computes for `(date + time) AT TIME ZONE tz` at any hour that exists once.
 */
export function zonedToUtc(day: number, minutes: number, timeZone: string): number {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  const hourKey = Math.floor(wall / 3_600_000);
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  let offset = cache.get(hourKey);
  if (offset === undefined) {
    // Guess with the offset at the wall time read as UTC, then correct once: the second reading
    // is right unless the hour does not exist (spring forward), which business hours never hit.
    const first = offsetAt(wall, timeZone);
    const second = offsetAt(wall - first, timeZone);
    offset = second;
    cache.set(hourKey, offset);
  }
  return wall - offset;
}

/** The local calendar day of an instant in `timeZone`. */
export function localDay(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetAt(epochMs, timeZone)) / DAY_MS);
}

/** 0 is Sunday, as PostgreSQL's extract(dow). */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Every minute of the day formatted once: a million hours rows then share 1,440 strings.
const HHMM = Array.from(
  { length: 24 * 60 + 1 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`,
);

/** "09:30" from 570. */
export function hhmm(minutes: number): string {
  const s = HHMM[minutes];
  if (s === undefined) throw new RangeError(`${minutes} is not a minute of the day`);
  return s;
}
