import type { Queryable } from "./pool.js";

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** Slots start on this grid from each opening time. */
export const SLOT_STEP_MIN = 30;
/** How far ahead of now a slot must start to be offered or booked. */
export const LEAD_TIME_MIN = 30;

/**
 * Free slots of a provider between two local calendar dates (inclusive): opening hours of each
 * day, in the provider's time zone, minus live bookings and time off, from now + lead time.
 *
 * Wall-clock times become instants inside PostgreSQL (`(date + time) AT TIME ZONE tz`), which
 * applies the zone's daylight-saving rules; the process's own TZ plays no part.
 */
export async function freeSlots(
  db: Queryable,
  args: {
    providerId: string;
    fromDate: string;
    toDate: string;
    durationMin: number;
    now: Date;
    limit?: number;
  },
): Promise<Slot[]> {
  const { rows } = await db.query<{ starts_at: Date; ends_at: Date }>(
    `WITH p AS (SELECT id, timezone FROM providers WHERE id = $1),
     windows AS (
       SELECT ((d.day + h.start_time) AT TIME ZONE p.timezone) AS open_at,
              ((d.day + h.end_time) AT TIME ZONE p.timezone) AS close_at
       FROM p
       JOIN weekly_hours h ON h.provider_id = p.id
       -- Plain timestamps (no zone) so that the session's TimeZone cannot shift a day.
       JOIN (SELECT g::date AS day FROM generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') g) d
         ON extract(dow FROM d.day) = h.weekday
     ),
     candidates AS (
       SELECT s AS starts_at, s + make_interval(mins => $4) AS ends_at
       FROM windows,
            generate_series(open_at, close_at - make_interval(mins => $4), make_interval(mins => $6)) s
     )
     SELECT c.starts_at, c.ends_at FROM candidates c
     WHERE c.starts_at >= $5::timestamptz + make_interval(mins => $7)
       AND NOT EXISTS (
         SELECT 1 FROM bookings b
         WHERE b.provider_id = $1 AND b.status <> 'cancelled'
           AND tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange(c.starts_at, c.ends_at, '[)'))
       AND NOT EXISTS (
         SELECT 1 FROM time_off t
         WHERE t.provider_id = $1 AND tstzrange(t.starts_at, t.ends_at, '[)') && tstzrange(c.starts_at, c.ends_at, '[)'))
     ORDER BY c.starts_at
     LIMIT $8`,
    [
      args.providerId,
      args.fromDate,
      args.toDate,
      args.durationMin,
      args.now,
      SLOT_STEP_MIN,
      LEAD_TIME_MIN,
      args.limit ?? 500,
    ],
  );
  return rows.map((r) => ({ startsAt: r.starts_at, endsAt: r.ends_at }));
}

/** The first free slots from a moment on, looking up to `days` days ahead. */
export async function nextFreeSlots(
  db: Queryable,
  args: { providerId: string; durationMin: number; now: Date; from?: Date; days?: number; limit?: number },
): Promise<Slot[]> {
  const from = args.from && args.from > args.now ? args.from : args.now;
  const { rows } = await db.query<{ d0: string; d1: string }>(
    `SELECT to_char(($2::timestamptz AT TIME ZONE p.timezone)::date - 1, 'YYYY-MM-DD') AS d0,
            to_char(($2::timestamptz AT TIME ZONE p.timezone)::date + $3::int, 'YYYY-MM-DD') AS d1
     FROM providers p WHERE p.id = $1`,
    [args.providerId, from, args.days ?? 14],
  );
  if (!rows[0]) return [];
  const slots = await freeSlots(db, {
    providerId: args.providerId,
    fromDate: rows[0].d0,
    toDate: rows[0].d1,
    durationMin: args.durationMin,
    now: from,
    limit: args.limit ?? 5,
  });
  return slots;
}

export type SlotProblem = "past" | "outside_hours" | "time_off";

/**
 * Why a provider cannot take an appointment at this time, if it cannot (bookings are left to the
 * exclusion constraint, which is the only check that holds under concurrency).
 */
export async function slotProblem(
  db: Queryable,
  args: { providerId: string; startsAt: Date; endsAt: Date; now: Date },
): Promise<SlotProblem | undefined> {
  if (args.startsAt.getTime() < args.now.getTime() + LEAD_TIME_MIN * 60_000) return "past";
  const { rows } = await db.query<{ within_hours: boolean; time_off: boolean }>(
    `WITH local AS (
       SELECT p.id, ($2::timestamptz AT TIME ZONE p.timezone) AS s, ($3::timestamptz AT TIME ZONE p.timezone) AS e
       FROM providers p WHERE p.id = $1
     )
     SELECT
       EXISTS (SELECT 1 FROM local JOIN weekly_hours h ON h.provider_id = local.id
               WHERE h.weekday = extract(dow FROM local.s)
                 AND local.s::time >= h.start_time
                 AND local.e <= local.s::date + h.end_time) AS within_hours,
       EXISTS (SELECT 1 FROM time_off t WHERE t.provider_id = $1
               AND tstzrange(t.starts_at, t.ends_at, '[)') && tstzrange($2, $3, '[)')) AS time_off`,
    [args.providerId, args.startsAt, args.endsAt],
  );
  const r = rows[0];
  if (!r?.within_hours) return "outside_hours";
  if (r.time_off) return "time_off";
  return undefined;
}

/**
 * Free slots that start inside [from, to) and end by `to`, over the local days the window spans
 * (each in the provider's zone).
 */
export async function slotsInWindow(
  db: Queryable,
  args: { providerId: string; durationMin: number; from: Date; to: Date; now: Date; limit?: number },
): Promise<Slot[]> {
  const { rows } = await db.query<{ d0: string; d1: string }>(
    `SELECT to_char(($2::timestamptz AT TIME ZONE p.timezone)::date, 'YYYY-MM-DD') AS d0,
            to_char(($3::timestamptz AT TIME ZONE p.timezone)::date, 'YYYY-MM-DD') AS d1
     FROM providers p WHERE p.id = $1`,
    [args.providerId, args.from, args.to],
  );
  if (!rows[0]) return [];
  const slots = await freeSlots(db, {
    providerId: args.providerId,
    fromDate: rows[0].d0,
    toDate: rows[0].d1,
    durationMin: args.durationMin,
    now: args.now,
  });
  return slots.filter((s) => s.startsAt >= args.from && s.endsAt <= args.to).slice(0, args.limit ?? 5);
}
