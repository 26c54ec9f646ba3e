import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const slots = (text: string) => extractSlots(text, CHICAGO_WEDNESDAY);

describe("zip and service area", () => {
  it("finds a consumer's zip", () => {
    expect(slots("I live in 60657, can someone come over").zip).toBe("60657");
    expect(slots("zip is 94110-2201").zip).toBe("94110");
  });

  it("does not read money or other numbers as a zip", () => {
    expect(slots("budget $12000 for the remodel").zip).toBeUndefined();
    expect(slots("call me on 312 555 0199").zip).toBeUndefined();
  });

  it("converts a radius in miles to km, rounded to 0.1", () => {
    expect(slots("I go up to 12 miles from 60610").serviceArea).toEqual({ radiusKm: 19.3, zip: "60610" });
  });

  it("keeps km as given", () => {
    expect(slots("service radius 25 km").serviceArea).toEqual({ radiusKm: 25 });
  });

  it("does not repeat the area's zip as the top-level zip", () => {
    const s = slots("I serve everything within 5 miles of 60622");
    expect(s.serviceArea).toEqual({ radiusKm: 8, zip: "60622" });
    expect(s.zip).toBeUndefined();
  });
});
