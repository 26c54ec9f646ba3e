import type { Db } from "../db/pool.js";

/**
 * Open requests whose window has passed and pending offers whose time has passed (or whose request
 * is no longer open) become `expired`. Reads already treat a past request as expired; storing it
 * keeps the open-request index small and lets offers follow their request.
 */
export async function expireStale(
  db: Db,
  { now }: { now: Date },
): Promise<{ requests: number; offers: number }> {
  return db.transaction(async (tx) => {
    const requests = await tx.query(
      `UPDATE service_requests SET status = 'expired', updated_at = now()
       WHERE status = 'open' AND window_end <= $1`,
      [now],
    );
    const offers = await tx.query(
      `UPDATE offers o SET status = 'expired', updated_at = now()
       WHERE o.status = 'pending'
         AND (o.starts_at <= $1
              OR EXISTS (SELECT 1 FROM service_requests r
                         WHERE r.id = o.request_id AND r.status IN ('expired', 'cancelled')))`,
      [now],
    );
    return { requests: requests.rowCount, offers: offers.rowCount };
  });
}
