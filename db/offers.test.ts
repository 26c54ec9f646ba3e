import { expect, it } from "vitest";
import { describeEachEngine } from "../test/db.js";
import { makeConsumer, makeProvider } from "../test/fixtures.js";
import { createBooking } from "./bookings.js";
import { acceptOffer, listOffers, makeOffer } from "./offers.js";
import { createRequest, getRequest, listRequests } from "./requests.js";
import { leaveReview } from "./reviews.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const WINDOW = { windowStart: new Date("2026-12-01T14:00:00Z"), windowEnd: new Date("2026-12-01T23:00:00Z") };

describeEachEngine("requests, offers and reviews", ({ db }) => {
  it("notifies providers of the category whose area covers the zip, and only shows them the request", async () => {
    const near = await makeProvider(db(), { category: "plumbing", zip: "78704" });
    const wrongTrade = await makeProvider(db(), { category: "cleaning", zip: "78704" });
    const far = await makeProvider(db(), {
      category: "plumbing",
      zip: "98101",
      timezone: "America/Los_Angeles",
    });
    const c = await makeConsumer(db());
    const { request, notifications } = await createRequest(db(), {
      consumerId: c.userId,
      category: "plumbing",
      description: "Kitchen sink is leaking under the cabinet",
      zip: "78704",
      ...WINDOW,
      budgetCents: 20000,
      now: NOW,
    });
    const notified = notifications.map((n) => n.userId);
    expect(notified).toContain(near.principal.userId);
    expect(notified).not.toContain(wrongTrade.principal.userId);
    expect(notified).not.toContain(far.principal.userId);
    expect((await listRequests(db(), near.principal, NOW)).map((r) => r.id)).toContain(request.id);
    expect(await getRequest(db(), request.id, far.principal, NOW)).toBeUndefined();
    expect(await getRequest(db(), request.id, await makeConsumer(db()), NOW)).toBeUndefined();
  });

  it("turns an accepted offer into a booking, declines the others and closes the request", async () => {
    const a = await makeProvider(db(), { category: "plumbing" });
    const b = await makeProvider(db(), { category: "plumbing" });
    const c = await makeConsumer(db());
    const { request } = await createRequest(db(), {
      consumerId: c.userId,
      category: "plumbing",
      description: "Clogged drain",
      zip: "78704",
      ...WINDOW,
      now: NOW,
    });
    const offerA = (
      await makeOffer(db(), {
        providerUserId: a.principal.userId,
        requestId: request.id,
        priceCents: 12000,
        startsAt: new Date("2026-12-01T16:00:00Z"),
        now: NOW,
      })
    ).offer;
    const offerB = (
      await makeOffer(db(), {
        providerUserId: b.principal.userId,
        requestId: request.id,
        priceCents: 9000,
        startsAt: new Date("2026-12-01T17:00:00Z"),
        now: NOW,
      })
    ).offer;
    // A provider sees only their own offer; the consumer sees both, the cheaper first.
    expect((await listOffers(db(), request.id, a.principal, NOW)).map((o) => o.id)).toEqual([offerA.id]);
    expect((await listOffers(db(), request.id, c, NOW)).map((o) => o.id)).toEqual([offerB.id, offerA.id]);

    const outsider = await makeConsumer(db());
    await expect(
      acceptOffer(db(), { offerId: offerB.id, consumerId: outsider.userId, now: NOW }),
    ).rejects.toMatchObject({ code: "not_found" });

    const accepted = await acceptOffer(db(), { offerId: offerB.id, consumerId: c.userId, now: NOW });
    expect(accepted.booking).toMatchObject({
      providerId: b.profile.id,
      priceCents: 9000,
      status: "confirmed",
      requestId: request.id,
    });
    expect((await acceptOffer(db(), { offerId: offerB.id, consumerId: c.userId, now: NOW })).replayed).toBe(
      true,
    );
    await expect(
      acceptOffer(db(), { offerId: offerA.id, consumerId: c.userId, now: NOW }),
    ).rejects.toMatchObject({ code: "conflict" });
    const { rows } = await db().query<{ status: string }>(
      "SELECT status FROM offers WHERE request_id = $1 ORDER BY price_cents",
      [request.id],
    );
    expect(rows.map((r) => r.status)).toEqual(["accepted", "declined"]);
    expect((await getRequest(db(), request.id, c, NOW))?.status).toBe("booked");
    const { rows: bookings } = await db().query(
      "SELECT count(*)::int AS n FROM bookings WHERE request_id = $1",
      [request.id],
    );
    expect(bookings[0]).toEqual({ n: 1 });
  });

  it("accepts exactly one of two offers accepted at the same time", async () => {
    const a = await makeProvider(db(), { category: "plumbing" });
    const b = await makeProvider(db(), { category: "plumbing" });
    const c = await makeConsumer(db());
    const { request } = await createRequest(db(), {
      consumerId: c.userId,
      category: "plumbing",
      description: "Water heater out",
      zip: "78704",
      ...WINDOW,
      now: NOW,
    });
    const offers = await Promise.all(
      [a, b].map((p) =>
        makeOffer(db(), {
          providerUserId: p.principal.userId,
          requestId: request.id,
          priceCents: 10000,
          startsAt: new Date("2026-12-01T16:00:00Z"),
          now: NOW,
        }),
      ),
    );
    const results = await Promise.allSettled(
      offers.map((o) => acceptOffer(db(), { offerId: o.offer.id, consumerId: c.userId, now: NOW })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const { rows } = await db().query(
      "SELECT count(*)::int AS n FROM offers WHERE request_id = $1 AND status = 'accepted'",
      [request.id],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("replaces a provider's pending offer with a new one, keeping the old one as withdrawn", async () => {
    const p = await makeProvider(db(), { category: "plumbing" });
    const c = await makeConsumer(db());
    const { request } = await createRequest(db(), {
      consumerId: c.userId,
      category: "plumbing",
      description: "Water heater replacement",
      zip: "78704",
      ...WINDOW,
      now: NOW,
    });
    const offer = (price: number) =>
      makeOffer(db(), {
        providerUserId: p.principal.userId,
        requestId: request.id,
        priceCents: price,
        startsAt: new Date("2026-12-01T16:00:00Z"),
        now: NOW,
      });
    const first = (await offer(20000)).offer;
    const second = (await offer(15000)).offer;
    expect(second.id).not.toBe(first.id);
    const { rows } = await db().query<{ id: string; status: string; price_cents: number }>(
      "SELECT id, status, price_cents FROM offers WHERE request_id = $1 ORDER BY price_cents",
      [request.id],
    );
    expect(rows).toEqual([
      { id: second.id, status: "pending", price_cents: 15000 },
      { id: first.id, status: "withdrawn", price_cents: 20000 },
    ]);
    const { rows: audits } = await db().query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1",
      [second.id],
    );
    expect(audits.map((a) => a.action)).toEqual(["offer.replace"]);
  });

  it("refuses an offer outside the consumer's window or from a provider who cannot see the request", async () => {
    const p = await makeProvider(db(), { category: "plumbing" });
    const far = await makeProvider(db(), {
      category: "plumbing",
      zip: "98101",
      timezone: "America/Los_Angeles",
    });
    const c = await makeConsumer(db());
    const { request } = await createRequest(db(), {
      consumerId: c.userId,
      category: "plumbing",
      description: "Toilet runs all night",
      zip: "78704",
      ...WINDOW,
      now: NOW,
    });
    await expect(
      makeOffer(db(), {
        providerUserId: p.principal.userId,
        requestId: request.id,
        priceCents: 5000,
        startsAt: new Date("2026-12-02T16:00:00Z"),
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      makeOffer(db(), {
        providerUserId: far.principal.userId,
        requestId: request.id,
        priceCents: 5000,
        startsAt: new Date("2026-12-01T16:00:00Z"),
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const { rows } = await db().query("SELECT count(*)::int AS n FROM offers WHERE request_id = $1", [
      request.id,
    ]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("takes one review per finished booking and updates the provider's rating", async () => {
    const p = await makeProvider(db());
    const c = await makeConsumer(db());
    const { booking } = await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: new Date("2026-12-01T15:00:00Z"),
      now: NOW,
    });
    await expect(
      leaveReview(db(), { bookingId: booking.id, consumerId: c.userId, rating: 5, text: "Great", now: NOW }),
    ).rejects.toMatchObject({ code: "conflict" });
    const after = new Date("2026-12-02T00:00:00Z");
    await leaveReview(db(), {
      bookingId: booking.id,
      consumerId: c.userId,
      rating: 4,
      text: "Sharp fade",
      now: after,
    });
    await expect(
      leaveReview(db(), {
        bookingId: booking.id,
        consumerId: c.userId,
        rating: 1,
        text: "again",
        now: after,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    const other = await makeConsumer(db());
    await expect(
      leaveReview(db(), {
        bookingId: booking.id,
        consumerId: other.userId,
        rating: 1,
        text: "x",
        now: after,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const { rows } = await db().query("SELECT rating, review_count FROM providers WHERE id = $1", [
      p.profile.id,
    ]);
    expect(rows[0]).toEqual({ rating: 4, review_count: 1 });
    const { rows: b } = await db().query("SELECT status FROM bookings WHERE id = $1", [booking.id]);
    expect(b[0]).toEqual({ status: "completed" });
  });
});
