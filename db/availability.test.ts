import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../test/db.js";
import { makeConsumer, makeProvider } from "../test/fixtures.js";
import { freeSlots, nextFreeSlots, slotProblem } from "./availability.js";
import { createBooking } from "./bookings.js";

const iso = (d: Date) => d.toISOString();

describeEachEngine("availability", ({ db }) => {
  // The process's own zone must not matter: run the whole suite as if the server were in India.
  const savedTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "Asia/Kolkata";
  });
  afterAll(() => {
    process.env.TZ = savedTz;
  });

  it("offers slots in the provider's zone on both sides of the spring daylight-saving change", async () => {
    const p = await makeProvider(db(), {
      zip: "11201",
      timezone: "America/New_York",
      weeklyHours: [0, 6].map((weekday) => ({ weekday, start: "09:00", end: "11:00" })),
      services: [{ name: "Cut", description: "", priceCents: 3000, durationMin: 60 }],
    });
    const now = new Date("2026-03-01T00:00:00Z");
    // Saturday 7 March is EST (UTC-5); Sunday 8 March is EDT (UTC-4).
    const slots = await freeSlots(db(), {
      providerId: p.profile.id,
      fromDate: "2026-03-07",
      toDate: "2026-03-08",
      durationMin: 60,
      now,
    });
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      "2026-03-07T14:00:00.000Z",
      "2026-03-07T14:30:00.000Z",
      "2026-03-07T15:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-08T13:30:00.000Z",
      "2026-03-08T14:00:00.000Z",
    ]);
  });

  it("offers slots in the provider's zone on both sides of the autumn daylight-saving change", async () => {
    const p = await makeProvider(db(), {
      zip: "11201",
      timezone: "America/New_York",
      weeklyHours: [0, 6].map((weekday) => ({ weekday, start: "09:00", end: "10:00" })),
      services: [{ name: "Cut", description: "", priceCents: 3000, durationMin: 60 }],
    });
    const now = new Date("2026-10-25T00:00:00Z");
    // Saturday 31 October is EDT (UTC-4); Sunday 1 November is EST (UTC-5).
    const slots = await freeSlots(db(), {
      providerId: p.profile.id,
      fromDate: "2026-10-31",
      toDate: "2026-11-01",
      durationMin: 60,
      now,
    });
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
    ]);
    expect(slots.map((s) => iso(s.endsAt))).toEqual(["2026-10-31T14:00:00.000Z", "2026-11-01T15:00:00.000Z"]);
  });

  it("leaves out booked slots, time off and the past", async () => {
    const p = await makeProvider(db(), {
      weeklyHours: [{ weekday: 2, start: "09:00", end: "12:00" }],
      services: [{ name: "Cut", description: "", priceCents: 3000, durationMin: 60 }],
      timeOff: [{ startsAt: "2026-12-01T17:00:00Z", endsAt: "2026-12-01T18:00:00Z", reason: "dentist" }],
    });
    const now = new Date("2026-11-30T12:00:00Z");
    const c = await makeConsumer(db());
    // Tuesday 1 December 2026, Chicago is UTC-6: 09:00 local = 15:00Z.
    await createBooking(db(), {
      consumerId: c.userId,
      providerId: p.profile.id,
      serviceId: p.serviceId,
      startsAt: new Date("2026-12-01T15:00:00Z"),
      now,
    });
    const slots = await freeSlots(db(), {
      providerId: p.profile.id,
      fromDate: "2026-12-01",
      toDate: "2026-12-01",
      durationMin: 60,
      now,
    });
    // 09:00 booked; 09:30 overlaps it; 11:00 is time off (17:00Z); 10:00–11:00 is free.
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-12-01T16:00:00.000Z"]);
    const later = await freeSlots(db(), {
      providerId: p.profile.id,
      fromDate: "2026-12-01",
      toDate: "2026-12-01",
      durationMin: 60,
      now: new Date("2026-12-01T16:00:00Z"),
    });
    expect(later).toEqual([]);
  });

  it("names the reason a time cannot be booked", async () => {
    const p = await makeProvider(db(), { weeklyHours: [{ weekday: 3, start: "09:00", end: "12:00" }] });
    const now = new Date("2026-11-30T12:00:00Z");
    const at = (s: string, min = 45) => ({
      providerId: p.profile.id,
      startsAt: new Date(s),
      endsAt: new Date(Date.parse(s) + min * 60_000),
      now,
    });
    expect(await slotProblem(db(), at("2026-12-02T15:00:00Z"))).toBeUndefined(); // Wed 09:00 Chicago
    expect(await slotProblem(db(), at("2026-12-02T17:30:00Z"))).toBe("outside_hours"); // ends 12:15
    expect(await slotProblem(db(), at("2026-12-01T15:00:00Z"))).toBe("outside_hours"); // a Tuesday
    expect(await slotProblem(db(), at("2026-11-30T12:10:00Z"))).toBe("past");
  });

  it("finds the next free slots days ahead", async () => {
    const p = await makeProvider(db(), { weeklyHours: [{ weekday: 5, start: "09:00", end: "10:00" }] });
    const next = await nextFreeSlots(db(), {
      providerId: p.profile.id,
      durationMin: 45,
      now: new Date("2026-11-30T12:00:00Z"),
      limit: 3,
    });
    // Fridays only, within the default 14 days: 4 and 11 December at 09:00 Chicago (15:00Z).
    expect(next.map((s) => iso(s.startsAt))).toEqual([
      "2026-12-04T15:00:00.000Z",
      "2026-12-11T15:00:00.000Z",
    ]);
  });
});
