import { z } from "zod";
import { CATEGORIES, type Category } from "../core/categories.js";
import { AppError, notFound } from "../core/errors.js";
import { isTimeZone } from "../core/time.js";
import { API_ORIGIN, audit, type WriteOrigin } from "./audit.js";
import { locateZip, MAX_SERVICE_RADIUS_KM } from "./geo.js";
import { type Db, inTransaction, type Queryable } from "./pool.js";
import { diffProfiles, type ProfileChange } from "./profile-diff.js";

/** The agent-native profile: what a consumer's agent reads, and what a provider edits by chat. */
export interface ProviderProfile {
  id: string;
  name: string;
  category: Category;
  bio: string;
  zip: string;
  serviceRadiusKm: number;
  timezone: string;
  services: ServiceItem[];
  weeklyHours: HoursItem[];
  timeOff: TimeOffItem[];
  details: ProfileDetails;
  rating: number;
  reviewCount: number;
}

export interface ServiceItem {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  durationMin: number;
}

export interface HoursItem {
  /** 0 = Sunday … 6 = Saturday, in the provider's time zone. */
  weekday: number;
  start: string;
  end: string;
}

export interface TimeOffItem {
  startsAt: string;
  endsAt: string;
  reason: string | null;
}

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM (24-hour)")
  .describe("local time of day, HH:MM");

export const profileDetailsSchema = z
  .object({
    specialties: z.string().max(500).optional(),
    languages: z.array(z.string().min(1).max(40)).max(20).optional(),
    policies: z.string().max(1000).optional(),
    yearsInBusiness: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type ProfileDetails = z.infer<typeof profileDetailsSchema>;

export const serviceInputSchema = z
  .object({
    id: z.uuid().optional().describe("id of an existing service; omit to add a new one"),
    name: z.string().trim().min(1).max(80),
    description: z.string().max(1000).default(""),
    priceCents: z.number().int().min(0).max(10_000_000).describe("price in cents"),
    durationMin: z.number().int().min(5).max(720).describe("duration in minutes"),
  })
  .strict();

export const hoursInputSchema = z
  .object({ weekday: z.number().int().min(0).max(6).describe("0 = Sunday"), start: hhmm, end: hhmm })
  .strict()
  .refine((h) => h.start < h.end, { message: "opening hours must end after they start", path: ["end"] });

export const timeOffInputSchema = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().max(200).nullable().optional(),
  })
  .strict()
  .refine((t) => Date.parse(t.startsAt) < Date.parse(t.endsAt), {
    message: "time off must end after it starts",
    path: ["endsAt"],
  });

/**
 * The writable part of the profile. Read-only fields of the document (id, rating, reviewCount)
 * are accepted so that a client can send back what it read, and ignored.
 */
export const profileInputSchema = z
  .object({
    id: z.string().optional(),
    rating: z.number().optional(),
    reviewCount: z.number().optional(),
    name: z.string().trim().min(1).max(120),
    category: z.enum(CATEGORIES),
    bio: z.string().max(4000).default(""),
    zip: z.string().regex(/^\d{5}$/, "a 5-digit US zip code"),
    serviceRadiusKm: z.number().positive().max(MAX_SERVICE_RADIUS_KM).default(15),
    timezone: z.string().refine(isTimeZone, "an IANA time zone such as America/Chicago").optional(),
    services: z.array(serviceInputSchema).max(50),
    weeklyHours: z.array(hoursInputSchema).max(50),
    timeOff: z.array(timeOffInputSchema).max(100).optional(),
    details: profileDetailsSchema.default({}),
  })
  .strict();
export type ProfileInput = z.input<typeof profileInputSchema>;

const PROFILE_SQL = `
  SELECT p.id, p.user_id, p.name, p.category, p.bio, p.zip, p.service_radius_km, p.timezone, p.rating,
         p.review_count, p.profile,
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'description', s.description,
                   'priceCents', s.price_cents, 'durationMin', s.duration_min) ORDER BY s.price_cents, s.name)
                   FROM services s WHERE s.provider_id = p.id AND s.active), '[]') AS services,
         coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'start', to_char(h.start_time, 'HH24:MI'),
                   'end', to_char(h.end_time, 'HH24:MI')) ORDER BY h.weekday, h.start_time)
                   FROM weekly_hours h WHERE h.provider_id = p.id), '[]') AS weekly_hours,
         coalesce((SELECT json_agg(json_build_object('startsAt', t.starts_at, 'endsAt', t.ends_at, 'reason', t.reason)
                   ORDER BY t.starts_at)
                   FROM time_off t WHERE t.provider_id = p.id AND t.ends_at > now()), '[]') AS time_off
  FROM providers p`;

