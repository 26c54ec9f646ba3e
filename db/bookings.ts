import type { Category } from "../core/categories.js";
import { AppError, constraintOf, notFound, sqlState } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { API_ORIGIN, audit, type WriteOrigin } from "./audit.js";
import { nextFreeSlots, type Slot, type SlotProblem, slotProblem } from "./availability.js";
import { type Notification, notify } from "./notifications.js";
import { type Db, inTransaction, type Queryable } from "./pool.js";
import { isUuid } from "./provider-profile.js";

export type BookingStatus = "confirmed" | "cancelled" | "completed";

export interface Booking {
  id: string;
  consumerId: string;
  providerId: string;
  providerName: string;
  category: Category;
  serviceId: string | null;
  serviceName: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  priceCents: number;
  requestId: string | null;
}

export interface BookingResult {
  booking: Booking;
  /** The booking already existed under this idempotency key: nothing new was written. */
  replayed: boolean;
  notifications: Notification[];
}

const BOOKING_SQL = `
  SELECT b.id, b.consumer_id, b.provider_id, p.name AS provider_name, p.category, b.service_id, b.service_name,
         b.starts_at, b.ends_at, b.status, b.price_cents, b.request_id
  FROM bookings b JOIN providers p ON p.id = b.provider_id`;

interface BookingRow {
  id: string;
  consumer_id: string;
  provider_id: string;
  provider_name: string;
  category: Category;
  service_id: string | null;
  service_name: string;
  starts_at: Date;
  ends_at: Date;
  status: BookingStatus;
  price_cents: number;
  request_id: string | null;
}

export function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    consumerId: r.consumer_id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    category: r.category,
    serviceId: r.service_id,
    serviceName: r.service_name,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status,
    priceCents: r.price_cents,
    requestId: r.request_id,
  };
}

export async function getBookingRow(db: Queryable, id: string): Promise<Booking | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<BookingRow>(`${BOOKING_SQL} WHERE b.id = $1`, [id]);
  return rows[0] && toBooking(rows[0]);
}

/** A booking the caller may see: their own as consumer, their provider's, or any for an admin. */
export async function getBooking(db: Queryable, id: string, who: Principal): Promise<Booking | undefined> {
  const b = await getBookingRow(db, id);
  if (!b) return undefined;
  return (await canSee(db, b, who)) ? b : undefined;
}

async function canSee(db: Queryable, b: Booking, who: Principal): Promise<boolean> {
  if (who.role === "admin" || b.consumerId === who.userId) return true;
  if (who.role !== "provider") return false;
  const { rows } = await db.query("SELECT 1 FROM providers WHERE id = $1 AND user_id = $2", [
    b.providerId,
    who.userId,
  ]);
  return rows.length > 0;
}

export async function listBookings(
  db: Queryable,
  who: Principal,
  opts: { status?: BookingStatus; from?: Date; to?: Date; limit?: number } = {},
): Promise<Booking[]> {
  const scope =
    who.role === "admin"
      ? "$1::text IS NOT NULL"
      : who.role === "provider"
        ? "p.user_id = $1"
        : "b.consumer_id = $1";
  const { rows } = await db.query<BookingRow>(
    `${BOOKING_SQL}
     WHERE ${scope} AND ($2::text IS NULL OR b.status = $2)
       AND ($3::timestamptz IS NULL OR b.ends_at > $3) AND ($4::timestamptz IS NULL OR b.starts_at < $4)
     ORDER BY b.starts_at DESC LIMIT $5`,
    [who.userId, opts.status ?? null, opts.from ?? null, opts.to ?? null, Math.min(opts.limit ?? 100, 500)],
  );
  return rows.map(toBooking);
}

export interface CreateBookingInput {
  consumerId: string;
  providerId: string;
  serviceId: string;
  startsAt: Date;
  now: Date;
  /** Makes the write safe to repeat: a second call with the same key returns the first booking. */
  idempotencyKey?: string | undefined;
  origin?: WriteOrigin;
}

/**
 * Books a service. The exclusion constraint decides between concurrent attempts on one slot; the
 * losers get `slot_taken` with the next free slots, never a 500.
 */
