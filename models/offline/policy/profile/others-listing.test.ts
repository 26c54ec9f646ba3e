import { describe, expect, it } from "vitest";
import { namesAnotherListing } from "./others-listing.js";

describe("another business's listing named", () => {
  it.each([
    ["change Lines & Culture's skin fade price to $90", "Lines & Culture"],
    ["set Rapid Rooter's drain unclog to 99", "Rapid Rooter"],
  ])("%j names %s", (text, name) => {
    expect(namesAnotherListing(text)).toBe(name);
  });

  it.each([
    "I'm raising fades to $45",
    "let's make beard trims $20",
    "it's $30 for a kids cut now",
    "my fade is $45",
  ])("%j names none", (text) => {
    expect(namesAnotherListing(text)).toBeUndefined();
  });
});
