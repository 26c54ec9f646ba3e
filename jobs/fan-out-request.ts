import { type Notification, type NotificationRow, toNotification } from "../db/notifications.js";
import type { Db } from "../db/pool.js";

/** Serialises fan-outs across replicas and engines, so that two runs never notify a provider twice. */
const FAN_OUT_LOCK = "proxie:jobs:fan-out-request";

/**
 * Tells every provider whose category and service area match an open request about it, once: a
 * provider who already has the request's notification is skipped. Without an id, every open request
 * is matched again, so that providers who joined (or widened their area) later hear of it too.
 * Returns the notifications it stored, for the caller to push to connected clients.
 */
export async function fanOutRequests(
  db: Db,
  { requestId, now }: { requestId?: string | undefined; now: Date },
): Promise<Notification[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [FAN_OUT_LOCK]);
    const { rows } = await tx.query<NotificationRow>(
      `INSERT INTO notifications (user_id, kind, payload)
       SELECT p.user_id, 'request',
              jsonb_build_object(
                'requestId', r.id, 'category', r.category, 'description', r.description, 'zip', r.zip,
                'windowStart', ${iso("r.window_start")}, 'windowEnd', ${iso("r.window_end")},
                'budgetCents', r.budget_cents)
       FROM service_requests r
       JOIN providers p ON p.category = r.category
        AND distance_km(p.lat, p.lng, r.lat, r.lng) <= p.service_radius_km
       WHERE r.status = 'open' AND r.window_end > $2 AND ($1::uuid IS NULL OR r.id = $1::uuid)
         AND NOT EXISTS (
           SELECT 1 FROM notifications n
           WHERE n.user_id = p.user_id AND n.kind = 'request' AND n.payload ->> 'requestId' = r.id::text)
       RETURNING id, user_id, kind, payload, read_at, created_at`,
      [requestId ?? null, now],
    );
    return rows.map(toNotification);
  });
}

/** The same ISO 8601 text as `Date.prototype.toISOString`, which the request's own notifications use. */
export function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
