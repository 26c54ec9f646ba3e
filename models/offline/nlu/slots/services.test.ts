import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { unlistedCleaningJob } from "./services.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const slots = (text: string) => extractSlots(text, CHICAGO_WEDNESDAY);

describe("service and category", () => {
  it.each([
    ["could I get a skin fade and a bit off the top", "haircut", "fade"],
    ["my little girl needs her hair cut before picture day", "haircut", "kids cut"],
    ["I'd like my grey roots coloured", "haircut", "colour"],
    ["want my mustache tidied", "haircut", "beard trim"],
    ["landlord wants an end of lease clean done", "cleaning", "move-out clean"],
    ["our Airbnb needs turning over between stays", "cleaning", "turnover clean"],
    ["the shower drain is clogged with hair", "plumbing", "drain clog"],
    ["toilet keeps running all night", "plumbing", "toilet repair"],
    ["the hot water heater is making a banging noise", "plumbing", "water heater"],
    ["can someone put in a new bathroom faucet", "plumbing", "fixture install"],
  ])("reads %j as %s / %s", (text, category, service) => {
    expect(slots(text)).toMatchObject({ category, service });
  });

  it("names only the category when no service is said", () => {
    const s = slots("looking for a reliable plumber in my area");
    expect(s.category).toBe("plumbing");
    expect(s.service).toBeUndefined();
  });

  it("tolerates a one-letter typo in a category word", () => {
    expect(slots("need a plumbr this week").category).toBe("plumbing");
  });

  it("does not take a leaking roof or car for plumbing", () => {
    expect(slots("my car is leaking oil").service).toBeUndefined();
    expect(slots("the roof is leaking again").service).toBeUndefined();
  });

  it("takes frequency words as a regular clean only for cleaning", () => {
    expect(slots("a house cleaner every other week").service).toBe("regular clean");
    expect(slots("a weekly fade").service).toBe("fade");
  });
});

describe("a thing to clean that no cleaning service names", () => {
  it.each([
    ["can someone clean my gutters this weekend", "gutter cleaning"],
    ["clean out the garage on friday", "garage cleaning"],
    ["I want our grill cleaned", "grill cleaning"],
    ["my pool needs a clean", "pool cleaning"],
    ["clean my dryer vent next week", "dryer vent cleaning"],
  ])("reads %j as %j", (text, job) => {
    expect(unlistedCleaningJob(text.toLowerCase())).toBe(job);
  });

  it.each([
    "clean my house tomorrow",
    "clean the whole place before we move out",
    "clean my windows",
    "clean my oven",
    "the bathroom needs cleaning",
    "i need a regular clean",
  ])("leaves %j to the catalogue or to the question of which clean", (text) => {
    expect(unlistedCleaningJob(text)).toBeUndefined();
  });
});