interface ProfileRow {
  id: string;
  user_id: string;
  name: string;
  category: Category;
  bio: string;
  zip: string;
  service_radius_km: number;
  timezone: string;
  rating: number;
  review_count: number;
  profile: ProfileDetails;
  services: ServiceItem[];
  weekly_hours: HoursItem[];
  time_off: { startsAt: string; endsAt: string; reason: string | null }[];
}

function toProfile(r: ProfileRow): ProviderProfile {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    bio: r.bio,
    zip: r.zip,
    serviceRadiusKm: r.service_radius_km,
    timezone: r.timezone,
    services: r.services,
    weeklyHours: r.weekly_hours,
    timeOff: r.time_off.map((t) => ({
      startsAt: new Date(t.startsAt).toISOString(),
      endsAt: new Date(t.endsAt).toISOString(),
      reason: t.reason,
    })),
    details: r.profile,
    rating: Math.round(r.rating * 10) / 10,
    reviewCount: r.review_count,
  };
}

export async function getProviderProfile(db: Queryable, id: string): Promise<ProviderProfile | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<ProfileRow>(`${PROFILE_SQL} WHERE p.id = $1`, [id]);
  return rows[0] && toProfile(rows[0]);
}

/** Several profiles in one query (a search's candidates), keyed by provider id. */
export async function getProviderProfiles(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, ProviderProfile>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<ProfileRow>(`${PROFILE_SQL} WHERE p.id = ANY($1::uuid[])`, [wanted]);
  return new Map(rows.map((r) => [r.id, toProfile(r)]));
}

export async function getProfileOfUser(db: Queryable, userId: string): Promise<ProviderProfile | undefined> {
  const { rows } = await db.query<ProfileRow>(`${PROFILE_SQL} WHERE p.user_id = $1`, [userId]);
  return rows[0] && toProfile(rows[0]);
}

export interface SavedProfile {
  profile: ProviderProfile;
  created: boolean;
  changes: ProfileChange[];
}

/**
 * Writes a provider's whole profile, creating it on first save (enrolment). Services match by
 * id, else by name; services left out are retired (kept for the bookings that reference them).
 * Hours are replaced; time off is replaced only when given.
 */
export async function saveProviderProfile(
  db: Db | Queryable,
  args: { userId: string; input: ProfileInput; origin?: WriteOrigin },
): Promise<SavedProfile> {
  const input = profileInputSchema.parse(args.input);
  const where = locateZip(input.zip);
  if (!where)
    throw new AppError("bad_request", `We do not know the zip code ${input.zip}.`, { field: "zip" });
  assertNoOverlappingHours(input.weeklyHours);
  assertDistinctServiceNames(input.services);

  return inTransaction(db, async (tx) => {
    const before = await lockedProfileOfUser(tx, args.userId);
    const timezone = input.timezone ?? before?.timezone ?? (await userTimeZone(tx, args.userId));
    let providerId: string;
    if (before) {
      providerId = before.id;
      await tx.query(
        `UPDATE providers SET name = $2, category = $3, bio = $4, zip = $5, lat = $6, lng = $7,
           service_radius_km = $8, timezone = $9, profile = $10, updated_at = now()
         WHERE id = $1`,
        [
          providerId,
          input.name,
          input.category,
          input.bio,
          input.zip,
          where.lat,
          where.lng,
          input.serviceRadiusKm,
          timezone,
          input.details,
        ],
      );
    } else {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO providers (user_id, name, category, bio, zip, lat, lng, service_radius_km, timezone, profile)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          args.userId,
          input.name,
          input.category,
          input.bio,
          input.zip,
          where.lat,
          where.lng,
          input.serviceRadiusKm,
          timezone,
          input.details,
        ],
      );
      providerId = rows[0]!.id;
    }
    await writeServices(tx, providerId, input.services, before?.services ?? []);
    await tx.query("DELETE FROM weekly_hours WHERE provider_id = $1", [providerId]);
    if (input.weeklyHours.length) {
      await tx.query(
        `INSERT INTO weekly_hours (provider_id, weekday, start_time, end_time)
         SELECT $1, * FROM unnest($2::smallint[], $3::time[], $4::time[])`,
        [
          providerId,
          input.weeklyHours.map((h) => h.weekday),
          input.weeklyHours.map((h) => h.start),
          input.weeklyHours.map((h) => h.end),
        ],
      );
    }
    if (input.timeOff) await writeTimeOff(tx, providerId, input.timeOff);

    const { rows } = await tx.query<ProfileRow>(`${PROFILE_SQL} WHERE p.id = $1`, [providerId]);
    const after = toProfile(rows[0]!);
    const changes = diffProfiles(before, after);
    const origin = args.origin ?? API_ORIGIN;
    await audit(tx, {
      actorId: args.userId,
      action: before ? "profile.update" : "profile.create",
      entity: "provider",
      entityId: providerId,
      via: origin.via,
      threadId: origin.threadId,
      toolCallId: origin.toolCallId,
      before: before ?? null,
      after,
    });
    return { profile: after, created: !before, changes };
  });
}

