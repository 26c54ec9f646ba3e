import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const rooms = (text: string) => {
  const { bedrooms, bathrooms } = extractSlots(text, CHICAGO_WEDNESDAY);
  return { bedrooms, bathrooms };
};

describe("bedrooms and bathrooms", () => {
  it.each([
    ["cleaning for a 4br/2ba townhouse", 4, 2],
    ["it's a 2 bd 2 ba condo", 2, 2],
    ["five bedrooms and three bathrooms", 5, 3],
    ["a one-bedroom flat", 1, undefined],
    ["3 bedroom, 2.5 bath", 3, 2.5],
    ["tiny studio downtown", 0, undefined],
  ])("%j", (text, bedrooms, bathrooms) => {
    expect(rooms(text)).toEqual({ bedrooms, bathrooms });
  });

  it("leaves counts of other things alone", () => {
    expect(rooms("two kids and a dog, 3 hours of work")).toEqual({
      bedrooms: undefined,
      bathrooms: undefined,
    });
  });
});
