import type { Category } from "../core/categories.js";
import { AppError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { API_ORIGIN, audit, type WriteOrigin } from "./audit.js";
import { locateZip } from "./geo.js";
import { type Notification, notify } from "./notifications.js";
import { type Db, inTransaction, type Queryable } from "./pool.js";
import { isUuid } from "./provider-profile.js";

export type RequestStatus = "open" | "booked" | "cancelled" | "expired";

export interface ServiceRequest {
  id: string;
  consumerId: string;
  category: Category;
  description: string;
  zip: string;
  windowStart: Date;
  windowEnd: Date;
  budgetCents: number | null;
  status: RequestStatus;
  offerCount: number;
  createdAt: Date;
}

const REQUEST_SQL = `
  SELECT r.id, r.consumer_id, r.category, r.description, r.zip, r.window_start, r.window_end, r.budget_cents,
         CASE WHEN r.status = 'open' AND r.window_end <= $now THEN 'expired' ELSE r.status END AS status,
         (SELECT count(*)::int FROM offers o WHERE o.request_id = r.id AND o.status IN ('pending', 'accepted')) AS offer_count,
         r.created_at
  FROM service_requests r`;

interface RequestRow {
  id: string;
  consumer_id: string;
  category: Category;
  description: string;
  zip: string;
  window_start: Date;
  window_end: Date;
  budget_cents: number | null;
  status: RequestStatus;
  offer_count: number;
  created_at: Date;
}

function toRequest(r: RequestRow): ServiceRequest {
  return {
    id: r.id,
    consumerId: r.consumer_id,
    category: r.category,
    description: r.description,
    zip: r.zip,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    budgetCents: r.budget_cents,
    status: r.status,
    offerCount: r.offer_count,
    createdAt: r.created_at,
  };
}

/** The request SQL with "now" bound to a parameter number, so that an open request past its window reads as expired. */
function requestSql(nowParam: number): string {
  return REQUEST_SQL.replace("$now", `$${nowParam}::timestamptz`);
}

export interface CreateRequestInput {
  consumerId: string;
  category: Category;
  description: string;
  zip: string;
  windowStart: Date;
  windowEnd: Date;
  budgetCents?: number | null | undefined;
  now: Date;
  idempotencyKey?: string | undefined;
  origin?: WriteOrigin;
}

/**
 * Posts a request for offers and notifies the providers of that category whose service area
 * covers the zip.
 */
export async function createRequest(
  db: Db | Queryable,
  input: CreateRequestInput,
): Promise<{ request: ServiceRequest; replayed: boolean; notifications: Notification[] }> {
  const where = locateZip(input.zip);
  if (!where)
    throw new AppError("bad_request", `We do not know the zip code ${input.zip}.`, { field: "zip" });
  if (input.windowEnd <= input.windowStart) {
    throw new AppError("bad_request", "The time window must end after it starts.", { field: "windowEnd" });
  }
  if (input.windowEnd <= input.now) {
    throw new AppError("bad_request", "The time window is already over.", { field: "windowEnd" });
  }
  return inTransaction(db, async (tx) => {
    if (input.idempotencyKey) {
      const { rows } = await tx.query<RequestRow>(
        `${requestSql(3)} WHERE r.consumer_id = $1 AND r.idempotency_key = $2`,
        [input.consumerId, input.idempotencyKey, input.now],
      );
      if (rows[0]) return { request: toRequest(rows[0]), replayed: true, notifications: [] };
    }
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO service_requests (consumer_id, category, description, zip, lat, lng, window_start, window_end, budget_cents, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.consumerId,
        input.category,
        input.description,
        input.zip,
        where.lat,
        where.lng,
        input.windowStart,
        input.windowEnd,
        input.budgetCents ?? null,
        input.idempotencyKey ?? null,
      ],
    );
    const id = rows[0]!.id;
    const request = (await getRequestRow(tx, id, input.now))!;
    await audit(tx, {
      actorId: input.consumerId,
      action: "request.create",
      entity: "service_request",
      entityId: id,
      ...(input.origin ?? API_ORIGIN),
      after: request,
    });
    const { rows: providers } = await tx.query<{ user_id: string }>(
      `SELECT p.user_id FROM providers p
       WHERE p.category = $1 AND distance_km(p.lat, p.lng, $2, $3) <= p.service_radius_km`,
      [input.category, where.lat, where.lng],
    );
    const notifications = await notify(
      tx,
      providers.map((p) => ({
        userId: p.user_id,
        kind: "request" as const,
        payload: {
          requestId: id,
          category: input.category,
          description: input.description,
          zip: input.zip,
          windowStart: input.windowStart.toISOString(),
          windowEnd: input.windowEnd.toISOString(),
          budgetCents: input.budgetCents ?? null,
        },
      })),
    );
    return { request, replayed: false, notifications };
  });
}

async function getRequestRow(db: Queryable, id: string, now: Date): Promise<ServiceRequest | undefined> {
  const { rows } = await db.query<RequestRow>(`${requestSql(2)} WHERE r.id = $1`, [id, now]);
  return rows[0] && toRequest(rows[0]);
}

/**
 * A request the caller may see: the consumer's own, an admin's view of any, or, for a provider,
 * one in their category whose zip their service area covers.
 */
export async function getRequest(
  db: Queryable,
  id: string,
  who: Principal,
  now: Date,
): Promise<ServiceRequest | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await getRequestRow(db, id, now);
  if (!r) return undefined;
  if (who.role === "admin" || r.consumerId === who.userId) return r;
  if (who.role !== "provider") return undefined;
  const { rows } = await db.query(
    `SELECT 1 FROM providers p, service_requests r
     WHERE p.user_id = $1 AND r.id = $2 AND p.category = r.category
       AND distance_km(p.lat, p.lng, r.lat, r.lng) <= p.service_radius_km`,
    [who.userId, id],
  );
  return rows.length ? r : undefined;
}

/** Consumer: their own requests. Provider: open requests in their category and area. Admin: all. */
export async function listRequests(
  db: Queryable,
  who: Principal,
  now: Date,
  limit = 100,
): Promise<ServiceRequest[]> {
  if (who.role === "provider") {
    const { rows } = await db.query<RequestRow>(
      `${requestSql(2)} JOIN providers p ON p.user_id = $1
       WHERE r.status = 'open' AND r.window_end > $2 AND r.category = p.category
         AND distance_km(p.lat, p.lng, r.lat, r.lng) <= p.service_radius_km
       ORDER BY r.window_start LIMIT $3`,
      [who.userId, now, limit],
    );
    return rows.map(toRequest);
  }
  const { rows } = await db.query<RequestRow>(
    `${requestSql(2)} WHERE ($1::text IS NULL OR r.consumer_id = $1) ORDER BY r.created_at DESC LIMIT $3`,
    [who.role === "admin" ? null : who.userId, now, limit],
  );
  return rows.map(toRequest);
}
