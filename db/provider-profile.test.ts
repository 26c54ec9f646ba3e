import { expect, it } from "vitest";
import { describeEachEngine } from "../test/db.js";
import { makeProvider } from "../test/fixtures.js";
import {
  getProfileOfUser,
  getProviderProfile,
  getProviderProfiles,
  saveProviderProfile,
} from "./provider-profile.js";
import { searchProviders } from "./providers.js";

describeEachEngine("provider profile", ({ db }) => {
  it("enrols a provider with services, hours and a search document", async () => {
    const p = await makeProvider(db(), { name: "Razor Sharp Studio", zip: "78701" });
    expect(p.profile).toMatchObject({
      name: "Razor Sharp Studio",
      category: "haircut",
      zip: "78701",
      rating: 0,
      reviewCount: 0,
    });
    expect(p.profile.weeklyHours).toHaveLength(6);
    const found = await searchProviders(db(), { q: "razor sharp", zip: "78701" });
    expect(found[0]?.id).toBe(p.profile.id);
  });

  it("changes a price in place, keeps the service id, and reports the change", async () => {
    const p = await makeProvider(db());
    const input = { ...p.profile, services: p.profile.services.map((s) => ({ ...s, priceCents: 4500 })) };
    const saved = await saveProviderProfile(db(), { userId: p.principal.userId, input: strip(input) });
    expect(saved.profile.services).toEqual([{ ...p.profile.services[0]!, priceCents: 4500 }]);
    expect(saved.changes).toEqual([{ field: "service Skin Fade", from: "$40, 45 min", to: "$45, 45 min" }]);
    const hit = await searchProviders(db(), { q: "skin fade", zip: "78704" });
    expect(hit.find((h) => h.id === p.profile.id)?.priceFromCents).toBe(4500);
  });

  it("retires a removed service, adds a new one, closes a day, and search follows", async () => {
    const p = await makeProvider(db());
    const input = {
      ...strip(p.profile),
      services: [
        {
          name: "Beard Sculpting",
          description: "Hot towel and razor line-up",
          priceCents: 2500,
          durationMin: 30,
        },
      ],
      weeklyHours: p.profile.weeklyHours.filter((h) => h.weekday !== 1),
    };
    const saved = await saveProviderProfile(db(), { userId: p.principal.userId, input });
    expect(saved.profile.services.map((s) => s.name)).toEqual(["Beard Sculpting"]);
    expect(saved.changes).toEqual(
      expect.arrayContaining([
        { field: "service Beard Sculpting", from: null, to: "$25, 30 min" },
        { field: "service Skin Fade", from: "$40, 45 min", to: null },
        { field: "hours Mon", from: "09:00–17:00", to: "closed" },
      ]),
    );
    const { rows } = await db().query("SELECT active FROM services WHERE id = $1", [p.serviceId]);
    expect(rows[0]).toEqual({ active: false });
    expect((await searchProviders(db(), { q: "sculpting", zip: "78704" })).map((h) => h.id)).toContain(
      p.profile.id,
    );
  });

  it("reads several profiles in one call, the same as one by one, skipping unknown ids", async () => {
    const a = await makeProvider(db());
    const b = await makeProvider(db(), { category: "plumbing" });
    const many = await getProviderProfiles(db(), [
      a.profile.id,
      "not-an-id",
      b.profile.id,
      crypto.randomUUID(),
    ]);
    expect([...many.keys()].sort()).toEqual([a.profile.id, b.profile.id].sort());
    expect(many.get(a.profile.id)).toEqual(await getProviderProfile(db(), a.profile.id));
    expect(many.get(b.profile.id)).toEqual(await getProviderProfile(db(), b.profile.id));
  });

  it("refuses an unknown zip, overlapping hours and a service of someone else, changing nothing", async () => {
    const p = await makeProvider(db());
    const other = await makeProvider(db());
    const base = strip(p.profile);
    await expect(
      saveProviderProfile(db(), { userId: p.principal.userId, input: { ...base, zip: "00000" } }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      saveProviderProfile(db(), {
        userId: p.principal.userId,
        input: {
          ...base,
          weeklyHours: [
            { weekday: 1, start: "09:00", end: "12:00" },
            { weekday: 1, start: "11:00", end: "15:00" },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      saveProviderProfile(db(), {
        userId: p.principal.userId,
        input: { ...base, services: [{ ...other.profile.services[0]! }] },
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await getProfileOfUser(db(), p.principal.userId)).toEqual(p.profile);
  });
});

/** The writable part of a profile read back from the API. */
function strip<T extends { rating?: number; reviewCount?: number; id?: string; timeOff?: unknown }>(p: T) {
  const { rating: _r, reviewCount: _c, id: _i, timeOff: _t, ...rest } = p;
  return rest as Omit<T, "rating" | "reviewCount" | "id" | "timeOff">;
}
