import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY, SHOWN_PLUMBERS } from "./test-context.js";

const reference = (text: string) =>
  extractSlots(text, { ...CHICAGO_WEDNESDAY, options: SHOWN_PLUMBERS }).reference;

describe("reference to a shown option", () => {
  it.each([
    ["the 2nd one please", { kind: "ordinal", index: 2 }],
    ["let's go with option 3", { kind: "ordinal", index: 3 }],
    ["#1", { kind: "ordinal", index: 1 }],
    ["go with number two", { kind: "ordinal", index: 2 }],
    ["option three looks good", { kind: "ordinal", index: 3 }],
    ["the last plumber", { kind: "ordinal", index: 3 }],
    ["whichever costs least, the cheapest", { kind: "cheapest" }],
    ["the one with the best ratings", { kind: "best_rated" }],
    ["whoever can come soonest", { kind: "earliest" }],
    ["the later one", { kind: "latest" }],
  ])("%j", (text, expected) => {
    expect(reference(text)).toEqual(expected);
  });

  it.each([
    ["Lopez please", "p_lp"],
    ["book aquafix", "p_aq"],
    ["north drain co looks good", "p_nd"],
    ["Lopes Plumbing", "p_lp"],
  ])("matches the provider name in %j", (text, id) => {
    expect(reference(text)).toEqual({ kind: "option", id });
  });

  it("does not read an adverb or a date as a pick", () => {
    expect(reference("clean the kitchen first")).toBeUndefined();
    expect(reference("from the 1st of june")).toBeUndefined();
    expect(reference("my last plumber was rude")).toBeUndefined();
  });

  it("reads a numbered ordinal after a verb of choosing as a pick when options are shown", () => {
    const slots = (text: string, options = SHOWN_PLUMBERS) =>
      extractSlots(text, { ...CHICAGO_WEDNESDAY, options });
    expect(slots("book the 2nd").reference).toEqual({ kind: "ordinal", index: 2 });
    expect(slots("book the 2nd").when).toBeUndefined();
    expect(slots("I'll take the 3rd one").reference).toEqual({ kind: "ordinal", index: 3 });
    // A day of the month, not a pick: with "on", past the options shown, or with nothing shown.
    expect(slots("book it on the 2nd").when?.start).toMatch(/-02T/);
    expect(slots("book the 2nd of april").reference).toBeUndefined();
    expect(slots("book the 9th").reference).toBeUndefined();
    expect(slots("book the 9th").when?.start).toMatch(/-09T/);
    expect(extractSlots("book the 2nd", CHICAGO_WEDNESDAY).when?.start).toMatch(/-02T/);
  });

  it("picks the one option shown at a price said, before the amount can read as a budget", () => {
    const priced = SHOWN_PLUMBERS.map((o, i) => ({ ...o, priceCents: [15000, 20000, 26000][i] }));
    const s = extractSlots("I'll take the $200 one", { ...CHICAGO_WEDNESDAY, options: priced });
    expect(s.reference).toEqual({ kind: "option", id: priced[1]!.id });
    expect(s.budget).toBeUndefined();
    expect(extractSlots("the one for $260", { ...CHICAGO_WEDNESDAY, options: priced }).reference).toEqual({
      kind: "option",
      id: priced[2]!.id,
    });
    // No option at that price: not a pick.
    expect(extractSlots("the $90 one", { ...CHICAGO_WEDNESDAY, options: priced }).reference?.kind).not.toBe(
      "option",
    );
  });

  it("points at the last option by position only when options were shown", () => {
    expect(extractSlots("the last one", CHICAGO_WEDNESDAY).reference).toEqual({ kind: "ordinal", index: -1 });
  });
});
