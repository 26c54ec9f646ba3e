import { beforeAll, describe, expect, it } from "vitest";
import zipcodes from "zipcodes";
import { CATEGORIES } from "../../core/categories.js";
import { generateMarketplace } from "./generate.js";
import { getMetros } from "./metros.js";
import {
  DEMO_ADMIN_ID,
  DEMO_BARBER_ID,
  DEMO_CLEANER_ID,
  DEMO_CONSUMER_ID,
  DEMO_PLUMBER_ID,
} from "./personas.js";
import type { Marketplace } from "./rows.js";

// Mid-March: the 60 days of history span the start of daylight saving time (8 March 2026).
const NOW = new Date("2026-03-20T15:07:33.250Z");
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local weekday and minutes of an instant, read with Intl: independent of the generator's own maths. */
function localClock(at: Date, timeZone: string): { weekday: number; minutes: number; date: string } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hourCycle: "h23",
      hour: "2-digit",
      minute: "2-digit",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday ?? "");
  return {
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function kmBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe("generateMarketplace", () => {
  let m: Marketplace;
  beforeAll(() => {
    m = generateMarketplace({ seed: 7, now: NOW });
  });

  it("gives deep-equal rows for the same seed and now", () => {
    expect(generateMarketplace({ seed: 7, now: NOW })).toEqual(m);
  });

  it("gives different rows for a different seed", () => {
    const other = generateMarketplace({ seed: 8, now: NOW });
    expect(other.providers.map((p) => p.id)).not.toEqual(m.providers.map((p) => p.id));
    expect(other.providers.map((p) => p.name)).not.toEqual(m.providers.map((p) => p.name));
  });

  it("does not depend on the process time zone", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = "Asia/Kolkata";
      const a = generateMarketplace({ seed: 7, now: NOW });
      process.env.TZ = "Pacific/Auckland";
      const b = generateMarketplace({ seed: 7, now: NOW });
      expect(a).toEqual(m);
      expect(b).toEqual(m);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("has at least 200 providers, every category in every one of the four metros", () => {
    expect(m.providers.length).toBeGreaterThanOrEqual(200);
    const metros = getMetros();
    expect(metros.map((x) => x.key).sort()).toEqual(["austin", "chicago", "nyc", "seattle"]);
    for (const metro of metros) {
      const here = m.providers.filter((p) => p.metro === metro.key);
      for (const category of CATEGORIES) {
        const n = here.filter((p) => p.category === category).length;
        // Round-robin: balanced to within one.
        expect(n).toBeGreaterThanOrEqual(Math.floor(here.length / 3));
        expect(n).toBeLessThanOrEqual(Math.ceil(here.length / 3));
      }
      expect(here.every((p) => p.timezone === metro.timezone)).toBe(true);
    }
  });

  it("places every provider at a real zip of its metro", () => {
    const centre = { austin: "78701", seattle: "98101", chicago: "60601", nyc: "11201" } as const;
    for (const p of m.providers) {
      const zip = zipcodes.lookup(p.zip);
      expect(zip, p.zip).toBeDefined();
      const metro = getMetros().find((x) => x.key === p.metro);
      expect(zip?.state).toBe(metro?.state);
      // Near the zip's centre (jittered by a few hundred metres), and within the metro.
      expect(kmBetween(p, { lat: zip?.latitude ?? 0, lng: zip?.longitude ?? 0 })).toBeLessThan(1.5);
      const c = zipcodes.lookup(centre[p.metro]);
      expect(kmBetween(p, { lat: c?.latitude ?? 0, lng: c?.longitude ?? 0 })).toBeLessThan(30);
    }
    const zips = new Set(m.providers.map((p) => p.zip));
    for (const zip of ["78704", "98101", "98103", "98122"]) expect(zips).toContain(zip);
    for (const u of m.users.filter((x) => x.role === "consumer"))
      expect(zipcodes.lookup(u.zip ?? "")).toBeDefined();
  });

  it("prices every service above zero in whole cents, with durations in 15-minute steps", () => {
    expect(m.services.length).toBeGreaterThan(m.providers.length * 3);
    for (const s of m.services) {
      expect(Number.isInteger(s.priceCents)).toBe(true);
      expect(s.priceCents).toBeGreaterThan(0);
      expect(s.durationMin % 15).toBe(0);
      expect(s.durationMin).toBeGreaterThanOrEqual(15);
      expect(s.name.length).toBeLessThanOrEqual(80);
    }
    const byProvider = new Map(m.providers.map((p) => [p.id, p]));
    for (const s of m.services.filter((x) => byProvider.get(x.providerId)?.category === "cleaning")) {
      expect(s.durationMin).toBeGreaterThanOrEqual(90);
      expect(s.durationMin).toBeLessThanOrEqual(360);
    }
  });

  it("never lists one service name twice for a provider", () => {
    const keys = m.services.map((s) => `${s.providerId}/${s.name.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("writes a distinct bio of two to four sentences and a full profile for every provider", () => {
    expect(new Set(m.providers.map((p) => p.bio)).size).toBe(m.providers.length);
    expect(new Set(m.providers.map((p) => p.name)).size).toBe(m.providers.length);
    for (const p of m.providers) {
      // "St. Johns" is a neighbourhood, not the end of a sentence.
      const sentences = p.bio.split(/(?<=[.!?])(?<!\bSt\.)\s+(?=[A-Z])/).length;
      expect(sentences, p.bio).toBeGreaterThanOrEqual(2);
      expect(sentences, p.bio).toBeLessThanOrEqual(4);
      expect(p.profile.specialties).toMatch(/\w/);
      expect(p.profile.languages).toContain("English");
      expect(p.profile.policies.length).toBeGreaterThan(10);
      expect(p.profile.yearsInBusiness).toBeGreaterThanOrEqual(1);
    }
  });

  it("makes valid, unique version 4 UUIDs", () => {
    const ids = [m.providers, m.services, m.timeOff, m.bookings, m.reviews].flatMap((rows) =>
      rows.map((r) => r.id),
    );
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has the well-known demo accounts", () => {
    const user = (id: string) => m.users.find((u) => u.id === id);
    expect(user(DEMO_CONSUMER_ID)).toMatchObject({
      role: "consumer",
      zip: "78704",
      timezone: "America/Chicago",
    });
    expect(user(DEMO_ADMIN_ID)?.role).toBe("admin");
    const provider = (id: string) => m.providers.find((p) => p.userId === id);
    for (const [id, category] of [
      [DEMO_BARBER_ID, "haircut"],
      [DEMO_CLEANER_ID, "cleaning"],
      [DEMO_PLUMBER_ID, "plumbing"],
    ] as const) {
      expect(user(id)?.role).toBe("provider");
      expect(provider(id)).toMatchObject({ category, metro: "austin" });
    }
    const barber = provider(DEMO_BARBER_ID);
    expect(barber?.zip).toBe("78704");
    expect(m.services.some((s) => s.providerId === barber?.id && s.name === "Skin Fade")).toBe(true);
    const evenings = m.weeklyHours.filter(
      (h) =>
        h.providerId === barber?.id && h.weekday >= 1 && h.weekday <= 5 && toMinutes(h.endTime) >= 19 * 60,
    );
    expect(evenings.map((h) => h.weekday).sort()).toEqual([1, 2, 3, 4, 5]);
    const consumers = m.users.filter((u) => u.role === "consumer");
    expect(consumers.length).toBeGreaterThanOrEqual(40);
    // Signing in as the demo consumer shows a history, including the demo barber, and a visit to come.
    const mine = m.bookings.filter((b) => b.consumerId === DEMO_CONSUMER_ID);
    expect(mine.some((b) => b.providerId === barber?.id && b.status === "completed")).toBe(true);
    expect(mine.some((b) => b.status === "confirmed")).toBe(true);
  });

  it("gives weekly hours that are valid rows, several patterns and some split days", () => {
    const key = (h: { providerId: string; weekday: number; startTime: string }) =>
      `${h.providerId}/${h.weekday}/${h.startTime}`;
    expect(new Set(m.weeklyHours.map(key)).size).toBe(m.weeklyHours.length);
    for (const h of m.weeklyHours) expect(toMinutes(h.startTime)).toBeLessThan(toMinutes(h.endTime));
    const perDay = new Map<string, number>();
    for (const h of m.weeklyHours)
      perDay.set(`${h.providerId}/${h.weekday}`, (perDay.get(`${h.providerId}/${h.weekday}`) ?? 0) + 1);
    expect([...perDay.values()].some((n) => n > 1)).toBe(true);
    expect(m.weeklyHours.some((h) => h.weekday === 0)).toBe(true);
    expect(m.weeklyHours.some((h) => toMinutes(h.endTime) >= 20 * 60)).toBe(true);
  });

  it("books history in the past 60 days and a few visits in the next 14, inside opening hours", () => {
    const providers = new Map(m.providers.map((p) => [p.id, p]));
    const hours = new Map<string, { weekday: number; start: number; end: number }[]>();
    for (const h of m.weeklyHours) {
      const list = hours.get(h.providerId) ?? [];
      list.push({ weekday: h.weekday, start: toMinutes(h.startTime), end: toMinutes(h.endTime) });
      hours.set(h.providerId, list);
    }
    const now = NOW.getTime();
    for (const b of m.bookings) {
      const p = providers.get(b.providerId);
      if (!p) throw new Error(`booking ${b.id} has no provider`);
      const start = localClock(b.startsAt, p.timezone);
      const end = localClock(b.endsAt, p.timezone);
      expect(end.date).toBe(start.date);
      const open = hours
        .get(p.id)
        ?.some((h) => h.weekday === start.weekday && h.start <= start.minutes && end.minutes <= h.end);
      expect(open, `${p.name} ${b.startsAt.toISOString()}`).toBe(true);
      if (b.status === "confirmed") {
        expect(b.startsAt.getTime()).toBeGreaterThan(now);
        expect(b.startsAt.getTime()).toBeLessThan(now + 14 * DAY);
      } else {
        expect(b.startsAt.getTime()).toBeGreaterThanOrEqual(now - 60 * DAY);
        expect(b.endsAt.getTime()).toBeLessThanOrEqual(now);
      }
      expect(b.createdAt.getTime()).toBeLessThanOrEqual(Math.min(now, b.startsAt.getTime()));
      expect(b.cancelledAt !== null).toBe(b.status === "cancelled");
    }
    expect(m.bookings.filter((b) => b.status === "completed").length).toBeGreaterThan(m.providers.length);
    expect(m.bookings.filter((b) => b.status === "confirmed").length).toBeGreaterThan(5);
  });

  it("has history on both sides of the daylight-saving change, so the hours check covers both", () => {
    // The check above reads local times with Intl; an offset off by the DST hour would push the
    // bookings that start at opening time outside the hours.
    const dst = new Date("2026-03-08T08:00Z").getTime();
    expect(m.bookings.filter((b) => b.startsAt.getTime() < dst).length).toBeGreaterThan(100);
    expect(m.bookings.filter((b) => b.startsAt.getTime() > dst).length).toBeGreaterThan(100);
  });

  it("never overlaps two live bookings of a provider, nor books a consumer twice in a day", () => {
    const live = m.bookings.filter((b) => b.status !== "cancelled");
    const byProvider = new Map<string, typeof live>();
    for (const b of live) byProvider.set(b.providerId, [...(byProvider.get(b.providerId) ?? []), b]);
    for (const list of byProvider.values()) {
      const sorted = list.slice().sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i]?.startsAt.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]?.endsAt.getTime() ?? 0);
      }
    }
    const tz = new Map(m.users.map((u) => [u.id, u.timezone]));
    const days = m.bookings.map(
      (b) => `${b.consumerId}/${localClock(b.startsAt, tz.get(b.consumerId) ?? "UTC").date}`,
    );
    expect(new Set(days).size).toBe(days.length);
  });

  it("reviews only completed bookings, after they end, with ratings that skew positive", () => {
    const bookings = new Map(m.bookings.map((b) => [b.id, b]));
    expect(new Set(m.reviews.map((r) => r.bookingId)).size).toBe(m.reviews.length);
    for (const r of m.reviews) {
      const b = bookings.get(r.bookingId);
      expect(b?.status).toBe("completed");
      expect(r.consumerId).toBe(b?.consumerId);
      expect(r.providerId).toBe(b?.providerId);
      expect(r.createdAt.getTime()).toBeGreaterThan(b?.endsAt.getTime() ?? 0);
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(r.rating).toBeGreaterThanOrEqual(1);
      expect(r.rating).toBeLessThanOrEqual(5);
    }
    const mean = m.reviews.reduce((s, r) => s + r.rating, 0) / m.reviews.length;
    expect(mean).toBeGreaterThan(3.8);
    expect(new Set(m.reviews.map((r) => r.rating)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(m.reviews.map((r) => r.text)).size).toBeGreaterThan(m.reviews.length / 3);
  });

  it("schedules time off only in the future, clear of upcoming bookings", () => {
    expect(m.timeOff.length).toBeGreaterThan(0);
    for (const t of m.timeOff) {
      expect(t.startsAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(t.startsAt.getTime()).toBeLessThan(t.endsAt.getTime());
      const clash = m.bookings.some(
        (b) =>
          b.providerId === t.providerId &&
          b.status !== "cancelled" &&
          b.startsAt < t.endsAt &&
          t.startsAt < b.endsAt,
      );
      expect(clash).toBe(false);
    }
  });

  it("scales to benchmark sizes with unique ids", () => {
    const big = generateMarketplace({ seed: 1, now: NOW, providersPerMetro: 2_500, history: false });
    expect(big.providers.length).toBe(10_000);
    expect(new Set(big.providers.map((p) => p.id)).size).toBe(10_000);
    expect(new Set(big.users.map((u) => u.id)).size).toBe(big.users.length);
    expect(big.bookings).toEqual([]);
  });
});
