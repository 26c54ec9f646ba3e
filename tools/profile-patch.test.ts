import { describe, expect, it } from "vitest";
import type { ProviderProfile } from "../db/provider-profile.js";
import {
  applyProfilePatch,
  InvalidBreak,
  InvalidHours,
  InvalidPriceChange,
  MissingHours,
  MissingProfileFields,
  previewChanges,
} from "./profile-patch.js";

const cleaner: ProviderProfile = {
  id: "p1",
  name: "Sparkle",
  category: "cleaning",
  bio: "",
  zip: "78704",
  serviceRadiusKm: 15,
  timezone: "America/Chicago",
  services: [
    { id: "s1", name: "Regular Clean", description: "", priceCents: 12000, durationMin: 120 },
    { id: "s2", name: "Deep Clean", description: "", priceCents: 22000, durationMin: 240 },
  ],
  weeklyHours: [1, 2, 3].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })),
  timeOff: [],
  details: {},
  rating: 4.5,
  reviewCount: 3,
};

describe("applyProfilePatch", () => {
  it("adds words to the end of the bio, keeping what it said", () => {
    const withBio = { ...cleaner, bio: "Family-run since 1998" };
    expect(applyProfilePatch(withBio, { addToBio: "we now do walk-ins on weekdays" }).bio).toBe(
      "Family-run since 1998. We now do walk-ins on weekdays.",
    );
    expect(applyProfilePatch(cleaner, { addToBio: "eco products only." }).bio).toBe("Eco products only.");
  });

  it("tells a move-out clean from a move-in clean", () => {
    const mover: ProviderProfile = {
      ...cleaner,
      services: [{ id: "s1", name: "Move-In Clean", description: "", priceCents: 23000, durationMin: 240 }],
    };
    const input = applyProfilePatch(mover, { setServices: [{ name: "move-out clean", priceCents: 32000 }] });
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Move-In Clean", 23000],
      ["Move-Out Clean", 32000],
    ]);
    const same = applyProfilePatch(mover, { setServices: [{ name: "move in clean", priceCents: 25000 }] });
    expect(same.services.map((s) => [s.name, s.priceCents])).toEqual([["Move-In Clean", 25000]]);
  });

  it("adds a service the provider starts offering beside one with a shorter name", () => {
    const input = applyProfilePatch(cleaner, {
      setServices: [{ name: "eco deep clean", added: true, priceCents: 26000 }],
    });
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Regular Clean", 12000],
      ["Deep Clean", 22000],
      ["Eco Deep Clean", 26000],
    ]);
    // Without the flag the same words name the existing service, as in "eco deep cleans are $260 now".
    const updated = applyProfilePatch(cleaner, {
      setServices: [{ name: "eco deep clean", priceCents: 26000 }],
    });
    expect(updated.services.map((s) => s.name)).toEqual(["Regular Clean", "Deep Clean"]);
  });

  it("keeps the other end of a day's hours when one end is given", () => {
    const input = applyProfilePatch(cleaner, { setHours: [{ weekday: 2, end: "15:00" }] });
    expect(input.weeklyHours.filter((h) => h.weekday === 2)).toEqual([
      { weekday: 2, start: "09:00", end: "15:00" },
    ]);
    expect(input.weeklyHours).toHaveLength(3);
  });

  it("refuses one end of the hours for a day without hours, and hours that end before they start", () => {
    expect(() => applyProfilePatch(cleaner, { setHours: [{ weekday: 5, end: "15:00" }] })).toThrow(
      MissingHours,
    );
    expect(() => applyProfilePatch(cleaner, { setHours: [{ weekday: 1, end: "08:00" }] })).toThrow(
      InvalidHours,
    );
  });

  it("splits the days' hours around a break, and refuses a break outside them", () => {
    const input = applyProfilePatch(cleaner, { addBreaks: [{ start: "12:00", end: "13:00" }] });
    expect(input.weeklyHours.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, start: "09:00", end: "12:00" },
      { weekday: 1, start: "13:00", end: "17:00" },
    ]);
    expect(input.weeklyHours).toHaveLength(6);
    const tuesday = applyProfilePatch(cleaner, {
      addBreaks: [{ weekdays: [2], start: "12:00", end: "12:30" }],
    });
    expect(tuesday.weeklyHours.filter((h) => h.weekday !== 2)).toEqual(
      cleaner.weeklyHours.filter((h) => h.weekday !== 2),
    );
    expect(tuesday.weeklyHours.filter((h) => h.weekday === 2)).toHaveLength(2);
    expect(() => applyProfilePatch(cleaner, { addBreaks: [{ start: "18:00", end: "19:00" }] })).toThrow(
      InvalidBreak,
    );
    expect(() => applyProfilePatch(cleaner, { addBreaks: [{ start: "13:00", end: "12:00" }] })).toThrow(
      InvalidBreak,
    );
  });

  it("changes the price of every service a name covers by a percentage", () => {
    const sized: ProviderProfile = {
      ...cleaner,
      services: [
        ...cleaner.services,
        { id: "s3", name: "Deep Clean (4+ bedrooms)", description: "", priceCents: 31500, durationMin: 360 },
      ],
    };
    const input = applyProfilePatch(sized, { setServices: [{ name: "deep clean", priceChangePercent: 20 }] });
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Regular Clean", 12000],
      ["Deep Clean", 26400],
      ["Deep Clean (4+ bedrooms)", 37800],
    ]);
    expect(() =>
      applyProfilePatch(sized, { setServices: [{ name: "oven clean", priceChangePercent: -10 }] }),
    ).toThrow(InvalidPriceChange);
  });

  it("changes an existing price by an amount", () => {
    const input = applyProfilePatch(cleaner, {
      setServices: [{ name: "deep clean", priceChangeCents: -2000 }],
    });
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Regular Clean", 12000],
      ["Deep Clean", 20000],
    ]);
  });

  it("refuses a change by an amount to a service the provider does not have, or below zero", () => {
    const unknown = () =>
      applyProfilePatch(cleaner, { setServices: [{ name: "windows", priceChangeCents: 500 }] });
    expect(unknown).toThrow(InvalidPriceChange);
    expect(unknown).toThrow(/Regular Clean, Deep Clean/);
    const belowZero = () =>
      applyProfilePatch(cleaner, { setServices: [{ name: "regular clean", priceChangeCents: -20000 }] });
    expect(belowZero).toThrow(/costs \$120; it cannot go down by \$200/);
  });

  it("updates the service a provider names by its distinguishing word", () => {
    const input = applyProfilePatch(cleaner, { setServices: [{ name: "deep", priceCents: 25000 }] });
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Regular Clean", 12000],
      ["Deep Clean", 25000],
    ]);
  });

  it("adds a new service that shares only a generic word with an existing one", () => {
    const input = applyProfilePatch(cleaner, {
      setServices: [{ name: "move-out clean", priceCents: 30000, durationMin: 300 }],
    });
    expect(input.services.map((s) => s.name)).toEqual(["Regular Clean", "Deep Clean", "Move-Out Clean"]);
  });

  it("adds a new service that shares one distinguishing word but is another job", () => {
    const plumber: ProviderProfile = {
      ...cleaner,
      category: "plumbing",
      services: [
        { id: "s1", name: "Water Heater Install", description: "", priceCents: 155000, durationMin: 300 },
        { id: "s2", name: "Drain Unclog", description: "", priceCents: 12000, durationMin: 60 },
      ],
    };
    const input = applyProfilePatch(plumber, {
      setServices: [
        { name: "water softener installation", priceCents: 45000, durationMin: 180 },
        { name: "drain clog", priceCents: 13500 },
      ],
    });
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Water Heater Install", 155000],
      ["Drain Unclog", 13500],
      ["Water Softener Installation", 45000],
    ]);
  });

  it("keeps two new services of one enrolment apart, in the provider's time zone", () => {
    const input = applyProfilePatch(
      undefined,
      {
        name: "Shine Co",
        category: "cleaning",
        zip: "78704",
        setServices: [
          { name: "regular clean", priceCents: 10000 },
          { name: "deep clean", priceCents: 20000 },
        ],
      },
      "America/Chicago",
    );
    expect(input.services.map((s) => [s.name, s.priceCents])).toEqual([
      ["Regular Clean", 10000],
      ["Deep Clean", 20000],
    ]);
    expect(previewChanges(undefined, input).find((c) => c.field === "time zone")?.to).toBe("America/Chicago");
  });

  it("closes weekdays and asks for what an enrolment lacks", () => {
    expect(applyProfilePatch(cleaner, { closedWeekdays: [1] }).weeklyHours.map((h) => h.weekday)).toEqual([
      2, 3,
    ]);
    expect(() => applyProfilePatch(undefined, { name: "X" })).toThrow(MissingProfileFields);
  });
});
