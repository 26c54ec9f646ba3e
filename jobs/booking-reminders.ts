import { type Notification, type NotificationRow, toNotification } from "../db/notifications.js";
import type { Db } from "../db/pool.js";
import { iso } from "./fan-out-request.js";

/** How long before a booking both sides are reminded of it. */
export const REMINDER_LEAD_MINUTES = 24 * 60;

const REMINDER_LOCK = "proxie:jobs:booking-reminders";

/**
 * A `booking` notification with `reminder: true` to the consumer and the provider of every confirmed
 * booking that starts within the lead time and has had no reminder yet. Returns what it stored.
 */
export async function remindBookings(
  db: Db,
  { now, leadMinutes = REMINDER_LEAD_MINUTES }: { now: Date; leadMinutes?: number },
): Promise<Notification[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [REMINDER_LOCK]);
    const { rows } = await tx.query<NotificationRow>(
      `WITH due AS (
         SELECT b.id, b.consumer_id, p.user_id AS provider_user,
                jsonb_build_object(
                  'bookingId', b.id, 'providerId', b.provider_id, 'providerName', p.name,
                  'serviceName', b.service_name, 'startsAt', ${iso("b.starts_at")},
                  'status', b.status, 'reminder', true) AS payload
         FROM bookings b JOIN providers p ON p.id = b.provider_id
         WHERE b.status = 'confirmed'
           AND b.starts_at > $1 AND b.starts_at <= $1::timestamptz + make_interval(mins => $2)
           AND NOT EXISTS (
             SELECT 1 FROM notifications n
             WHERE n.user_id = b.consumer_id AND n.kind = 'booking'
               AND n.payload ->> 'bookingId' = b.id::text AND n.payload ? 'reminder'))
       INSERT INTO notifications (user_id, kind, payload)
       SELECT consumer_id, 'booking', payload FROM due
       UNION ALL
       SELECT provider_user, 'booking', payload FROM due
       RETURNING id, user_id, kind, payload, read_at, created_at`,
      [now, leadMinutes],
    );
    return rows.map(toNotification);
  });
}