async function lockedProfileOfUser(tx: Queryable, userId: string): Promise<ProviderProfile | undefined> {
  // Two saves of one profile at once would interleave service rows; the row lock orders them.
  const { rows } = await tx.query<{ id: string }>("SELECT id FROM providers WHERE user_id = $1 FOR UPDATE", [
    userId,
  ]);
  if (!rows[0]) return undefined;
  return getProviderProfile(tx, rows[0].id);
}

async function userTimeZone(tx: Queryable, userId: string): Promise<string> {
  const { rows } = await tx.query<{ timezone: string }>("SELECT timezone FROM users WHERE id = $1", [userId]);
  if (!rows[0]) throw notFound("Your account");
  return rows[0].timezone;
}

async function writeServices(
  tx: Queryable,
  providerId: string,
  services: z.infer<typeof serviceInputSchema>[],
  existing: ServiceItem[],
): Promise<void> {
  const byId = new Map(existing.map((s) => [s.id, s]));
  const byName = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
  const kept = new Set<string>();
  const resolved = services.map((s) => {
    if (s.id && !byId.has(s.id)) {
      throw new AppError("bad_request", `The service ${s.id} is not one of yours.`, { field: "services" });
    }
    const match = s.id ? byId.get(s.id) : byName.get(s.name.toLowerCase());
    if (match) kept.add(match.id);
    return { ...s, id: match?.id };
  });
  const retired = existing.filter((s) => !kept.has(s.id)).map((s) => s.id);
  // Retire first, so that a renamed service can take a retired one's name.
  if (retired.length) {
    await tx.query("UPDATE services SET active = false, updated_at = now() WHERE id = ANY($1::uuid[])", [
      retired,
    ]);
  }
  for (const s of resolved) {
    if (s.id) {
      await tx.query(
        `UPDATE services SET name = $2, description = $3, price_cents = $4, duration_min = $5, updated_at = now()
         WHERE id = $1 AND (name, description, price_cents, duration_min) IS DISTINCT FROM ($2, $3, $4, $5)`,
        [s.id, s.name, s.description, s.priceCents, s.durationMin],
      );
    } else {
      await tx.query(
        `INSERT INTO services (provider_id, name, description, price_cents, duration_min) VALUES ($1, $2, $3, $4, $5)`,
        [providerId, s.name, s.description, s.priceCents, s.durationMin],
      );
    }
  }
}

async function writeTimeOff(tx: Queryable, providerId: string, items: z.infer<typeof timeOffInputSchema>[]) {
  await tx.query("DELETE FROM time_off WHERE provider_id = $1 AND ends_at > now()", [providerId]);
  if (!items.length) return;
  await tx.query(
    `INSERT INTO time_off (provider_id, starts_at, ends_at, reason)
     SELECT $1, * FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[])`,
    [
      providerId,
      items.map((t) => t.startsAt),
      items.map((t) => t.endsAt),
      items.map((t) => t.reason ?? null),
    ],
  );
}

function assertNoOverlappingHours(hours: { weekday: number; start: string; end: string }[]): void {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.weekday === cur.weekday && cur.start < prev.end) {
      throw new AppError("bad_request", `Opening hours overlap on ${WEEKDAYS[cur.weekday]}.`, {
        field: "weeklyHours",
      });
    }
  }
}

function assertDistinctServiceNames(services: { name: string }[]): void {
  const seen = new Set<string>();
  for (const s of services) {
    const key = s.name.toLowerCase();
    if (seen.has(key))
      throw new AppError("bad_request", `The service "${s.name}" is listed twice.`, { field: "services" });
    seen.add(key);
  }
}

export const WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
