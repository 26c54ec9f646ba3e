import type { Queryable } from "../pool.js";
import type {
  BookingRow,
  Marketplace,
  ProviderRow,
  ReviewRow,
  ServiceRow,
  TimeOffRow,
  UserRow,
  WeeklyHoursRow,
} from "./rows.js";

export interface SeedProgress {
  step: string;
  done: number;
  total: number;
}

export type ProgressFn = (p: SeedProgress) => void;

export interface InsertOptions {
  /** Rows per INSERT statement; each column travels as one array parameter, so any size works. */
  batchSize?: number;
  onProgress?: ProgressFn;
  /**
   * Put back the generated providers.updated_at that the services trigger overwrote (default true).
   * It costs one more search-document rebuild per provider; a bulk benchmark load can skip it.
   */
  restoreUpdatedAt?: boolean;
}

export const DEFAULT_BATCH_SIZE = 500;

type Column<R> = readonly [name: string, sqlType: string, value: (row: R) => unknown];

interface Table<R> {
  table: string;
  /** The word shown in progress lines. */
  step: string;
  columns: readonly Column<R>[];
  /** Appended to the INSERT, e.g. an ON CONFLICT clause. */
  suffix?: string;
}

// Timestamps travel as ISO strings: node-postgres would format a Date in the process's local
// zone, which is correct but makes the SQL log depend on TZ.
const iso = (d: Date | null) => d?.toISOString() ?? null;

const USERS: Table<UserRow> = {
  table: "users",
  step: "users",
  columns: [
    ["id", "text", (r) => r.id],
    ["role", "text", (r) => r.role],
    ["name", "text", (r) => r.name],
    ["zip", "text", (r) => r.zip],
    ["timezone", "text", (r) => r.timezone],
    ["created_at", "timestamptz", (r) => iso(r.createdAt)],
    ["updated_at", "timestamptz", (r) => iso(r.createdAt)],
  ],
  // A user row can exist before its provider: dev sign-in creates one for whoever signs in.
  suffix: `ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, name = EXCLUDED.name, zip = EXCLUDED.zip,
    timezone = EXCLUDED.timezone`,
};

const PROVIDERS: Table<ProviderRow> = {
  table: "providers",
  step: "providers",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["user_id", "text", (r) => r.userId],
    ["name", "text", (r) => r.name],
    ["category", "text", (r) => r.category],
    ["bio", "text", (r) => r.bio],
    ["zip", "text", (r) => r.zip],
    ["lat", "float8", (r) => r.lat],
    ["lng", "float8", (r) => r.lng],
    ["service_radius_km", "float8", (r) => r.serviceRadiusKm],
    ["timezone", "text", (r) => r.timezone],
    ["profile", "jsonb", (r) => JSON.stringify(r.profile)],
    ["created_at", "timestamptz", (r) => iso(r.createdAt)],
    ["updated_at", "timestamptz", (r) => iso(r.createdAt)],
  ],
};

const SERVICES: Table<ServiceRow> = {
  table: "services",
  step: "services",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["provider_id", "uuid", (r) => r.providerId],
    ["name", "text", (r) => r.name],
    ["description", "text", (r) => r.description],
    ["price_cents", "int4", (r) => r.priceCents],
    ["duration_min", "int4", (r) => r.durationMin],
    ["created_at", "timestamptz", (r) => iso(r.createdAt)],
    ["updated_at", "timestamptz", (r) => iso(r.createdAt)],
  ],
};

const HOURS: Table<WeeklyHoursRow> = {
  table: "weekly_hours",
  step: "hours",
  columns: [
    ["provider_id", "uuid", (r) => r.providerId],
    ["weekday", "int2", (r) => r.weekday],
    ["start_time", "time", (r) => r.startTime],
    ["end_time", "time", (r) => r.endTime],
  ],
};

const TIME_OFF: Table<TimeOffRow> = {
  table: "time_off",
  step: "time off",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["provider_id", "uuid", (r) => r.providerId],
    ["starts_at", "timestamptz", (r) => iso(r.startsAt)],
    ["ends_at", "timestamptz", (r) => iso(r.endsAt)],
    ["reason", "text", (r) => r.reason],
  ],
};

const BOOKINGS: Table<BookingRow> = {
  table: "bookings",
  step: "bookings",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["consumer_id", "text", (r) => r.consumerId],
    ["provider_id", "uuid", (r) => r.providerId],
    ["service_id", "uuid", (r) => r.serviceId],
    ["service_name", "text", (r) => r.serviceName],
    ["starts_at", "timestamptz", (r) => iso(r.startsAt)],
    ["ends_at", "timestamptz", (r) => iso(r.endsAt)],
    ["status", "text", (r) => r.status],
    ["price_cents", "int4", (r) => r.priceCents],
    ["cancelled_at", "timestamptz", (r) => iso(r.cancelledAt)],
    ["cancelled_by", "text", (r) => r.cancelledBy],
    ["created_at", "timestamptz", (r) => iso(r.createdAt)],
    ["updated_at", "timestamptz", (r) => iso(r.updatedAt)],
  ],
};

