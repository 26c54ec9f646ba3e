import { beforeAll, expect, it } from "vitest";
import { AppError } from "../../core/errors.js";
import { describeEachEngine, type TestDb } from "../../test/db.js";
import { getProviderProfile, profileInputSchema } from "../provider-profile.js";
import { searchProviders } from "../providers.js";
import { generateMarketplace } from "./generate.js";
import {
  chunkMarketplace,
  DEMO_ADMIN_ID,
  DEMO_BARBER_ID,
  DEMO_CLEANER_ID,
  DEMO_CONSUMER_ID,
  DEMO_PLUMBER_ID,
  insertMarketplace,
  isEmpty,
  type SeedProgress,
  type SeedResult,
  seedDemo,
} from "./index.js";

// After the start of daylight saving time, so history covers both offsets.
const NOW = new Date("2026-03-20T15:07:33Z");
const SEED = 11;

const count = async (db: TestDb, sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: string }>(sql, params)).rows[0]?.n);

describeEachEngine("seedDemo", ({ db }) => {
  let result: SeedResult;
  const progress: SeedProgress[] = [];

  beforeAll(async () => {
    expect(await isEmpty(db())).toBe(true);
    result = await seedDemo(db(), { seed: SEED, now: NOW, onProgress: (p) => progress.push(p) });
  }, 120_000);

  it("writes every generated row", async () => {
    const m = generateMarketplace({ seed: SEED, now: NOW });
    expect(result).toMatchObject({
      providers: m.providers.length,
      services: m.services.length,
      users: m.users.length,
      bookings: m.bookings.length,
      reviews: m.reviews.length,
    });
    expect(result.providers).toBeGreaterThanOrEqual(200);
    expect(await count(db(), "SELECT count(*) AS n FROM providers")).toBe(result.providers);
    expect(await count(db(), "SELECT count(*) AS n FROM services")).toBe(result.services);
    expect(await count(db(), "SELECT count(*) AS n FROM users")).toBe(result.users);
    expect(await count(db(), "SELECT count(*) AS n FROM bookings")).toBe(result.bookings);
    expect(await count(db(), "SELECT count(*) AS n FROM reviews")).toBe(result.reviews);
    expect(await count(db(), "SELECT count(*) AS n FROM weekly_hours")).toBe(m.weeklyHours.length);
    expect(await count(db(), "SELECT count(*) AS n FROM time_off")).toBe(m.timeOff.length);
    expect(await isEmpty(db())).toBe(false);
  });

  it("stores the generated rows exactly, timestamps included", async () => {
    const m = generateMarketplace({ seed: SEED, now: NOW });
    const { rows } = await db().query<{ id: string; starts_at: Date; created_at: Date }>(
      "SELECT id, starts_at, created_at FROM bookings ORDER BY id",
    );
    const expected = m.bookings
      .map((b) => ({ id: b.id, starts_at: b.startsAt, created_at: b.createdAt }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows).toEqual(expected);
    // The services trigger stamps providers.updated_at; the seed puts back the generated value.
    expect(await count(db(), "SELECT count(*) AS n FROM providers WHERE updated_at <> created_at")).toBe(0);
    expect(result.providerIds).toEqual(m.providers.map((p) => p.id));
  });

  it("derives every provider's rating and review count from its reviews", async () => {
    const mismatched = await count(
      db(),
      `SELECT count(*) AS n FROM providers p
       LEFT JOIN (SELECT provider_id, avg(rating) AS avg, count(*) AS c FROM reviews GROUP BY provider_id) r
         ON r.provider_id = p.id
       WHERE p.review_count <> coalesce(r.c, 0) OR abs(p.rating - coalesce(r.avg, 0)) > 1e-9`,
    );
    expect(mismatched).toBe(0);
    expect(await count(db(), "SELECT count(*) AS n FROM providers WHERE review_count > 0")).toBeGreaterThan(
      result.providers / 2,
    );
  });

  it("builds search documents that find haircut providers for 'fade'", async () => {
    expect(await count(db(), "SELECT count(*) AS n FROM providers WHERE search IS NULL")).toBe(0);
    const { rows } = await db().query<{ category: string; user_id: string }>(
      "SELECT category, user_id FROM providers WHERE search @@ to_tsquery('english', 'fade')",
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(["haircut"]));
    expect(rows.map((r) => r.user_id)).toContain(DEMO_BARBER_ID);
    expect(
      await count(
        db(),
        "SELECT count(*) AS n FROM providers WHERE search @@ to_tsquery('english', 'drain & unclog')",
      ),
    ).toBeGreaterThan(10);
    // specialties are indexed from the profile document.
    expect(
      await count(
        db(),
        "SELECT count(*) AS n FROM providers WHERE search @@ plainto_tsquery('english', 'hydro jetting')",
      ),
    ).toBeGreaterThan(0);
  });

  it("answers the demo's first question: a skin fade near 78704 finds the demo barber", async () => {
    const found = await searchProviders(db(), {
      q: "skin fade",
      category: "haircut",
      zip: "78704",
      limit: 10,
    });
    expect(found.length).toBeGreaterThan(3);
    const { rows } = await db().query<{ id: string }>("SELECT id FROM providers WHERE user_id = $1", [
      DEMO_BARBER_ID,
    ]);
    expect(found.map((p) => p.id)).toContain(rows[0]?.id);
    for (const p of found) expect(p.distanceKm).toBeLessThan(15);
  });

  it("creates the well-known demo accounts", async () => {
    const { rows } = await db().query<{ id: string; role: string; category: string | null; zip: string }>(
      `SELECT u.id, u.role, p.category, coalesce(p.zip, u.zip) AS zip
       FROM users u LEFT JOIN providers p ON p.user_id = u.id WHERE u.id = ANY($1) ORDER BY u.id`,
      [[DEMO_ADMIN_ID, DEMO_BARBER_ID, DEMO_CLEANER_ID, DEMO_CONSUMER_ID, DEMO_PLUMBER_ID]],
    );
    expect(rows).toEqual([
      { id: DEMO_ADMIN_ID, role: "admin", category: null, zip: "78701" },
      { id: DEMO_BARBER_ID, role: "provider", category: "haircut", zip: "78704" },
      { id: DEMO_CLEANER_ID, role: "provider", category: "cleaning", zip: expect.stringMatching(/^787/) },
      { id: DEMO_CONSUMER_ID, role: "consumer", category: null, zip: "78704" },
      { id: DEMO_PLUMBER_ID, role: "provider", category: "plumbing", zip: expect.stringMatching(/^787/) },
    ]);
    const skinFade = await count(
      db(),
      `SELECT count(*) AS n FROM services s JOIN providers p ON p.id = s.provider_id
       WHERE p.user_id = $1 AND s.name = 'Skin Fade' AND s.active`,
      [DEMO_BARBER_ID],
    );
    expect(skinFade).toBe(1);
  });

  it("reads back as profiles the profile editor accepts unchanged", async () => {
    // Every 7th provider, the demo ones among them: the editor's schema is strict.
    for (const id of result.providerIds.filter((_, i) => i % 7 === 0 || i < 3)) {
      const profile = await getProviderProfile(db(), id);
      expect(profile, id).toBeDefined();
      const parsed = profileInputSchema.safeParse(profile);
      expect(parsed.error?.issues ?? [], profile?.name).toEqual([]);
    }
  });

  it("books only inside opening hours, by PostgreSQL's own time-zone rules", async () => {
    const outside = await count(
      db(),
      `SELECT count(*) AS n FROM bookings b JOIN providers p ON p.id = b.provider_id
       WHERE NOT EXISTS (
         SELECT 1 FROM weekly_hours h
         WHERE h.provider_id = b.provider_id
           AND h.weekday = extract(dow FROM b.starts_at AT TIME ZONE p.timezone)
           AND (b.starts_at AT TIME ZONE p.timezone)::time >= h.start_time
           AND (b.ends_at AT TIME ZONE p.timezone)::time <= h.end_time
           AND (b.ends_at AT TIME ZONE p.timezone)::date = (b.starts_at AT TIME ZONE p.timezone)::date)`,
    );
    expect(outside).toBe(0);
    expect(
      await count(db(), "SELECT count(*) AS n FROM bookings WHERE status = 'confirmed' AND starts_at <= $1", [
        NOW,
      ]),
    ).toBe(0);
    expect(await count(db(), "SELECT count(*) AS n FROM time_off WHERE starts_at <= $1", [NOW])).toBe(0);
  });

  it("reports progress for every step, ending each at its total", () => {
    const steps = [...new Set(progress.map((p) => p.step))];
    expect(steps).toEqual([
      "generating",
      "users",
      "providers",
      "services",
      "hours",
      "time off",
      "bookings",
      "reviews",
    ]);
    for (const step of steps) {
      const last = progress.filter((p) => p.step === step).at(-1);
      expect(last?.done).toBe(last?.total);
    }
  });

  it("refuses a second seed and leaves the data as it was", async () => {
    const before = await count(db(), "SELECT count(*) AS n FROM providers");
    const err = await seedDemo(db(), { seed: SEED + 1, now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("conflict");
    expect(await count(db(), "SELECT count(*) AS n FROM providers")).toBe(before);
  });
});

describeEachEngine("insertMarketplace in chunks", ({ db }) => {
  it("loads a marketplace part by part, each part in its own transaction", async () => {
    const m = generateMarketplace({ seed: 3, now: NOW, providersPerMetro: 9 });
    const parts = [...chunkMarketplace(m, 10)];
    expect(parts).toHaveLength(4);
    for (const part of parts) await db().transaction((tx) => insertMarketplace(tx, part, { batchSize: 7 }));
    expect(await count(db(), "SELECT count(*) AS n FROM providers")).toBe(36);
    expect(await count(db(), "SELECT count(*) AS n FROM users")).toBe(m.users.length);
    expect(await count(db(), "SELECT count(*) AS n FROM services")).toBe(m.services.length);
    expect(await count(db(), "SELECT count(*) AS n FROM bookings")).toBe(m.bookings.length);
    expect(await count(db(), "SELECT count(*) AS n FROM reviews")).toBe(m.reviews.length);
  });
});
