import { describe, expect, it } from "vitest";
import type { ServiceItem } from "../db/provider-profile.js";
import { matchService } from "./service-match.js";

let n = 0;
const svc = (name: string, priceCents: number, description = ""): ServiceItem => ({
  id: `s${++n}`,
  name,
  description,
  priceCents,
  durationMin: 60,
});

const barber = [
  svc("Haircut & Beard", 4500, "A haircut with a beard shape-up."),
  svc("Haircut", 2500, "Classic haircut, wash and style."),
  svc("Skin Fade", 6000, "Clipper fade down to the skin."),
  svc("Taper Fade", 5500, "A gradual taper at the sides and neckline."),
];
const cleaner = [
  svc("Regular Clean (1-2 bedrooms)", 10500, "Dusting, vacuuming, kitchen and bathrooms."),
  svc("Deep Clean (1-2 bedrooms)", 18000, "Inside appliances, baseboards, grout."),
  svc("Deep Clean (3 bedrooms)", 24000, "Inside appliances, baseboards, grout."),
  svc("Deep Clean (4+ bedrooms)", 31500, "Inside appliances, baseboards, grout."),
  svc("Move-Out Clean", 22000, "Empty-home clean for the deposit."),
  svc("Move-In Clean", 21000, "Ready the new place before the boxes arrive."),
];

const pick = (services: ServiceItem[], q: string) => {
  const m = matchService(services, q);
  return m && { name: m.service.name, matched: m.matched };
};

describe("matchService", () => {
  it("prefers the service whose name says just what was asked", () => {
    expect(pick(barber, "haircut")).toEqual({ name: "Haircut", matched: true });
    expect(pick(barber, "haircut and beard")).toEqual({ name: "Haircut & Beard", matched: true });
    expect(pick(barber, "skin fade")).toEqual({ name: "Skin Fade", matched: true });
    expect(pick(barber, "fades")).toEqual({ name: "Taper Fade", matched: true });
  });

  it("tells size variants apart and never quotes a smaller home's price", () => {
    expect(pick(cleaner, "deep clean 3 bedroom")).toEqual({ name: "Deep Clean (3 bedrooms)", matched: true });
    expect(pick(cleaner, "deep cleaning for a 5br house")).toEqual({
      name: "Deep Clean (4+ bedrooms)",
      matched: true,
    });
    expect(pick(cleaner, "deep clean 2 bedrooms")).toEqual({
      name: "Deep Clean (1-2 bedrooms)",
      matched: true,
    });
    const smallOnly = cleaner.filter((s) => !/3|4\+/.test(s.name));
    expect(pick(smallOnly, "deep clean 3 bedroom")?.matched).toBe(false);
  });

  it("keeps move-in and move-out apart", () => {
    expect(pick(cleaner, "move-in clean 2 bedroom")).toEqual({ name: "Move-In Clean", matched: true });
    expect(pick(cleaner, "move out cleaning")).toEqual({ name: "Move-Out Clean", matched: true });
  });

  it("does not call a service a match on the trade's word alone when the request says more", () => {
    expect(pick(cleaner, "window clean")).toEqual({ name: "Regular Clean (1-2 bedrooms)", matched: false });
    expect(pick([...cleaner, svc("Window Cleaning", 9000)], "window clean")).toEqual({
      name: "Window Cleaning",
      matched: true,
    });
    expect(pick(cleaner, "house cleaning")?.matched).toBe(true);
  });

  it("falls back to the cheapest service, unmatched, when nothing is shared", () => {
    expect(pick(barber, "balayage")).toEqual({ name: "Haircut", matched: false });
    expect(matchService([], "haircut")).toBeUndefined();
  });

  it("grades a match in the service's name above one in its description", () => {
    const oven = [svc("Oven Deep Clean", 14000, "Racks and hood degreased")];
    const moveOut = [svc("Move-Out Clean", 30000, "Inside the oven and fridge, cabinets, baseboards")];
    expect(matchService(oven, "oven clean")?.strength).toBe(2);
    expect(matchService(moveOut, "oven clean")).toMatchObject({ matched: true, strength: 1 });
    expect(matchService(cleaner, "house cleaning")?.strength).toBe(2);
    expect(matchService(barber, "balayage")?.strength).toBe(0);
  });
});
