import { describe, expect, it } from "vitest";
import { compareSlots, prf, slotFacts, tokenF1 } from "./slot-metrics.js";

describe("slot metrics", () => {
  it("scores list slots per element and windows as wall clock in the zone", () => {
    const predicted = slotFacts(
      {
        prices: [
          { service: "fade", priceCents: 4000 },
          { service: "shave", priceCents: 2000 },
        ],
        when: {
          start: "2026-03-08T09:00:00-04:00",
          end: "2026-03-08T12:00:00-04:00",
          text: "sunday morning",
        },
      },
      "America/New_York",
      false,
    );
    const expected = slotFacts(
      {
        prices: [{ service: "fade", priceCents: 4000 }],
        when: { start: "2026-03-08T09:00", end: "2026-03-08T12:00" },
      },
      "America/New_York",
      true,
    );
    const cmp = compareSlots(predicted, expected);
    expect(cmp.byType.get("prices")).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(cmp.byType.get("when")).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(prf({ tp: 1, fp: 1, fn: 0 })).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
  });

  it("matches free text by word overlap", () => {
    expect(tokenF1("Great fade, friendly!", "great fade friendly")).toBe(1);
    const cmp = compareSlots(
      [{ type: "reviewText", value: "a bit late but good work" }],
      [{ type: "reviewText", value: "bit late but good work" }],
    );
    expect(cmp.byType.get("reviewText")).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
});