export async function createBooking(db: Db | Queryable, input: CreateBookingInput): Promise<BookingResult> {
  if (!isUuid(input.providerId)) throw notFound("That provider");
  if (!isUuid(input.serviceId)) throw notFound("That service");
  return inTransaction(db, async (tx) => {
    if (input.idempotencyKey) {
      const prior = await byIdempotencyKey(tx, input.consumerId, input.idempotencyKey);
      if (prior) return replay(prior, input);
    }
    const { rows: svc } = await tx.query<{ name: string; price_cents: number; duration_min: number }>(
      "SELECT name, price_cents, duration_min FROM services WHERE id = $1 AND provider_id = $2 AND active",
      [input.serviceId, input.providerId],
    );
    const service = svc[0];
    if (!service) {
      const { rows } = await tx.query("SELECT 1 FROM providers WHERE id = $1", [input.providerId]);
      throw notFound(rows.length ? "That service" : "That provider");
    }
    const endsAt = new Date(input.startsAt.getTime() + service.duration_min * 60_000);
    const problem = await slotProblem(tx, {
      providerId: input.providerId,
      startsAt: input.startsAt,
      endsAt,
      now: input.now,
    });
    if (problem) throw await unavailable(tx, problem, input, service.duration_min);

    await tx.query("SAVEPOINT create_booking");
    let id: string;
    try {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO bookings (consumer_id, provider_id, service_id, service_name, starts_at, ends_at, price_cents, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          input.consumerId,
          input.providerId,
          input.serviceId,
          service.name,
          input.startsAt,
          endsAt,
          service.price_cents,
          input.idempotencyKey ?? null,
        ],
      );
      id = rows[0]!.id;
      await tx.query("RELEASE SAVEPOINT create_booking");
    } catch (err) {
      await tx.query("ROLLBACK TO SAVEPOINT create_booking");
      if (sqlState(err) === "23P01") throw await slotTaken(tx, input, service.duration_min);
      if (sqlState(err) === "23505" && input.idempotencyKey && constraintOf(err)?.includes("idempotency")) {
        // A concurrent call with the same key won; answer with its booking.
        const prior = await byIdempotencyKey(tx, input.consumerId, input.idempotencyKey);
        if (prior) return replay(prior, input);
      }
      throw err;
    }
    const booking = (await getBookingRow(tx, id))!;
    const origin = input.origin ?? API_ORIGIN;
    await audit(tx, {
      actorId: input.consumerId,
      action: "booking.create",
      entity: "booking",
      entityId: id,
      ...origin,
      after: booking,
    });
    const notifications = await notifyBothSides(tx, booking, "booking");
    return { booking, replayed: false, notifications };
  });
}

async function byIdempotencyKey(
  tx: Queryable,
  consumerId: string,
  key: string,
): Promise<Booking | undefined> {
  const { rows } = await tx.query<BookingRow>(
    `${BOOKING_SQL} WHERE b.consumer_id = $1 AND b.idempotency_key = $2`,
    [consumerId, key],
  );
  return rows[0] && toBooking(rows[0]);
}

function replay(prior: Booking, input: CreateBookingInput): BookingResult {
  const same =
    prior.providerId === input.providerId &&
    prior.serviceId === input.serviceId &&
    prior.startsAt.getTime() === input.startsAt.getTime();
  if (!same) {
    throw new AppError("conflict", "This idempotency key was already used for a different booking.", {
      bookingId: prior.id,
    });
  }
  return { booking: prior, replayed: true, notifications: [] };
}

async function slotTaken(tx: Queryable, input: CreateBookingInput, durationMin: number): Promise<AppError> {
  const next = await nextFreeSlots(tx, {
    providerId: input.providerId,
    durationMin,
    now: input.now,
    from: input.startsAt,
  });
  return new AppError("slot_taken", "That time was just booked. Here are the next free slots.", {
    next: next.map(slotJson),
  });
}

const PROBLEM_TEXT: Record<SlotProblem, string> = {
  past: "That time has passed or is too soon to book.",
  outside_hours: "The provider is not open at that time.",
  time_off: "The provider is away at that time.",
};

async function unavailable(
  tx: Queryable,
  problem: SlotProblem,
  input: CreateBookingInput,
  durationMin: number,
) {
  const next = await nextFreeSlots(tx, {
    providerId: input.providerId,
    durationMin,
    now: input.now,
    from: input.startsAt,
  });
  return new AppError("bad_request", `${PROBLEM_TEXT[problem]} Here are the next free slots.`, {
    reason: problem,
    next: next.map(slotJson),
  });
}

export function slotJson(s: Slot): { startsAt: string; endsAt: string } {
  return { startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() };
}

