import { AppError, constraintOf, notFound, sqlState } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { API_ORIGIN, audit, type WriteOrigin } from "./audit.js";
import { nextFreeSlots, slotProblem } from "./availability.js";
import { type Booking, getBookingRow, slotJson } from "./bookings.js";
import { type Notification, notify } from "./notifications.js";
import { type Db, inTransaction, type Queryable } from "./pool.js";
import { isUuid } from "./provider-profile.js";
import { getRequest } from "./requests.js";

export type OfferStatus = "pending" | "accepted" | "declined" | "withdrawn" | "expired";

export interface Offer {
  id: string;
  requestId: string;
  providerId: string;
  providerName: string;
  rating: number;
  serviceId: string | null;
  priceCents: number;
  startsAt: Date;
  durationMin: number;
  message: string | null;
  status: OfferStatus;
  bookingId: string | null;
  createdAt: Date;
}

const OFFER_SQL = `
  SELECT o.id, o.request_id, o.provider_id, p.name AS provider_name, p.rating, o.service_id, o.price_cents,
         o.starts_at, o.duration_min, o.message, o.status, o.booking_id, o.created_at
  FROM offers o JOIN providers p ON p.id = o.provider_id`;

interface OfferRow {
  id: string;
  request_id: string;
  provider_id: string;
  provider_name: string;
  rating: number;
  service_id: string | null;
  price_cents: number;
  starts_at: Date;
  duration_min: number;
  message: string | null;
  status: OfferStatus;
  booking_id: string | null;
  created_at: Date;
}

function toOffer(r: OfferRow): Offer {
  return {
    id: r.id,
    requestId: r.request_id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    rating: Math.round(r.rating * 10) / 10,
    serviceId: r.service_id,
    priceCents: r.price_cents,
    startsAt: r.starts_at,
    durationMin: r.duration_min,
    message: r.message,
    status: r.status,
    bookingId: r.booking_id,
    createdAt: r.created_at,
  };
}

export interface MakeOfferInput {
  providerUserId: string;
  requestId: string;
  priceCents: number;
  startsAt: Date;
  durationMin?: number | undefined;
  serviceId?: string | undefined;
  message?: string | undefined;
  now: Date;
  origin?: WriteOrigin;
}

/**
 * A provider answers an open request in their category and area. A second offer on the same
 * request replaces the provider's pending one, so that "I can do $80 instead" is one live offer.
 */
