import { expect, it } from "vitest";
import { AppError } from "../core/errors.js";
import { describeEachEngine } from "../test/db.js";
import { makeConsumer, makeProvider } from "../test/fixtures.js";
import { cancelBooking, createBooking, listBookings, rescheduleBooking } from "./bookings.js";
import { hashRequest, idempotent } from "./idempotency.js";

const NOW = new Date("2026-11-30T12:00:00Z"); // a Monday
const TUE_9 = new Date("2026-12-01T15:00:00Z"); // Tuesday 09:00 in Chicago
const at = (d: Date, min: number) => new Date(d.getTime() + min * 60_000);

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describeEachEngine("bookings", ({ db }) => {
  it("books a free slot at the service's price and duration, with an audit entry and notifications", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const r = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
    });
    expect(r.booking).toMatchObject({
      consumerId: c.userId,
      status: "confirmed",
      priceCents: 4000,
      serviceName: "Skin Fade",
    });
    expect(r.booking.endsAt.toISOString()).toBe(at(TUE_9, 45).toISOString());
    const { rows: audits } = await db().query("SELECT action FROM audit_log WHERE entity_id = $1", [
      r.booking.id,
    ]);
    expect(audits).toEqual([{ action: "booking.create" }]);
    expect(r.notifications.map((n) => n.userId).sort()).toEqual([c.userId, p.principal.userId].sort());
  });

  it("refuses a second booking of the same slot with slot_taken and the next free slots", async () => {
    const p = await makeProvider(db());
    const [a, b] = [await makeConsumer(db()), await makeConsumer(db())];
    await createBooking(db(), {
      consumerId: a.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
    });
    const err = await caught(
      createBooking(db(), {
        consumerId: b.userId,
        providerId: p.profile.id,
        serviceId: p.serviceId,
        startsAt: at(TUE_9, 30),
        now: NOW,
      }),
    );
    expect(err.code).toBe("slot_taken");
    const next = ((err.details?.next ?? []) as { startsAt: string }[]).map((s) => s.startsAt);
    expect(next[0]).toBe(at(TUE_9, 60).toISOString());
    const { rows } = await db().query("SELECT count(*)::int AS n FROM bookings WHERE provider_id = $1", [
      p.profile.id,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("books adjacent slots back to back", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const first = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
    });
    const second = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: first.booking.endsAt,
      now: NOW,
    });
    expect(second.booking.status).toBe("confirmed");
  });

  it("refuses times in the past, outside opening hours and unknown services, writing nothing", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const base = { consumerId: c.userId, providerId: p.profile.id, serviceId: p.serviceId, now: NOW };
    expect(
      (await caught(createBooking(db(), { ...base, startsAt: new Date("2026-11-29T15:00:00Z") }))).details
        ?.reason,
    ).toBe("past");
    expect(
      (await caught(createBooking(db(), { ...base, startsAt: new Date("2026-12-01T22:30:00Z") }))).details
        ?.reason,
    ).toBe("outside_hours");
    expect(
      (await caught(createBooking(db(), { ...base, startsAt: new Date("2026-12-06T16:00:00Z") }))).details
        ?.reason,
    ).toBe("outside_hours");
    expect(
      (await caught(createBooking(db(), { ...base, serviceId: crypto.randomUUID(), startsAt: TUE_9 }))).code,
    ).toBe("not_found");
    expect(
      (await caught(createBooking(db(), { ...base, providerId: "not-a-uuid", startsAt: TUE_9 }))).code,
    ).toBe("not_found");
    const { rows } = await db().query("SELECT count(*)::int AS n FROM bookings WHERE provider_id = $1", [
      p.profile.id,
    ]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("lets exactly one of 50 concurrent attempts on one slot win; the rest get slot_taken", async () => {
    const p = await makeProvider(db());
    const consumers = await Promise.all(Array.from({ length: 50 }, () => makeConsumer(db())));
    const results = await Promise.allSettled(
      consumers.map((c) =>
        createBooking(db(), {
          consumerId: c.userId,
          providerId: p.profile.id,
          serviceId: p.serviceId,
          startsAt: TUE_9,
          now: NOW,
        }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as AppError).code)).toEqual(Array(49).fill("slot_taken"));
    const { rows } = await db().query("SELECT count(*)::int AS n FROM bookings WHERE provider_id = $1", [
      p.profile.id,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("returns the first booking for a repeated idempotency key, even ten at once", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const input = {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
      idempotencyKey: "k-1",
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => createBooking(db(), input)));
    expect(new Set(results.map((r) => r.booking.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const err = await caught(createBooking(db(), { ...input, startsAt: at(TUE_9, 60) }));
    expect(err.code).toBe("conflict");
  });

  it("stores the answer of an idempotent request and replays it; another body under the key is refused", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const body = { providerId: p.profile.id, serviceId: p.serviceId, startsAt: TUE_9.toISOString() };
    const run = (b: typeof body) =>
      idempotent(
        db(),
        {
          userId: c.userId,
          key: "same-key",
          scope: "POST /v1/bookings",
          requestHash: hashRequest("POST /v1/bookings", b),
        },
        async (tx) => {
          const r = await createBooking(tx, {
            consumerId: c.userId,
            providerId: b.providerId,
            serviceId: b.serviceId,
            startsAt: new Date(b.startsAt),
            now: NOW,
          });
          return { status: 201, body: { id: r.booking.id } };
        },
      );
    const answers = await Promise.all(Array.from({ length: 10 }, () => run(body)));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const { rows } = await db().query("SELECT count(*)::int AS n FROM bookings WHERE consumer_id = $1", [
      c.userId,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
    await expect(run({ ...body, startsAt: at(TUE_9, 60).toISOString() })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("lets the consumer cancel, frees the slot, and hides the booking from other consumers", async () => {
    const p = await makeProvider(db());
    const [c, other] = [await makeConsumer(db()), await makeConsumer(db())];
    const { booking } = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
    });
    expect((await caught(cancelBooking(db(), { bookingId: booking.id, who: other, now: NOW }))).code).toBe(
      "not_found",
    );
    expect(await listBookings(db(), other)).toEqual([]);
    const cancelled = await cancelBooking(db(), { bookingId: booking.id, who: c, now: NOW });
    expect(cancelled.booking.status).toBe("cancelled");
    expect((await cancelBooking(db(), { bookingId: booking.id, who: c, now: NOW })).replayed).toBe(true);
    const again = await createBooking(db(), {
      consumerId: other.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
    });
    expect(again.booking.status).toBe("confirmed");
    // The provider sees both, the cancelled one and the new one.
    expect((await listBookings(db(), p.principal)).map((b) => b.status).sort()).toEqual([
      "cancelled",
      "confirmed",
    ]);
  });

  it("reschedules into a free slot and refuses a taken one", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const a = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: TUE_9,
      now: NOW,
    });
    const b = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: at(TUE_9, 120),
      now: NOW,
    });
    expect(
      (
        await caught(
          rescheduleBooking(db(), { bookingId: a.booking.id, who: c, startsAt: at(TUE_9, 90), now: NOW }),
        )
      ).code,
    ).toBe("slot_taken");
    const moved = await rescheduleBooking(db(), {
      bookingId: a.booking.id,
      who: c,
      startsAt: at(TUE_9, 240),
      now: NOW,
    });
    expect(moved.booking.startsAt.toISOString()).toBe(at(TUE_9, 240).toISOString());
    expect(b.booking.status).toBe("confirmed");
  });
});
