import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const slots = (text: string) => extractSlots(text, CHICAGO_WEDNESDAY);

describe("a trade dropped for another", () => {
  it.each([
    ["forget the haircut, I need a plumber", "haircut", "plumbing"],
    ["never mind about the cleaning, find me a barber", "cleaning", "haircut"],
    ["scratch the plumber, I want a deep clean", "plumbing", "cleaning"],
  ])("%j drops %s for %s", (text, dropped, category) => {
    expect(slots(text)).toMatchObject({ dropped, category });
  });

  it("keeps the trade when no other is named: the words say which booking", () => {
    const s = slots("forget the cleaning on thursday");
    expect(s.dropped).toBeUndefined();
    expect(s.category).toBe("cleaning");
  });
});
