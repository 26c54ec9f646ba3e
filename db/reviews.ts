import { AppError, notFound, sqlState } from "../core/errors.js";
import { API_ORIGIN, audit, type WriteOrigin } from "./audit.js";
import { getBookingRow } from "./bookings.js";
import { type Notification, notify } from "./notifications.js";
import { type Db, inTransaction, type Queryable } from "./pool.js";
import { isUuid } from "./provider-profile.js";

export interface Review {
  id: string;
  bookingId: string;
  providerId: string;
  rating: number;
  text: string;
  createdAt: Date;
}

/**
 * A consumer reviews a booking of theirs once it has taken place; one review per booking. The
 * provider's rating is recomputed by a trigger in the same transaction.
 */
export async function leaveReview(
  db: Db | Queryable,
  args: {
    bookingId: string;
    consumerId: string;
    rating: number;
    text: string;
    now: Date;
    origin?: WriteOrigin;
  },
): Promise<{ review: Review; notifications: Notification[] }> {
  if (!isUuid(args.bookingId)) throw notFound("That booking");
  return inTransaction(db, async (tx) => {
    const booking = await getBookingRow(tx, args.bookingId);
    if (!booking || booking.consumerId !== args.consumerId) throw notFound("That booking");
    if (booking.status === "cancelled")
      throw new AppError("conflict", "A cancelled booking cannot be reviewed.");
    if (booking.endsAt > args.now)
      throw new AppError("conflict", "You can review this booking once the appointment is over.");
    let review: Review;
    try {
      const { rows } = await tx.query<{ id: string; created_at: Date }>(
        `INSERT INTO reviews (booking_id, provider_id, consumer_id, rating, text) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, created_at`,
        [booking.id, booking.providerId, args.consumerId, args.rating, args.text],
      );
      review = {
        id: rows[0]!.id,
        bookingId: booking.id,
        providerId: booking.providerId,
        rating: args.rating,
        text: args.text,
        createdAt: rows[0]!.created_at,
      };
    } catch (err) {
      if (sqlState(err) === "23505")
        throw new AppError("conflict", "You have already reviewed this booking.");
      throw err;
    }
    await tx.query(
      "UPDATE bookings SET status = 'completed', updated_at = now() WHERE id = $1 AND status = 'confirmed'",
      [booking.id],
    );
    await audit(tx, {
      actorId: args.consumerId,
      action: "review.create",
      entity: "review",
      entityId: review.id,
      ...(args.origin ?? API_ORIGIN),
      after: review,
    });
    const { rows: prov } = await tx.query<{ user_id: string }>(
      "SELECT user_id FROM providers WHERE id = $1",
      [booking.providerId],
    );
    const notifications = await notify(
      tx,
      prov.map((p) => ({
        userId: p.user_id,
        kind: "review" as const,
        payload: { reviewId: review.id, bookingId: booking.id, rating: review.rating },
      })),
    );
    return { review, notifications };
  });
}

export async function listReviews(db: Queryable, providerId: string, limit = 20): Promise<Review[]> {
  if (!isUuid(providerId)) return [];
  const { rows } = await db.query<{
    id: string;
    booking_id: string;
    provider_id: string;
    rating: number;
    text: string;
    created_at: Date;
  }>(
    "SELECT id, booking_id, provider_id, rating, text, created_at FROM reviews WHERE provider_id = $1 ORDER BY created_at DESC LIMIT $2",
    [providerId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    bookingId: r.booking_id,
    providerId: r.provider_id,
    rating: r.rating,
    text: r.text,
    createdAt: r.created_at,
  }));
}
