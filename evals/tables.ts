import type { Queryable } from "../db/pool.js";

/**
 * The marketplace tables a scenario is judged on, each as a "view": the fields an expectation may
 * name (`provider`, `localWeekday`, …), how a row is keyed, and which fields count as a change.
 * Bookkeeping tables (threads, checkpoints, usage, notifications, audit log, idempotency keys,
 * preferences, embeddings) are not judged: they follow from the writes judged here.
 */

export type TableName =
  | "bookings"
  | "requests"
  | "offers"
  | "reviews"
  | "favorites"
  | "providers"
  | "services"
  | "weeklyHours"
  | "timeOff"
  | "users";

export type Value = string | number | boolean | null;
export type RowView = Record<string, Value>;

/** Fixture ids by ref name, and back: views show `ref: fri-cut` rather than a uuid. */
export interface Refs {
  ids: Map<string, string>;
  names: Map<string, string>;
}

export const emptyRefs = (): Refs => ({ ids: new Map(), names: new Map() });

const LOCAL = ["localDate", "localWeekday", "localHour", "localTime"];

/** The fields an expectation may use per table (anything else is a load error). */
export const TABLE_FIELDS: Record<TableName, string[]> = {
  bookings: [
    "ref",
    "id",
    "consumer",
    "provider",
    "providerName",
    "category",
    "service",
    "status",
    "priceCents",
    "startsAt",
    "endsAt",
    "request",
    ...LOCAL,
  ],
  requests: [
    "ref",
    "id",
    "consumer",
    "category",
    "description",
    "zip",
    "budgetCents",
    "status",
    "windowStart",
    "windowEnd",
    "endLocalDate",
    ...LOCAL,
  ],
  offers: [
    "ref",
    "id",
    "request",
    "provider",
    "providerName",
    "priceCents",
    "startsAt",
    "durationMin",
    "message",
    "status",
    "booking",
    ...LOCAL,
  ],
  reviews: ["id", "booking", "provider", "providerName", "consumer", "rating", "text"],
  favorites: ["consumer", "provider", "providerName"],
  providers: [
    "ref",
    "id",
    "provider",
    "name",
    "category",
    "bio",
    "zip",
    "serviceRadiusKm",
    "timezone",
    "specialties",
    "languages",
  ],
  services: ["id", "provider", "providerName", "name", "description", "priceCents", "durationMin", "active"],
  weeklyHours: ["provider", "providerName", "weekday", "day", "start", "end"],
  timeOff: ["provider", "providerName", "startsAt", "endsAt", "reason", "localDate", "endLocalDate"],
  users: ["id", "role", "name", "zip", "timezone"],
};

interface TableSpec {
  /** `$1` is the scope: the user ids whose rows count (null: every row). */
  sql: string;
  key(r: RowView): string;
  view(r: Record<string, unknown>, refs: Refs): RowView;
  /** What a change is made of; other fields (derived, bookkeeping) may change freely. */
  compare: string[];
  /** What a failure message shows of a row. */
  summary: string[];
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const formats = new Map<string, Intl.DateTimeFormat>();
function partsIn(at: Date, timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "long",
      hourCycle: "h23",
    });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return p as Record<"year" | "month" | "day" | "hour" | "minute" | "weekday", string>;
}

/** `localDate`, `localWeekday`, `localHour` (17.5 for 5:30 PM) and `localTime` of an instant. */
export function localFields(at: Date, timeZone: string): RowView {
  const p = partsIn(at, timeZone);
  const hour = Number(p.hour);
  const minute = Number(p.minute);
  return {
    localDate: `${p.year}-${p.month}-${p.day}`,
    localWeekday: p.weekday,
    localHour: hour + minute / 60,
    localTime: `${p.hour}:${p.minute}`,
  };
}

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v ? String(v) : null);
const refOr = (refs: Refs, id: unknown): string | null =>
  id == null ? null : (refs.names.get(String(id)) ?? String(id));
const hhmm = (v: unknown) => String(v).slice(0, 5);

const PROVIDER_SCOPE = "($1::text[] IS NULL OR p.user_id = ANY($1))";