const REVIEWS: Table<ReviewRow> = {
  table: "reviews",
  step: "reviews",
  columns: [
    ["id", "uuid", (r) => r.id],
    ["booking_id", "uuid", (r) => r.bookingId],
    ["provider_id", "uuid", (r) => r.providerId],
    ["consumer_id", "text", (r) => r.consumerId],
    ["rating", "int2", (r) => r.rating],
    ["text", "text", (r) => r.text],
    ["created_at", "timestamptz", (r) => iso(r.createdAt)],
  ],
};

async function insertRows<R>(
  q: Queryable,
  t: Table<R>,
  rows: readonly R[],
  batchSize: number,
  onProgress?: ProgressFn,
): Promise<void> {
  // unnest of one array per column: one statement per batch, the same SQL text for every batch,
  // and no 65,535-parameter limit to work around.
  const names = t.columns.map(([name]) => name).join(", ");
  const arrays = t.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const sql = `INSERT INTO ${t.table} (${names}) SELECT * FROM unnest(${arrays}) ${t.suffix ?? ""}`;
  if (rows.length === 0) onProgress?.({ step: t.step, done: 0, total: 0 });
  for (let from = 0; from < rows.length; from += batchSize) {
    const batch = rows.slice(from, from + batchSize);
    await q.query(
      sql,
      t.columns.map(([, , value]) => batch.map(value)),
    );
    onProgress?.({ step: t.step, done: from + batch.length, total: rows.length });
  }
}

/**
 * Inserts a generated marketplace through `q` (a transaction, to make it all or nothing).
 * Ratings and search documents are left to the schema's triggers.
 */
export async function insertMarketplace(
  q: Queryable,
  m: Marketplace,
  opts: InsertOptions = {},
): Promise<void> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const report = opts.onProgress;
  await insertRows(q, USERS, m.users, batchSize, report);
  await insertRows(q, PROVIDERS, m.providers, batchSize, report);
  await insertRows(q, SERVICES, m.services, batchSize, report);
  // Each service insert touched its provider (to rebuild the search document) and stamped
  // updated_at with the transaction's clock; put back the generated value, so rows are reproducible.
  if (opts.restoreUpdatedAt !== false) {
    for (let from = 0; from < m.providers.length; from += batchSize) {
      const ids = m.providers.slice(from, from + batchSize).map((p) => p.id);
      await q.query("UPDATE providers SET updated_at = created_at WHERE id = ANY($1::uuid[])", [ids]);
    }
  }
  await insertRows(q, HOURS, m.weeklyHours, batchSize, report);
  await insertRows(q, TIME_OFF, m.timeOff, batchSize, report);
  await insertRows(q, BOOKINGS, m.bookings, batchSize, report);
  await insertRows(q, REVIEWS, m.reviews, batchSize, report);
}

/**
 * Splits a marketplace into parts of at most `providers` providers each, every part with the rows
 * that hang off its providers; the consumers and the admin come with the first. Insert the parts
 * in order, each in a transaction of its own, to load benchmark-sized data without one huge one.
 */
export function* chunkMarketplace(m: Marketplace, providers: number): Generator<Marketplace> {
  const byProvider = <R extends { providerId: string }>(rows: readonly R[]) => {
    const map = new Map<string, R[]>();
    for (const r of rows) {
      const list = map.get(r.providerId);
      if (list) list.push(r);
      else map.set(r.providerId, [r]);
    }
    return map;
  };
  const services = byProvider(m.services);
  const hours = byProvider(m.weeklyHours);
  const timeOff = byProvider(m.timeOff);
  const bookings = byProvider(m.bookings);
  const reviews = byProvider(m.reviews);
  const users = new Map(m.users.map((u) => [u.id, u]));
  const providerUsers = new Set(m.providers.map((p) => p.userId));
  for (let from = 0; from < m.providers.length || from === 0; from += providers) {
    const part = m.providers.slice(from, from + providers);
    const pick = <R>(map: Map<string, R[]>) => part.flatMap((p) => map.get(p.id) ?? []);
    yield {
      seed: m.seed,
      now: m.now,
      users: [
        ...(from === 0 ? m.users.filter((u) => !providerUsers.has(u.id)) : []),
        ...part.flatMap((p) => users.get(p.userId) ?? []),
      ],
      providers: part,
      services: pick(services),
      weeklyHours: pick(hours),
      timeOff: pick(timeOff),
      bookings: pick(bookings),
      reviews: pick(reviews),
    };
  }
}