export async function makeOffer(
  db: Db | Queryable,
  input: MakeOfferInput,
): Promise<{ offer: Offer; notifications: Notification[] }> {
  return inTransaction(db, async (tx) => {
    const { rows: prov } = await tx.query<{ id: string }>("SELECT id FROM providers WHERE user_id = $1", [
      input.providerUserId,
    ]);
    const providerId = prov[0]?.id;
    if (!providerId) throw new AppError("conflict", "Set up your provider profile before making offers.");
    const who: Principal = { userId: input.providerUserId, role: "provider" };
    const request = await getRequest(tx, input.requestId, who, input.now);
    if (!request) throw notFound("That request");
    if (request.status !== "open") {
      throw new AppError("conflict", `That request is ${request.status}; it takes no more offers.`);
    }
    let durationMin = input.durationMin ?? 60;
    if (input.serviceId) {
      const { rows } = await tx.query<{ duration_min: number }>(
        "SELECT duration_min FROM services WHERE id = $1 AND provider_id = $2 AND active",
        [input.serviceId, providerId],
      );
      if (!rows[0]) throw notFound("That service");
      durationMin = input.durationMin ?? rows[0].duration_min;
    }
    const endsAt = new Date(input.startsAt.getTime() + durationMin * 60_000);
    if (input.startsAt < request.windowStart || endsAt > request.windowEnd) {
      throw new AppError("bad_request", "The offer must fall inside the customer's time window.", {
        windowStart: request.windowStart.toISOString(),
        windowEnd: request.windowEnd.toISOString(),
      });
    }
    const problem = await slotProblem(tx, { providerId, startsAt: input.startsAt, endsAt, now: input.now });
    if (problem === "past") throw new AppError("bad_request", "That time has passed or is too soon.");
    // Two statements, not one CTE: an INSERT in the same statement as the UPDATE still sees the old
    // offer as pending, and the one-pending-offer-per-provider index would reject every replacement.
    const { rowCount: withdrawn } = await tx.query(
      `UPDATE offers SET status = 'withdrawn', updated_at = now()
       WHERE request_id = $1 AND provider_id = $2 AND status = 'pending'`,
      [input.requestId, providerId],
    );
    const { rows } = await tx
      .query<{ id: string }>(
        `INSERT INTO offers (request_id, provider_id, service_id, price_cents, starts_at, duration_min, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          input.requestId,
          providerId,
          input.serviceId ?? null,
          input.priceCents,
          input.startsAt,
          durationMin,
          input.message ?? null,
        ],
      )
      .catch((err) => {
        // Two offers of one provider at the same instant: the unique index lets one through.
        if (sqlState(err) === "23505")
          throw new AppError("conflict", "You just made an offer on this request.");
        throw err;
      });
    const replaced = (withdrawn ?? 0) > 0;
    const offer = (await getOfferRow(tx, rows[0]!.id))!;
    await audit(tx, {
      actorId: input.providerUserId,
      action: replaced ? "offer.replace" : "offer.create",
      entity: "offer",
      entityId: offer.id,
      ...(input.origin ?? API_ORIGIN),
      after: offer,
    });
    const notifications = await notify(tx, [
      {
        userId: request.consumerId,
        kind: "offer",
        payload: {
          offerId: offer.id,
          requestId: request.id,
          providerId,
          providerName: offer.providerName,
          priceCents: offer.priceCents,
          startsAt: offer.startsAt.toISOString(),
        },
      },
    ]);
    return { offer, notifications };
  });
}

async function getOfferRow(db: Queryable, id: string): Promise<Offer | undefined> {
  const { rows } = await db.query<OfferRow>(`${OFFER_SQL} WHERE o.id = $1`, [id]);
  return rows[0] && toOffer(rows[0]);
}

/** Offers on a request: all of them for its consumer (or an admin), a provider's own for a provider. */
export async function listOffers(
  db: Queryable,
  requestId: string,
  who: Principal,
  now: Date,
): Promise<Offer[]> {
  const request = await getRequest(db, requestId, who, now);
  if (!request) throw notFound("That request");
  const seesAll = who.role === "admin" || request.consumerId === who.userId;
  const { rows } = await db.query<OfferRow>(
    `${OFFER_SQL} WHERE o.request_id = $1 AND ($2::text IS NULL OR p.user_id = $2)
     ORDER BY (o.status = 'pending') DESC, o.price_cents, o.starts_at`,
    [requestId, seesAll ? null : who.userId],
  );
  return rows.map(toOffer);
}

/** All offers on the consumer's open requests, for "compare my offers". */
export async function listOffersForConsumer(db: Queryable, consumerId: string): Promise<Offer[]> {
  const { rows } = await db.query<OfferRow>(
    `${OFFER_SQL} JOIN service_requests r ON r.id = o.request_id
     WHERE r.consumer_id = $1 ORDER BY o.created_at DESC LIMIT 100`,
    [consumerId],
  );
  return rows.map(toOffer);
}

/**
 * The consumer accepts an offer: in one transaction the booking is created, the offer accepted,
 * the others declined and the request closed. Accepting the accepted offer again returns its booking.
 */
export async function acceptOffer(
  db: Db | Queryable,
  args: { offerId: string; consumerId: string; now: Date; origin?: WriteOrigin },
): Promise<{ booking: Booking; offer: Offer; replayed: boolean; notifications: Notification[] }> {
  if (!isUuid(args.offerId)) throw notFound("That offer");
  return inTransaction(db, async (tx) => {
    const { rows: locked } = await tx.query<{ request_id: string; consumer_id: string }>(
      `SELECT o.request_id, r.consumer_id FROM offers o JOIN service_requests r ON r.id = o.request_id
       WHERE o.id = $1 FOR UPDATE OF o, r`,
      [args.offerId],
    );
    if (!locked[0] || locked[0].consumer_id !== args.consumerId) throw notFound("That offer");
    const offer = (await getOfferRow(tx, args.offerId))!;
    if (offer.status === "accepted" && offer.bookingId) {
      return {
        booking: (await getBookingRow(tx, offer.bookingId))!,
        offer,
        replayed: true,
        notifications: [],
      };
    }
    const request = (await getRequest(
      tx,
      offer.requestId,
      { userId: args.consumerId, role: "consumer" },
      args.now,
    ))!;
    if (request.status !== "open")
      throw new AppError("conflict", `That request is already ${request.status}.`);
    if (offer.status !== "pending") throw new AppError("conflict", `That offer was ${offer.status}.`);
    const endsAt = new Date(offer.startsAt.getTime() + offer.durationMin * 60_000);
    if (offer.startsAt <= args.now) throw new AppError("conflict", "That offer's time has passed.");

    const serviceName = offer.serviceId
      ? ((await tx.query<{ name: string }>("SELECT name FROM services WHERE id = $1", [offer.serviceId]))
          .rows[0]?.name ?? request.category)
      : `${request.description.slice(0, 60)}`;
    await tx.query("SAVEPOINT accept_offer");
    let bookingId: string;
    try {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO bookings (consumer_id, provider_id, service_id, service_name, starts_at, ends_at, price_cents, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          args.consumerId,
          offer.providerId,
          offer.serviceId,
          serviceName,
          offer.startsAt,
          endsAt,
          offer.priceCents,
          offer.requestId,
        ],
      );
      bookingId = rows[0]!.id;
      await tx.query(
        "UPDATE offers SET status = 'accepted', booking_id = $2, updated_at = now() WHERE id = $1",
        [offer.id, bookingId],
      );
      await tx.query("RELEASE SAVEPOINT accept_offer");
    } catch (err) {
      await tx.query("ROLLBACK TO SAVEPOINT accept_offer");
      if (sqlState(err) === "23P01") {
        const next = await nextFreeSlots(tx, {
          providerId: offer.providerId,
          durationMin: offer.durationMin,
          now: args.now,
        });
        throw new AppError("slot_taken", "The provider was booked at that time in the meantime.", {
          next: next.map(slotJson),
        });
      }
      if (sqlState(err) === "23505" && constraintOf(err) === "offers_one_accepted_per_request") {
        throw new AppError("conflict", "Another offer on this request was accepted already.");
      }
      throw err;
    }
    await tx.query(
      "UPDATE offers SET status = 'declined', updated_at = now() WHERE request_id = $1 AND id <> $2 AND status = 'pending'",
      [offer.requestId, offer.id],
    );
    await tx.query("UPDATE service_requests SET status = 'booked', updated_at = now() WHERE id = $1", [
      offer.requestId,
    ]);
    const booking = (await getBookingRow(tx, bookingId))!;
    const accepted = (await getOfferRow(tx, offer.id))!;
    const origin = args.origin ?? API_ORIGIN;
    await audit(tx, {
      actorId: args.consumerId,
      action: "offer.accept",
      entity: "offer",
      entityId: offer.id,
      ...origin,
      after: accepted,
    });
    await audit(tx, {
      actorId: args.consumerId,
      action: "booking.create",
      entity: "booking",
      entityId: bookingId,
      ...origin,
      after: booking,
    });
    const { rows: prov } = await tx.query<{ user_id: string }>(
      "SELECT user_id FROM providers WHERE id = $1",
      [offer.providerId],
    );
    const payload = {
      bookingId,
      offerId: offer.id,
      requestId: offer.requestId,
      providerName: booking.providerName,
      serviceName,
      startsAt: booking.startsAt.toISOString(),
      status: booking.status,
    };
    const notifications = await notify(tx, [
      { userId: args.consumerId, kind: "booking", payload },
      ...prov.map((p) => ({ userId: p.user_id, kind: "booking" as const, payload })),
    ]);
    return { booking, offer: accepted, replayed: false, notifications };
  });
}
