import { describe, expect, it } from "vitest";
import {
  anyoneWillDo,
  asksQuotesOutright,
  mentionsOffer,
  mentionsRequests,
  rejectsShown,
  wantsCancel,
  wantsEnrol,
  wantsQuotes,
  wantsReschedule,
} from "./cues.js";

describe("cues of a provider's jobs", () => {
  it.each(["got any work for me?", "any new jobs today", "anything for me?", "show me open requests"])(
    "%j asks for the open requests",
    (text) => {
      expect(mentionsRequests(text)).toBe(true);
    },
  );

  it.each(["I have a 2pm appointment", "my work hours are 9 to 5"])("%j does not", (text) => {
    expect(mentionsRequests(text)).toBe(false);
  });

  it("reads an offer said as what the provider can do, with a time or price after the job's words", () => {
    expect(mentionsOffer("I can do the faucet replacement thursday at 1pm for 220")).toBe(true);
    expect(mentionsOffer("we could do that sink for 150")).toBe(true);
    expect(mentionsOffer("I can do fades and beard trims")).toBe(false);
  });
});

describe("cues of quotes", () => {
  it("tells turning down what was shown from asking for quotes outright", () => {
    expect(rejectsShown("none of those work, what about saturday?")).toBe(true);
    expect(asksQuotesOutright("none of those work, what about saturday?")).toBe(false);
    expect(wantsQuotes("none of those work")).toBe(true);
    expect(asksQuotesOutright("none of those work, can you get me some quotes instead")).toBe(true);
  });
});

describe("cues of a provider joining", () => {
  it.each([
    "hey I run a small cleaning outfit and want to get on here",
    "can my shop be on proxie?",
    "I'd like to start getting customers through you",
    "sign me up",
  ])("%j wants to enrol", (text) => {
    expect(wantsEnrol(text)).toBe(true);
  });

  it.each(["get on with it", "I'm on here every day"])("%j does not", (text) => {
    expect(wantsEnrol(text)).toBe(false);
  });
});

describe("cues of time and providers", () => {
  it("reads any provider will do, apart from any time will do", () => {
    expect(anyoneWillDo("sunday works better, whoever's available")).toBe(true);
    expect(anyoneWillDo("first available please")).toBe(true);
    expect(anyoneWillDo("any time this week")).toBe(false);
  });

  it("reads a booking moved to a day of the month instead", () => {
    expect(wantsReschedule("could we do the cleaning on the 10th instead? same time")).toBe(true);
    expect(wantsReschedule("I need a cleaning on the 10th")).toBe(false);
  });
});

describe("cues of managing a booking", () => {
  it.each([
    "I can't make it thursday anymore",
    "we won't make it tomorrow",
    "can't make my appointment friday",
  ])("%j is a cancellation", (text) => {
    expect(wantsCancel(text)).toBe(true);
  });

  it.each(["I can't make it to the gym", "can you make it cheaper"])("%j is not", (text) => {
    expect(wantsCancel(text)).toBe(false);
  });

  it("reads a booking named by its day's possessive as moved", () => {
    expect(wantsReschedule("move friday's appointment to saturday same time")).toBe(true);
  });
});