async function notifyBothSides(
  tx: Queryable,
  b: Booking,
  kind: "booking" | "cancellation",
): Promise<Notification[]> {
  const { rows } = await tx.query<{ user_id: string }>("SELECT user_id FROM providers WHERE id = $1", [
    b.providerId,
  ]);
  const payload = {
    bookingId: b.id,
    providerId: b.providerId,
    providerName: b.providerName,
    serviceName: b.serviceName,
    startsAt: b.startsAt.toISOString(),
    status: b.status,
  };
  return notify(tx, [
    { userId: b.consumerId, kind, payload },
    ...rows.map((r) => ({ userId: r.user_id, kind, payload })),
  ]);
}

/**
 * Cancels a booking: the consumer who made it, the provider who holds it, or an admin may. Cancelling
 * a cancelled booking answers with it unchanged, so a retried cancel is harmless.
 */
export async function cancelBooking(
  db: Db | Queryable,
  args: { bookingId: string; who: Principal; now: Date; origin?: WriteOrigin },
): Promise<BookingResult> {
  return inTransaction(db, async (tx) => {
    const booking = await lockVisibleBooking(tx, args.bookingId, args.who);
    if (booking.status === "cancelled") return { booking, replayed: true, notifications: [] };
    if (booking.status === "completed" || booking.endsAt <= args.now) {
      throw new AppError(
        "conflict",
        "That appointment has already taken place and can no longer be cancelled.",
      );
    }
    await tx.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, updated_at = now() WHERE id = $1`,
      [booking.id, args.now, args.who.userId],
    );
    const after = (await getBookingRow(tx, booking.id))!;
    await audit(tx, {
      actorId: args.who.userId,
      action: "booking.cancel",
      entity: "booking",
      entityId: booking.id,
      ...(args.origin ?? API_ORIGIN),
      before: booking,
      after,
    });
    return {
      booking: after,
      replayed: false,
      notifications: await notifyBothSides(tx, after, "cancellation"),
    };
  });
}

/** Moves a live booking to a new start time; the same rules as a new booking apply. */
export async function rescheduleBooking(
  db: Db | Queryable,
  args: { bookingId: string; who: Principal; startsAt: Date; now: Date; origin?: WriteOrigin },
): Promise<BookingResult> {
  return inTransaction(db, async (tx) => {
    const booking = await lockVisibleBooking(tx, args.bookingId, args.who);
    if (booking.status !== "confirmed" || booking.startsAt <= args.now) {
      throw new AppError("conflict", "Only an upcoming, confirmed booking can be moved.");
    }
    if (booking.startsAt.getTime() === args.startsAt.getTime())
      return { booking, replayed: true, notifications: [] };
    const durationMin = (booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000;
    const endsAt = new Date(args.startsAt.getTime() + durationMin * 60_000);
    const input = {
      consumerId: booking.consumerId,
      providerId: booking.providerId,
      serviceId: booking.serviceId ?? "",
      startsAt: args.startsAt,
      now: args.now,
    };
    const problem = await slotProblem(tx, {
      providerId: booking.providerId,
      startsAt: args.startsAt,
      endsAt,
      now: args.now,
    });
    if (problem) throw await unavailable(tx, problem, input, durationMin);
    await tx.query("SAVEPOINT reschedule");
    try {
      await tx.query("UPDATE bookings SET starts_at = $2, ends_at = $3, updated_at = now() WHERE id = $1", [
        booking.id,
        args.startsAt,
        endsAt,
      ]);
      await tx.query("RELEASE SAVEPOINT reschedule");
    } catch (err) {
      await tx.query("ROLLBACK TO SAVEPOINT reschedule");
      if (sqlState(err) === "23P01") throw await slotTaken(tx, input, durationMin);
      throw err;
    }
    const after = (await getBookingRow(tx, booking.id))!;
    await audit(tx, {
      actorId: args.who.userId,
      action: "booking.reschedule",
      entity: "booking",
      entityId: booking.id,
      ...(args.origin ?? API_ORIGIN),
      before: booking,
      after,
    });
    return { booking: after, replayed: false, notifications: await notifyBothSides(tx, after, "booking") };
  });
}

async function lockVisibleBooking(tx: Queryable, id: string, who: Principal): Promise<Booking> {
  if (!isUuid(id)) throw notFound("That booking");
  await tx.query("SELECT 1 FROM bookings WHERE id = $1 FOR UPDATE", [id]);
  const booking = await getBooking(tx, id, who);
  // Someone else's booking is "not found": its existence is not ours to reveal.
  if (!booking) throw notFound("That booking");
  return booking;
}
