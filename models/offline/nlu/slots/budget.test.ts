import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const budget = (text: string) => extractSlots(text, CHICAGO_WEDNESDAY).budget;

describe("budget", () => {
  it.each([
    ["a cut for less than $35 please", { maxCents: 3500 }],
    ["can't spend over 120 bucks", { maxCents: 12000 }],
    ["I'd pay seventy dollars tops", { maxCents: 7000 }],
    ["somewhere about $90", { targetCents: 9000 }],
    ["a deep clean for 150ish", { targetCents: 15000 }],
    ["max budget $1,200 for a new water heater", { maxCents: 120000 }],
    ["$49.99 would be ideal", { maxCents: 4999 }],
    ["i can do that sink for 150, thursday 2pm", { maxCents: 15000 }],
    ["could you do it for 80?", { maxCents: 8000 }],
  ])("%j", (text, expected) => {
    expect(budget(text)).toEqual(expected);
  });

  it("ignores numbers that are not money", () => {
    expect(budget("3 bedrooms, come at 4, zip 60614")).toBeUndefined();
    expect(budget("can you do it for 2 people on friday")).toBeUndefined();
  });
});
