import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";
import type { SlotContext } from "./types.js";

const provider: SlotContext = { ...CHICAGO_WEDNESDAY, role: "provider" };
const slots = (text: string, ctx: SlotContext = provider) => extractSlots(text, ctx);

describe("provider prices and durations", () => {
  it("reads a price change", () => {
    expect(slots("up my buzz cut price to $25").prices).toEqual([{ service: "buzz cut", priceCents: 2500 }]);
  });

  it("reads a change by a percentage, up or down, as a share and not a price", () => {
    expect(slots("deep cleans are now 20% more and I don't do windows anymore")).toMatchObject({
      pricePercentChanges: [{ service: "deep clean", percent: 20 }],
      removeServices: ["window clean"],
    });
    expect(slots("15% off beard trims").pricePercentChanges).toEqual([
      { service: "beard trim", percent: -15 },
    ]);
    expect(slots("raise my fade by 10 percent").pricePercentChanges).toEqual([
      { service: "fade", percent: 10 },
    ]);
    expect(slots("raise my fade by 10 percent").prices).toBeUndefined();
  });

  it("reads a list of prices, each with its service", () => {
    expect(slots("new rates - deep cleans $200, window cleaning $90").prices).toEqual([
      { service: "deep clean", priceCents: 20000 },
      { service: "window clean", priceCents: 9000 },
    ]);
  });

  it("reads a price and a duration in one sentence", () => {
    const s = slots("a toilet repair is usually 1.5 hours and costs 140");
    expect(s.prices).toEqual([{ service: "toilet repair", priceCents: 14000 }]);
    expect(s.durations).toEqual([{ service: "toilet repair", durationMin: 90 }]);
  });

  it("reads the new amount, not the one it replaces", () => {
    expect(slots("fades take me an hour now, not 45 min").durations).toEqual([
      { service: "fade", durationMin: 60 },
    ]);
    expect(slots("kids cuts take 20 minutes instead of 30 minutes").durations).toEqual([
      { service: "kids cut", durationMin: 20 },
    ]);
    expect(slots("fades are $45 now, not $40").prices).toEqual([{ service: "fade", priceCents: 4500 }]);
    expect(slots("fade price is up from $40 to $45").prices).toEqual([{ service: "fade", priceCents: 4500 }]);
  });

  it("reads two changes in one sentence, each with its own amount", () => {
    const s = slots("raise the skin fade to $68 and add a hot towel shave for $40");
    expect(s.prices).toEqual([{ service: "skin fade", priceCents: 6800 }]);
    expect(s.addServices).toEqual([{ name: "hot towel shave", priceCents: 4000 }]);
    const t = slots("lower my deep clean to 220 but I don't do windows anymore");
    expect(t.prices).toEqual([{ service: "deep clean", priceCents: 22000 }]);
    expect(t.removeServices).toEqual(["window clean"]);
  });

  it("keeps one clause when the amount and its service are on either side of the verb", () => {
    expect(slots("fades, raise them to $45").prices).toEqual([{ service: "fade", priceCents: 4500 }]);
    // Both clauses about one service: one change.
    expect(slots("I started doing braids, charge 120 for box braids")).toMatchObject({
      addServices: [{ name: "braids", priceCents: 12000 }],
    });
    expect(slots("I started doing braids, charge 120 for box braids").prices).toBeUndefined();
  });

  it("reads a price changed by an amount as a change, not as the new price", () => {
    const change = (text: string) => slots(text).priceChanges;
    expect(change("knock $20 off my deep clean")).toEqual([{ service: "deep clean", changeCents: -2000 }]);
    expect(change("lower my fade price by $5")).toEqual([{ service: "fade", changeCents: -500 }]);
    expect(change("raise beard trims by 5 dollars")).toEqual([{ service: "beard trim", changeCents: 500 }]);
    expect(change("fades are going up $5")).toEqual([{ service: "fade", changeCents: 500 }]);
    expect(change("charge $10 more for skin fades")).toEqual([{ service: "skin fade", changeCents: 1000 }]);
    expect(change("add $15 to the move out clean")).toEqual([
      { service: "move-out clean", changeCents: 1500 },
    ]);
    expect(slots("knock $20 off my deep clean").prices).toBeUndefined();
    // The new price itself.
    expect(slots("bump fades up to 50").prices).toEqual([{ service: "fade", priceCents: 5000 }]);
    expect(slots("drop my deep clean to 200").priceChanges).toBeUndefined();
  });

  it("gives an amount to the service it is for", () => {
    expect(slots("I charge $45 for fades and $20 for beard trims").prices).toEqual([
      { service: "fade", priceCents: 4500 },
      { service: "beard trim", priceCents: 2000 },
    ]);
  });

  it("reads a consumer's amount as a budget, not a price", () => {
    const s = slots("a fade for 30 bucks?", { ...CHICAGO_WEDNESDAY, role: "consumer" });
    expect(s.prices).toBeUndefined();
    expect(s.budget).toEqual({ maxCents: 3000 });
  });

  it("reads a quote for a job as a budget", () => {
    expect(slots("quote them $160 for the carpet job").budget).toEqual({ maxCents: 16000 });
  });
});

describe("services added and removed", () => {
  it("adds a service with its price and duration", () => {
    expect(slots("I've started offering blow dries, $40, about 45 min").addServices).toEqual([
      { name: "blowout", priceCents: 4000, durationMin: 45 },
    ]);
  });

  it("adds a service with no price", () => {
    expect(slots("please add oven cleaning to my services").addServices).toEqual([{ name: "oven clean" }]);
  });

  it.each([
    ["I'm not offering braids any more", ["braids"]],
    ["remove sewer line work from my profile", ["sewer line"]],
    ["stop doing kids cuts and shaves", ["kids cut", "shave"]],
  ])("%j removes", (text, removed) => {
    expect(slots(text).removeServices).toEqual(removed);
  });
});
