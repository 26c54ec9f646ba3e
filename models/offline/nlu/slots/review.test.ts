import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const review = (text: string) => {
  const { rating, reviewText } = extractSlots(text, CHICAGO_WEDNESDAY);
  return { rating, reviewText };
};

describe("rating and review text", () => {
  it.each([
    ["4 stars - friendly and quick", 4, "friendly and quick"],
    ["I'd give her a 5, best cut I've had", 5, "best cut I've had"],
    ["rate it 3/5. Showed up late", 3, "Showed up late"],
    ["one star, never again", 1, "never again"],
    ["leave a review: 2 out of 5", 2, undefined],
  ])("%j", (text, rating, reviewText) => {
    expect(review(text)).toEqual({ rating, reviewText });
  });

  it("ignores numbers outside 1-5 and star-less counts", () => {
    expect(review("I have 7 kids").rating).toBeUndefined();
    expect(review("rate of 45 dollars").rating).toBeUndefined();
  });
});
