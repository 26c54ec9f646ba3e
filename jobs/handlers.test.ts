import { beforeAll, expect, it } from "vitest";
import { fixedClock } from "../core/clock.js";
import { createBooking } from "../db/bookings.js";
import type { Notification } from "../db/notifications.js";
import { makeOffer } from "../db/offers.js";
import { createRequest } from "../db/requests.js";
import { TEST_NOW } from "../test/app.js";
import { describeEachEngine } from "../test/db.js";
import { makeConsumer, makeProvider, type TestProvider } from "../test/fixtures.js";
import { createJobHandlers } from "./handlers.js";

const HOUR = 3600_000;
const embeddings = {
  modelId: "none",
  dims: 1,
  embedDocuments: async () => [],
  embedQuery: async () => [],
};

describeEachEngine("background jobs' work", ({ db }) => {
  const published: Notification[] = [];
  const clock = fixedClock(TEST_NOW);
  let handlers: ReturnType<typeof createJobHandlers>;
  let barber: TestProvider;

  beforeAll(async () => {
    barber = await makeProvider(db(), { name: "Job Fades" });
    handlers = createJobHandlers({
      db: db(),
      clock,
      embeddings,
      vector: false,
      notifications: { publish: (n) => published.push(...n) },
    });
  });

  it("tells providers who joined after a request about it, once", async () => {
    const consumer = await makeConsumer(db());
    const { request, notifications } = await createRequest(db(), {
      consumerId: consumer.userId,
      category: "haircut",
      description: "fade for a wedding",
      zip: "78704",
      windowStart: new Date(TEST_NOW.getTime() + 24 * HOUR),
      windowEnd: new Date(TEST_NOW.getTime() + 48 * HOUR),
      now: TEST_NOW,
    });
    expect(notifications.map((n) => n.userId)).toContain(barber.principal.userId);
    // Everyone who matched was told in the request's own transaction: nothing left to do.
    expect(await handlers["fan-out-request"]({ requestId: request.id })).toEqual({ notified: 0 });

    const late = await makeProvider(db(), { name: "Late Joiner Cuts" });
    published.length = 0;
    expect(await handlers["fan-out-request"]({})).toMatchObject({ notified: 1 });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      userId: late.principal.userId,
      kind: "request",
      payload: {
        requestId: request.id,
        category: "haircut",
        zip: "78704",
        windowStart: request.windowStart.toISOString(),
        windowEnd: request.windowEnd.toISOString(),
        budgetCents: null,
      },
    });
    // The same shape as the request's own notifications, field for field.
    expect(Object.keys(published[0]!.payload).sort()).toEqual(Object.keys(notifications[0]!.payload).sort());
    expect(await handlers["fan-out-request"]({})).toEqual({ notified: 0 });
  });

  it("expires open requests past their window and the offers that go with them", async () => {
    const consumer = await makeConsumer(db());
    const { request } = await createRequest(db(), {
      consumerId: consumer.userId,
      category: "haircut",
      description: "quick trim",
      zip: "78704",
      windowStart: new Date(TEST_NOW.getTime() + 2 * HOUR),
      windowEnd: new Date(TEST_NOW.getTime() + 6 * HOUR),
      now: TEST_NOW,
    });
    const { offer } = await makeOffer(db(), {
      providerUserId: barber.principal.userId,
      requestId: request.id,
      priceCents: 3500,
      startsAt: new Date(TEST_NOW.getTime() + 3 * HOUR),
      serviceId: barber.serviceId,
      now: TEST_NOW,
    });
    expect(await handlers["expire-stale"]({})).toEqual({ requests: 0, offers: 0 });

    clock.set(new Date(TEST_NOW.getTime() + 7 * HOUR));
    try {
      const result = await handlers["expire-stale"]({});
      expect(result.requests).toBeGreaterThanOrEqual(1);
      expect(result.offers).toBeGreaterThanOrEqual(1);
      const { rows } = await db().query<{ r: string; o: string }>(
        `SELECT r.status AS r, o.status AS o FROM service_requests r JOIN offers o ON o.request_id = r.id
         WHERE r.id = $1 AND o.id = $2`,
        [request.id, offer.id],
      );
      expect(rows).toEqual([{ r: "expired", o: "expired" }]);
      expect(await handlers["expire-stale"]({})).toEqual({ requests: 0, offers: 0 });
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it("reminds both sides of a booking within a day, once", async () => {
    const consumer = await makeConsumer(db());
    const soon = await createBooking(db(), {
      consumerId: consumer.userId,
      providerId: barber.profile.id,
      serviceId: barber.serviceId,
      startsAt: new Date("2026-12-01T15:00:00Z"), // Tuesday 09:00 in Chicago, 27 h after TEST_NOW
      now: TEST_NOW,
    });
    const later = await createBooking(db(), {
      consumerId: consumer.userId,
      providerId: barber.profile.id,
      serviceId: barber.serviceId,
      startsAt: new Date("2026-12-03T15:00:00Z"),
      now: TEST_NOW,
    });
    published.length = 0;
    clock.set(new Date("2026-12-01T06:00:00Z"));
    try {
      const first = await handlers["booking-reminders"]({});
      expect(first.reminded).toBeGreaterThanOrEqual(2);
      const mine = published.filter((n) => n.payload.bookingId === soon.booking.id);
      expect(mine.map((n) => n.userId).sort()).toEqual([consumer.userId, barber.principal.userId].sort());
      expect(mine[0]).toMatchObject({ kind: "booking", payload: { reminder: true, status: "confirmed" } });
      expect(published.some((n) => n.payload.bookingId === later.booking.id)).toBe(false);
      published.length = 0;
      await handlers["booking-reminders"]({});
      expect(published.filter((n) => n.payload.bookingId === soon.booking.id)).toEqual([]);
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it("re-embeds nothing where there is no vector extension", async () => {
    expect(await handlers["reembed-provider"]({ providerId: barber.profile.id })).toEqual({
      skipped: "no vector extension",
    });
  });
});
