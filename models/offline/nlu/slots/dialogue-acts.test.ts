import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const slots = (text: string) => extractSlots(text, CHICAGO_WEDNESDAY);

describe("yes / no", () => {
  it.each([
    "yeah that's perfect",
    "ok, book it",
    "sure thing",
    "alright let's do it",
    "go ahead and confirm",
    "send it",
    "ok submit that",
    "looks good, send the offer",
    "y",
  ])("%j affirms", (text) => {
    expect(slots(text).act).toBe("affirm");
  });

  it.each([
    "nope",
    "no thank you",
    "nah, forget it",
    "don't bother",
    "neither of those",
    "actually no, leave it",
    "wait, no",
    "I changed my mind",
    "please don't cancel it",
  ])("%j denies", (text) => {
    expect(slots(text).act).toBe("deny");
  });

  it("reads no answer into requests that start like one", () => {
    expect(slots("no more than $50 please").act).toBeUndefined();
    expect(slots("right now my sink is overflowing").act).toBeUndefined();
    expect(slots("I don't do perms anymore").act).toBeUndefined();
    expect(slots("book a haircut for friday").act).toBeUndefined();
    expect(slots("send it to the other plumber instead").act).toBeUndefined();
    expect(slots("y is it so expensive").act).toBeUndefined();
  });
});

describe("corrections", () => {
  it.each([
    "actually, make that thursday",
    "can we switch to 5pm",
    "sorry I meant the other barber",
    "wednesday would be better",
  ])("%j corrects", (text) => {
    expect(slots(text).correction).toBe(true);
  });

  it("leaves plain requests alone", () => {
    expect(slots("I can't make it on monday").correction).toBeUndefined();
    expect(slots("a cleaner for tuesday").correction).toBeUndefined();
  });
});

describe("urgency", () => {
  it.each(["need help asap", "the bathroom is flooded", "please come immediately", "this is an emergency"])(
    "%j is urgent",
    (text) => {
      expect(slots(text).urgent).toBe(true);
    },
  );

  it("respects a negation and a provider's wording", () => {
    expect(slots("no rush, whenever you can").urgent).toBeUndefined();
    expect(slots("not urgent at all").urgent).toBeUndefined();
    expect(
      extractSlots("I take emergency callouts", { ...CHICAGO_WEDNESDAY, role: "provider" }).urgent,
    ).toBeUndefined();
  });
});