export const TABLES: Record<TableName, TableSpec> = {
  bookings: {
    sql: `SELECT b.id, b.consumer_id, p.user_id AS provider_user, p.name AS provider_name, p.category, p.timezone,
            b.service_name, b.status, b.price_cents, b.starts_at, b.ends_at, b.request_id
          FROM bookings b JOIN providers p ON p.id = b.provider_id
          WHERE $1::text[] IS NULL OR b.consumer_id = ANY($1) OR p.user_id = ANY($1)`,
    key: (r) => String(r.id),
    view: (r, refs) => ({
      ref: refs.names.get(String(r.id)) ?? null,
      id: String(r.id),
      consumer: String(r.consumer_id),
      provider: String(r.provider_user),
      providerName: String(r.provider_name),
      category: String(r.category),
      service: String(r.service_name),
      status: String(r.status),
      priceCents: Number(r.price_cents),
      startsAt: iso(r.starts_at),
      endsAt: iso(r.ends_at),
      request: refOr(refs, r.request_id),
      ...localFields(r.starts_at as Date, String(r.timezone)),
    }),
    compare: ["consumer", "provider", "service", "status", "priceCents", "startsAt", "endsAt", "request"],
    summary: [
      "ref",
      "consumer",
      "providerName",
      "service",
      "status",
      "priceCents",
      "localWeekday",
      "localDate",
      "localTime",
    ],
  },
  requests: {
    sql: `SELECT r.id, r.consumer_id, r.category, r.description, r.zip, r.budget_cents, r.status,
            r.window_start, r.window_end, u.timezone
          FROM service_requests r JOIN users u ON u.id = r.consumer_id
          WHERE $1::text[] IS NULL OR r.consumer_id = ANY($1)`,
    key: (r) => String(r.id),
    view: (r, refs) => ({
      ref: refs.names.get(String(r.id)) ?? null,
      id: String(r.id),
      consumer: String(r.consumer_id),
      category: String(r.category),
      description: String(r.description),
      zip: String(r.zip),
      budgetCents: r.budget_cents == null ? null : Number(r.budget_cents),
      status: String(r.status),
      windowStart: iso(r.window_start),
      windowEnd: iso(r.window_end),
      endLocalDate: localFields(r.window_end as Date, String(r.timezone)).localDate ?? null,
      ...localFields(r.window_start as Date, String(r.timezone)),
    }),
    compare: [
      "consumer",
      "category",
      "description",
      "zip",
      "budgetCents",
      "status",
      "windowStart",
      "windowEnd",
    ],
    summary: ["ref", "consumer", "category", "description", "zip", "budgetCents", "status", "localDate"],
  },
  offers: {
    sql: `SELECT o.id, o.request_id, p.user_id AS provider_user, p.name AS provider_name, p.timezone,
            o.price_cents, o.starts_at, o.duration_min, o.message, o.status, o.booking_id
          FROM offers o JOIN providers p ON p.id = o.provider_id JOIN service_requests r ON r.id = o.request_id
          WHERE $1::text[] IS NULL OR p.user_id = ANY($1) OR r.consumer_id = ANY($1)`,
    key: (r) => String(r.id),
    view: (r, refs) => ({
      ref: refs.names.get(String(r.id)) ?? null,
      id: String(r.id),
      request: refOr(refs, r.request_id),
      provider: String(r.provider_user),
      providerName: String(r.provider_name),
      priceCents: Number(r.price_cents),
      startsAt: iso(r.starts_at),
      durationMin: Number(r.duration_min),
      message: r.message == null ? null : String(r.message),
      status: String(r.status),
      booking: refOr(refs, r.booking_id),
      ...localFields(r.starts_at as Date, String(r.timezone)),
    }),
    compare: ["request", "provider", "priceCents", "startsAt", "durationMin", "message", "status", "booking"],
    summary: [
      "ref",
      "request",
      "providerName",
      "priceCents",
      "status",
      "localWeekday",
      "localDate",
      "localTime",
    ],
  },
  reviews: {
    sql: `SELECT v.id, v.booking_id, p.user_id AS provider_user, p.name AS provider_name, v.consumer_id, v.rating, v.text
          FROM reviews v JOIN providers p ON p.id = v.provider_id
          WHERE $1::text[] IS NULL OR v.consumer_id = ANY($1) OR p.user_id = ANY($1)`,
    key: (r) => String(r.id),
    view: (r, refs) => ({
      id: String(r.id),
      booking: refOr(refs, r.booking_id),
      provider: String(r.provider_user),
      providerName: String(r.provider_name),
      consumer: String(r.consumer_id),
      rating: Number(r.rating),
      text: String(r.text),
    }),
    compare: ["booking", "provider", "consumer", "rating", "text"],
    summary: ["booking", "providerName", "consumer", "rating", "text"],
  },
  favorites: {
    sql: `SELECT f.consumer_id, p.user_id AS provider_user, p.name AS provider_name
          FROM favorites f JOIN providers p ON p.id = f.provider_id
          WHERE $1::text[] IS NULL OR f.consumer_id = ANY($1)`,
    key: (r) => `${r.consumer}|${r.provider}`,
    view: (r) => ({
      consumer: String(r.consumer_id),
      provider: String(r.provider_user),
      providerName: String(r.provider_name),
    }),
    compare: ["consumer", "provider"],
    summary: ["consumer", "providerName"],
  },
  providers: {
    sql: `SELECT p.id, p.user_id, p.name, p.category, p.bio, p.zip, p.service_radius_km, p.timezone,
            p.profile ->> 'specialties' AS specialties, p.profile -> 'languages' AS languages, p.profile::text AS profile
          FROM providers p WHERE ${PROVIDER_SCOPE}`,
    key: (r) => String(r.id),
    view: (r, refs) => ({
      ref: refs.names.get(String(r.id)) ?? null,
      id: String(r.id),
      provider: String(r.user_id),
      name: String(r.name),
      category: String(r.category),
      bio: String(r.bio),
      zip: String(r.zip),
      serviceRadiusKm: Number(r.service_radius_km),
      timezone: String(r.timezone),
      specialties: r.specialties == null ? null : String(r.specialties),
      languages: Array.isArray(r.languages) ? (r.languages as string[]).join(", ") : null,
      profile: String(r.profile),
    }),
    // Rating and review count follow from reviews; lat/lng and the search document from the rest.
    compare: ["provider", "name", "category", "bio", "zip", "serviceRadiusKm", "timezone", "profile"],
    summary: ["ref", "provider", "name", "zip", "serviceRadiusKm", "specialties", "languages"],
  },
  services: {
    sql: `SELECT s.id, p.user_id, p.name AS provider_name, s.name, s.description, s.price_cents, s.duration_min, s.active
          FROM services s JOIN providers p ON p.id = s.provider_id WHERE ${PROVIDER_SCOPE}`,
    key: (r) => String(r.id),
    view: (r) => ({
      id: String(r.id),
      provider: String(r.user_id),
      providerName: String(r.provider_name),
      name: String(r.name),
      description: String(r.description),
      priceCents: Number(r.price_cents),
      durationMin: Number(r.duration_min),
      active: Boolean(r.active),
    }),
    compare: ["provider", "name", "description", "priceCents", "durationMin", "active"],
    summary: ["providerName", "name", "priceCents", "durationMin", "active"],
  },
  weeklyHours: {
    sql: `SELECT p.user_id, p.name AS provider_name, h.weekday, h.start_time::text AS start_time, h.end_time::text AS end_time
          FROM weekly_hours h JOIN providers p ON p.id = h.provider_id WHERE ${PROVIDER_SCOPE}`,
    // Hours are rewritten whole on every profile save: keyed by what they mean, not by a row id.
    key: (r) => `${r.provider}|${r.weekday}|${r.start}`,
    view: (r) => ({
      provider: String(r.user_id),
      providerName: String(r.provider_name),
      weekday: Number(r.weekday),
      day: WEEKDAYS[Number(r.weekday)] ?? String(r.weekday),
      start: hhmm(r.start_time),
      end: hhmm(r.end_time),
    }),
    compare: ["end"],
    summary: ["providerName", "day", "start", "end"],
  },
  timeOff: {
    sql: `SELECT p.user_id, p.name AS provider_name, p.timezone, t.starts_at, t.ends_at, t.reason
          FROM time_off t JOIN providers p ON p.id = t.provider_id WHERE ${PROVIDER_SCOPE}`,
    key: (r) => `${r.provider}|${r.startsAt}|${r.endsAt}`,
    view: (r) => ({
      provider: String(r.user_id),
      providerName: String(r.provider_name),
      startsAt: iso(r.starts_at),
      endsAt: iso(r.ends_at),
      reason: r.reason == null ? null : String(r.reason),
      localDate: localFields(r.starts_at as Date, String(r.timezone)).localDate ?? null,
      endLocalDate: localFields(r.ends_at as Date, String(r.timezone)).localDate ?? null,
    }),
    compare: ["reason"],
    summary: ["providerName", "localDate", "endLocalDate", "reason"],
  },
  users: {
    sql: "SELECT id, role, name, zip, timezone FROM users WHERE $1::text[] IS NULL OR id = ANY($1)",
    key: (r) => String(r.id),
    view: (r) => ({
      id: String(r.id),
      role: String(r.role),
      name: r.name == null ? null : String(r.name),
      zip: r.zip == null ? null : String(r.zip),
      timezone: String(r.timezone),
    }),
    compare: ["role", "name", "zip", "timezone"],
    summary: ["id", "role", "name", "zip"],
  },
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The database table behind each view: the change log (see template.ts) records writes to these. */
export const SOURCE_TABLE: Record<TableName, string> = {
  bookings: "bookings",
  requests: "service_requests",
  offers: "offers",
  reviews: "reviews",
  favorites: "favorites",
  providers: "providers",
  services: "services",
  weeklyHours: "weekly_hours",
  timeOff: "time_off",
  users: "users",
};
export const LOGGED_TABLES = Object.values(SOURCE_TABLE);

/** The views whose compared fields a write to these database tables can change. */
export function viewsOf(sourceTables: Iterable<string>): TableName[] {
  const touched = new Set(sourceTables);
  return TABLE_NAMES.filter((t) => touched.has(SOURCE_TABLE[t]));
}

export type Snapshot = Record<TableName, Map<string, RowView>>;

/**
 * Judged rows as views keyed per table (every table, or only `tables`); `scope` limits them to
 * rows of those users. A view's compared fields come from its own table alone, so a table that
 * was not written keeps its earlier snapshot.
 */
export async function snapshot(
  db: Queryable,
  refs: Refs,
  scope: string[] | null = null,
  tables: TableName[] = TABLE_NAMES,
): Promise<Partial<Snapshot>> {
  const out: Partial<Snapshot> = {};
  for (const name of tables) {
    const spec = TABLES[name];
    const { rows } = await db.query(spec.sql, [scope]);
    const map = new Map<string, RowView>();
    for (const r of rows) {
      const v = spec.view(r, refs);
      map.set(spec.key(v), v);
    }
    out[name] = map;
  }
  return out;
}

export type ChangeKind = "inserted" | "updated" | "deleted";

export interface RowChange {
  table: TableName;
  change: ChangeKind;
  key: string;
  /** The row after the change (before it, for a deletion). */
  row: RowView;
  before?: RowView;
  /** For an update: the compared fields that changed. */
  fields?: string[];
}

/** What changed between two snapshots, ignoring fields that are not part of a table's meaning. */
export function diffSnapshots(before: Partial<Snapshot>, after: Partial<Snapshot>): RowChange[] {
  const out: RowChange[] = [];
  for (const table of TABLE_NAMES) {
    const { compare } = TABLES[table];
    const a = before[table];
    const b = after[table];
    if (!a || !b || a === b) continue;
    for (const [key, row] of b) {
      const old = a.get(key);
      if (!old) {
        out.push({ table, change: "inserted", key, row });
        continue;
      }
      const fields = compare.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(row[f]));
      if (fields.length) out.push({ table, change: "updated", key, row, before: old, fields });
    }
    for (const [key, row] of a) if (!b.has(key)) out.push({ table, change: "deleted", key, row });
  }
  return out;
}

/** A row in a line, with the fields that say what it is. */
export function describeRow(table: TableName, row: RowView, extra: string[] = []): string {
  const fields = [...new Set([...TABLES[table].summary, ...extra])].filter(
    (f) => row[f] !== null && row[f] !== undefined,
  );
  return `{${fields.map((f) => `${f}: ${formatValue(row[f] ?? null)}`).join(", ")}}`;
}

export function formatValue(v: Value | unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === "string")
    return v.length > 60 ? JSON.stringify(`${v.slice(0, 57)}...`) : JSON.stringify(v);
  return JSON.stringify(v);
}

export function describeChange(c: RowChange): string {
  if (c.change === "updated") {
    const what = (c.fields ?? [])
      .map((f) => `${f} ${formatValue(c.before?.[f] ?? null)} → ${formatValue(c.row[f] ?? null)}`)
      .join(", ");
    return `${c.table} updated ${describeRow(c.table, c.row)} (${what})`;
  }
  return `${c.table} ${c.change} ${describeRow(c.table, c.row)}`;
}
