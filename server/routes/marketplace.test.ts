import { beforeAll, expect, it } from "vitest";
import { createTestApp } from "../../test/app.js";
import { describeEachEngine } from "../../test/db.js";
import { makeProvider, type TestProvider } from "../../test/fixtures.js";

const TUE_9 = "2026-12-01T09:00:00-06:00"; // Tuesday 09:00 Chicago, the day after TEST_NOW

describeEachEngine("REST marketplace API", ({ db }) => {
  let t: ReturnType<typeof createTestApp>;
  let barber: TestProvider;
  let alice: string;
  let bob: string;
  let barberToken: string;

  beforeAll(async () => {
    t = createTestApp(db());
    barber = await makeProvider(db(), { name: "Clipper Kings" });
    alice = await t.tokenFor("api-alice", "consumer", { zip: "78704" });
    bob = await t.tokenFor("api-bob", "consumer");
    barberToken = await t.tokenFor(barber.principal.userId, "provider");
  });

  it("refuses requests without a valid token", async () => {
    expect((await t.call("GET", "/v1/bookings")).body.error.code).toBe("unauthorized");
    const forged = await t.call("GET", "/v1/bookings", { token: `${alice.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("unauthorized");
  });

  it("searches providers, reads a profile and its availability", async () => {
    const search = await t.call("GET", "/v1/providers?q=clipper%20kings&zip=78704", { token: alice });
    expect(search.status).toBe(200);
    expect(search.body.providers[0]).toMatchObject({
      id: barber.profile.id,
      name: "Clipper Kings",
      priceFromCents: 4000,
    });
    const profile = await t.call("GET", `/v1/providers/${barber.profile.id}`, { token: alice });
    expect(profile.body).toMatchObject({
      id: barber.profile.id,
      services: [{ name: "Skin Fade", priceCents: 4000, durationMin: 45 }],
    });
    const slots = await t.call("GET", `/v1/providers/${barber.profile.id}/availability?date=2026-12-01`, {
      token: alice,
    });
    expect(slots.body.slots[0]).toEqual({
      startsAt: "2026-12-01T15:00:00.000Z",
      endsAt: "2026-12-01T15:45:00.000Z",
    });
    expect(
      (await t.call("GET", "/v1/providers/2c9a1b3e-0000-4000-8000-000000000000", { token: alice })).status,
    ).toBe(404);
    expect(
      (
        await t.call("GET", `/v1/providers/${barber.profile.id}/availability?date=2026-02-30`, {
          token: alice,
        })
      ).status,
    ).toBe(400);
  });

  it("books with an Idempotency-Key, replays it, and refuses the key with another body", async () => {
    const body = { providerId: barber.profile.id, serviceId: barber.serviceId, startsAt: TUE_9 };
    const first = await t.call("POST", "/v1/bookings", {
      token: alice,
      body,
      headers: { "idempotency-key": "book-1" },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      providerName: "Clipper Kings",
      serviceName: "Skin Fade",
      priceCents: 4000,
      status: "confirmed",
    });
    const again = await t.call("POST", "/v1/bookings", {
      token: alice,
      body,
      headers: { "idempotency-key": "book-1" },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await t.call("POST", "/v1/bookings", {
      token: alice,
      body: { ...body, startsAt: "2026-12-01T13:00:00-06:00" },
      headers: { "idempotency-key": "book-1" },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("conflict");
    const taken = await t.call("POST", "/v1/bookings", { token: bob, body });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("slot_taken");
    expect(taken.body.error.details.next.length).toBeGreaterThan(0);
    const mine = await t.call("GET", "/v1/bookings", { token: alice });
    expect(mine.body.bookings.map((b: { id: string }) => b.id)).toEqual([first.body.id]);
    expect((await t.call("GET", "/v1/bookings", { token: bob })).body.bookings).toEqual([]);
    expect(t.published.some((n) => n.userId === barber.principal.userId && n.kind === "booking")).toBe(true);
  });

  it("hides another user's booking (404) and lets the owner cancel", async () => {
    const body = {
      providerId: barber.profile.id,
      serviceId: barber.serviceId,
      startsAt: "2026-12-02T10:00:00-06:00",
    };
    const booked = await t.call("POST", "/v1/bookings", { token: alice, body });
    expect((await t.call("POST", `/v1/bookings/${booked.body.id}/cancel`, { token: bob })).status).toBe(404);
    expect((await t.call("GET", `/v1/bookings/${booked.body.id}`, { token: bob })).status).toBe(404);
    const cancelled = await t.call("POST", `/v1/bookings/${booked.body.id}/cancel`, { token: alice });
    expect(cancelled.body.status).toBe("cancelled");
    const { rows } = await db().query("SELECT status FROM bookings WHERE id = $1", [booked.body.id]);
    expect(rows[0]).toEqual({ status: "cancelled" });
  });

  it("answers bad input with a clear 4xx and writes nothing", async () => {
    const before = await db().query("SELECT count(*)::int AS n FROM bookings");
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      t.call("POST", "/v1/bookings", { token: alice, body, headers });
    const good = { providerId: barber.profile.id, serviceId: barber.serviceId, startsAt: TUE_9 };
    const cases = [
      await post("{not json"),
      await post({ ...good, extra: 1 }),
      await post({ ...good, startsAt: 12 }),
      await post({ ...good, startsAt: "2026-02-30T10:00:00Z" }),
      await post({ ...good, startsAt: "2026-11-01T10:00:00Z" }),
      await post({ ...good, startsAt: "2026-12-01T03:00:00-06:00" }),
      await post({ ...good, providerId: "nope" }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(cases.every((c) => c.body.error.code === "bad_request" && c.body.error.message.length > 5)).toBe(
      true,
    );
    expect(cases[1]!.body.error.message).toMatch(/unknown field/);
    const unknown = await post({ ...good, serviceId: "2c9a1b3e-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(404);
    const asProvider = await t.call("POST", "/v1/bookings", { token: barberToken, body: good });
    expect(asProvider.status).toBe(403);
    expect(asProvider.body.error.code).toBe("forbidden");
    const after = await db().query("SELECT count(*)::int AS n FROM bookings");
    expect(after.rows).toEqual(before.rows);
  });

  it("refuses oversized bodies, chunked ones too", async () => {
    const big = JSON.stringify({ providerId: "x".repeat(70_000) });
    const res = await t.call("POST", "/v1/bookings", { token: alice, body: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    const stream = new ReadableStream({
      start(ctrl) {
        for (let i = 0; i < 20; i++) ctrl.enqueue(new TextEncoder().encode("x".repeat(5_000)));
        ctrl.close();
      },
    });
    const chunked = await t.app.request("/v1/bookings", {
      method: "POST",
      headers: { authorization: `Bearer ${alice}`, "content-type": "application/json" },
      body: stream,
      // @ts-expect-error Node's fetch needs this for a streamed body
      duplex: "half",
    });
    expect(chunked.status).toBe(413);
  });

  it("runs a request-for-offers round: post, offer, accept, booking", async () => {
    const plumber = await makeProvider(db(), { category: "plumbing", name: "Drip Stop" });
    const plumberToken = await t.tokenFor(plumber.principal.userId, "provider");
    const req = await t.call("POST", "/v1/requests", {
      token: alice,
      body: {
        category: "plumbing",
        description: "Leaking kitchen faucet",
        zip: "78704",
        windowStart: "2026-12-03T08:00:00-06:00",
        windowEnd: "2026-12-03T17:00:00-06:00",
        budgetCents: 15000,
      },
    });
    expect(req.status).toBe(201);
    const open = await t.call("GET", "/v1/requests", { token: plumberToken });
    expect(open.body.requests.map((r: { id: string }) => r.id)).toContain(req.body.id);
    const bad = await t.call("POST", `/v1/requests/${req.body.id}/offers`, {
      token: plumberToken,
      body: { priceCents: -5, startsAt: "2026-12-03T10:00:00-06:00" },
    });
    expect(bad.status).toBe(400);
    const offer = await t.call("POST", `/v1/requests/${req.body.id}/offers`, {
      token: plumberToken,
      body: { priceCents: 12000, startsAt: "2026-12-03T10:00:00-06:00", message: "Can bring parts" },
    });
    expect(offer.status).toBe(201);
    expect(
      (
        await t.call("POST", `/v1/requests/${req.body.id}/offers`, {
          token: alice,
          body: { priceCents: 1, startsAt: "2026-12-03T10:00:00-06:00" },
        })
      ).status,
    ).toBe(403);
    expect((await t.call("POST", `/v1/offers/${offer.body.id}/accept`, { token: bob })).status).toBe(404);
    const booking = await t.call("POST", `/v1/offers/${offer.body.id}/accept`, { token: alice });
    expect(booking.status).toBe(201);
    expect(booking.body).toMatchObject({
      providerName: "Drip Stop",
      priceCents: 12000,
      status: "confirmed",
      requestId: req.body.id,
    });
    const offers = await t.call("GET", `/v1/requests/${req.body.id}/offers`, { token: alice });
    expect(offers.body.offers[0]).toMatchObject({ status: "accepted", bookingId: booking.body.id });
  });

  it("lets a provider update the profile by PUT, and search shows the new price", async () => {
    const me = await t.call("GET", "/v1/me", { token: barberToken });
    const doc = me.body.provider;
    doc.services[0].priceCents = 4500;
    const put = await t.call("PUT", "/v1/me/profile", { token: barberToken, body: doc });
    expect(put.status).toBe(200);
    expect(put.body.services[0].priceCents).toBe(4500);
    const search = await t.call("GET", "/v1/providers?q=clipper%20kings&zip=78704", { token: alice });
    expect(search.body.providers[0].priceFromCents).toBe(4500);
    expect((await t.call("PUT", "/v1/me/profile", { token: alice, body: doc })).status).toBe(403);
    const invalid = await t.call("PUT", "/v1/me/profile", {
      token: barberToken,
      body: { ...doc, services: [{ ...doc.services[0], priceCents: -100 }] },
    });
    expect(invalid.status).toBe(400);
  });

  it("serves health, readiness and the OpenAPI document without a token", async () => {
    expect((await t.call("GET", "/healthz")).body).toEqual({ status: "ok" });
    expect((await t.call("GET", "/readyz")).body.status).toBe("ready");
    const spec = await t.call("GET", "/openapi.json");
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(["/v1/bookings", "/v1/providers/{id}/availability", "/v1/me/profile"]),
    );
    expect((await t.call("GET", "/v1/nothing-here", { token: alice })).body.error.code).toBe("not_found");
  });
});
