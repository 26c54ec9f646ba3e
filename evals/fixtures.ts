import { locateZip } from "../db/geo.js";
import type { Db, Queryable } from "../db/pool.js";
import { saveProviderProfile } from "../db/provider-profile.js";
import { localDay, weekdayOf, zonedToUtc } from "../db/seed/time.js";
import { upsertUser } from "../db/users.js";
import { type Fixtures, type Person, peopleOf, type Scenario } from "./scenario.js";
import { emptyRefs, type Refs } from "./tables.js";

/**
 * Puts a scenario's fixtures into its database before the conversation starts: people, providers
 * (through the real profile code, so that search documents and hours are what the app writes),
 * then bookings, requests, offers, reviews and favourites as plain rows, in whatever state the
 * scenario needs (a past, completed booking; an offer already declined).
 */

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export class FixtureError extends Error {
  override name = "FixtureError";
}

/**
 * A fixture time: an ISO instant with an offset, or relative to the scenario's `now` in a time zone:
 * `+2d 10:00` (two local days later at 10:00), `-3d 14:30`, `+0d 18:00`, `+90m`, `-2h`,
 * `friday 16:00` (the next Friday after today, local).
 */
export function resolveTime(expr: string, now: Date, timeZone: string): Date {
  const s = expr.trim().toLowerCase();
  const days = /^([+-]\d+)d\s+([01]?\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (days) {
    const day = localDay(now.getTime(), timeZone) + Number(days[1]);
    return new Date(zonedToUtc(day, Number(days[2]) * 60 + Number(days[3]), timeZone));
  }
  const offset = /^([+-]\d+)(m|h)$/.exec(s);
  if (offset) return new Date(now.getTime() + Number(offset[1]) * (offset[2] === "h" ? 3_600_000 : 60_000));
  const weekday =
    /^(?:next\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\s+([01]?\d|2[0-3]):([0-5]\d)$/.exec(
      s,
    );
  if (weekday) {
    const today = localDay(now.getTime(), timeZone);
    const target = DAY_NAMES.indexOf(weekday[1]!);
    const ahead = (target - weekdayOf(today) + 7) % 7 || 7;
    return new Date(zonedToUtc(today + ahead, Number(weekday[2]) * 60 + Number(weekday[3]), timeZone));
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(s)) return new Date(expr);
  throw new FixtureError(
    `cannot read the time "${expr}": use an ISO instant with an offset, "+2d 10:00", "-1h" or "friday 16:00"`,
  );
}

const DAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** "mon-fri" → [1,2,3,4,5]; "sat" → [6]; "fri-mon" wraps. */
export function weekdaysOf(spec: string): number[] {
  const [a, b] = spec.toLowerCase().split("-");
  const from = DAY_INDEX[a!]!;
  const to = b ? DAY_INDEX[b]! : from;
  const out: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    out.push(d);
    if (d === to) break;
  }
  return out;
}

/** Who the scenario's people are in the database (`renameUser` maps ids in --url mode). */
export interface PeopleIds {
  /** Scenario user id → database user id. */
  user(id: string): string;
}

export const sameIds: PeopleIds = { user: (id) => id };

/** Creates the scenario's people and fixtures; returns the fixture ids by ref. */
export async function applyFixtures(
  db: Db,
  scenario: Pick<Scenario, "principal" | "actors" | "fixtures" | "now">,
  ids: PeopleIds = sameIds,
): Promise<Refs> {
  const refs = emptyRefs();
  const now = new Date(scenario.now);
  const f: Fixtures = scenario.fixtures;
  const people = [...Object.values(peopleOf(scenario)), ...f.users];
  const byId = new Map<string, Person>();
  for (const p of people) {
    byId.set(p.userId, p);
    await upsertUser(db, { ...p, id: ids.user(p.userId) });
  }
  const zoneOf = (userId: string) =>
    byId.get(userId)?.timezone ?? scenario.principal.timezone ?? "America/Chicago";
  const remember = (ref: string | undefined, id: string) => {
    if (!ref) return;
    if (refs.ids.has(ref)) throw new FixtureError(`the fixture ref "${ref}" is used twice`);
    refs.ids.set(ref, id);
    refs.names.set(id, ref);
  };

  const providerZones = new Map<string, string>();
  for (const p of f.providers) {
    const userId = ids.user(p.userId ?? `eval-provider-${p.ref}`);
    await upsertUser(db, { id: userId, role: "provider", name: p.name, zip: p.zip, timezone: p.timezone });
    const { profile } = await saveProviderProfile(db, {
      userId,
      input: {
        name: p.name,
        category: p.category,
        bio: p.bio,
        zip: p.zip,
        serviceRadiusKm: p.radiusKm,
        timezone: p.timezone,
        services: p.services,
        weeklyHours: p.hours.flatMap((h) =>
          weekdaysOf(h.days).map((weekday) => ({ weekday, start: h.from, end: h.to })),
        ),
        timeOff: p.timeOff.map((t) => ({
          startsAt: resolveTime(t.from, now, p.timezone).toISOString(),
          endsAt: resolveTime(t.to, now, p.timezone).toISOString(),
          reason: t.reason,
        })),
        details: {
          ...(p.specialties ? { specialties: p.specialties } : {}),
          ...(p.languages ? { languages: p.languages } : {}),
        },
      },
    });
    if (p.rating !== undefined)
      await db.query("UPDATE providers SET rating = $2 WHERE id = $1", [profile.id, p.rating]);
    remember(p.ref, profile.id);
    providerZones.set(profile.id, p.timezone);
  }

  const provider = async (ref: string) => {
    const known = refs.ids.get(ref);
    const { rows } = await db.query<{ id: string; timezone: string }>(
      "SELECT id, timezone FROM providers WHERE id::text = $1 OR user_id = $2",
      [known ?? "00000000-0000-0000-0000-000000000000", ids.user(ref)],
    );
    if (!rows[0])
      throw new FixtureError(`no provider "${ref}": name a fixture provider's ref or a provider's user id`);
    return rows[0];
  };

  for (const b of f.bookings) {
    const p = await provider(b.provider);
    const { rows } = await db.query<{ id: string; name: string; price_cents: number; duration_min: number }>(
      `SELECT id, name, price_cents, duration_min FROM services WHERE provider_id = $1 AND active
       ORDER BY (lower(name) = lower($2)) DESC, (name ILIKE '%' || $2 || '%') DESC, price_cents LIMIT 1`,
      [p.id, b.service ?? ""],
    );
    const service = rows[0];
    if (!service) throw new FixtureError(`provider "${b.provider}" has no services to book`);
    if (b.service && !service.name.toLowerCase().includes(b.service.toLowerCase()))
      throw new FixtureError(`provider "${b.provider}" has no service like "${b.service}"`);
    const consumer = ids.user(b.consumer ?? scenario.principal.userId);
    const startsAt = resolveTime(b.at, now, p.timezone);
    const endsAt = new Date(startsAt.getTime() + service.duration_min * 60_000);
    const cancelled = b.status === "cancelled";
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO bookings (consumer_id, provider_id, service_id, service_name, starts_at, ends_at, status, price_cents,
         cancelled_at, cancelled_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        consumer,
        p.id,
        service.id,
        service.name,
        startsAt,
        endsAt,
        b.status,
        service.price_cents,
        cancelled ? now : null,
        cancelled ? consumer : null,
        new Date(now.getTime() - 7 * 86_400_000),
      ],
    );
    remember(b.ref, inserted.rows[0]!.id);
  }

  for (const r of f.requests) {
    const consumer = r.consumer ?? scenario.principal.userId;
    const zip = r.zip ?? byId.get(consumer)?.zip;
    const where = zip ? locateZip(zip) : undefined;
    if (!zip || !where) throw new FixtureError(`request "${r.ref}" needs a known zip`);
    const tz = zoneOf(consumer);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO service_requests (consumer_id, category, description, zip, lat, lng, window_start, window_end, budget_cents, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        ids.user(consumer),
        r.category,
        r.description,
        zip,
        where.lat,
        where.lng,
        resolveTime(r.from, now, tz),
        resolveTime(r.to, now, tz),
        r.budgetCents ?? null,
        r.status,
      ],
    );
    remember(r.ref, rows[0]!.id);
  }

  for (const o of f.offers) {
    const requestId = refs.ids.get(o.request);
    if (!requestId) throw new FixtureError(`offer on unknown request "${o.request}"`);
    const p = await provider(o.provider);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO offers (request_id, provider_id, price_cents, starts_at, duration_min, message, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        requestId,
        p.id,
        o.priceCents,
        resolveTime(o.at, now, p.timezone),
        o.durationMin,
        o.message ?? null,
        o.status,
      ],
    );
    remember(o.ref, rows[0]!.id);
  }

  for (const r of f.reviews) {
    const bookingId = refs.ids.get(r.booking);
    if (!bookingId) throw new FixtureError(`review of unknown booking "${r.booking}"`);
    await db.query(
      `INSERT INTO reviews (booking_id, provider_id, consumer_id, rating, text)
       SELECT id, provider_id, consumer_id, $2, $3 FROM bookings WHERE id = $1`,
      [bookingId, r.rating, r.text],
    );
  }

  for (const fav of f.favorites) {
    const p = await provider(fav.provider);
    await db.query(
      "INSERT INTO favorites (consumer_id, provider_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [ids.user(fav.consumer ?? scenario.principal.userId), p.id],
    );
  }
  return refs;
}

/** Provider ids created by fixtures, for embedding them like the rest of the marketplace. */
export async function fixtureProviderIds(db: Queryable, refs: Refs): Promise<string[]> {
  const ids = [...refs.ids.values()];
  if (!ids.length) return [];
  const { rows } = await db.query<{ id: string }>("SELECT id FROM providers WHERE id::text = ANY($1)", [ids]);
  return rows.map((r) => r.id);
}
