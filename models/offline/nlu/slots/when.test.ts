import { afterEach, describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";
import type { SlotContext } from "./types.js";

const when = (text: string, ctx: SlotContext = CHICAGO_WEDNESDAY) => {
  const w = extractSlots(text, ctx).when;
  return w && { start: w.start, end: w.end };
};

describe("when (Wednesday 13 May 2026, 10:00 America/Chicago)", () => {
  it.each([
    ["could you come thursday after 6?", "2026-05-14T18:00:00-05:00", "2026-05-14T21:00:00-05:00"],
    ["saturday morning works", "2026-05-16T08:00:00-05:00", "2026-05-16T12:00:00-05:00"],
    ["any slot this coming weekend", "2026-05-16T08:00:00-05:00", "2026-05-17T21:00:00-05:00"],
    ["in 90 minutes", "2026-05-13T11:30:00-05:00", "2026-05-13T11:30:00-05:00"],
    ["monday at 2:30pm", "2026-05-18T14:30:00-05:00", "2026-05-18T14:30:00-05:00"],
    ["sometime the week after next", "2026-05-25T08:00:00-05:00", "2026-05-31T21:00:00-05:00"],
    ["this evening if possible", "2026-05-13T17:00:00-05:00", "2026-05-13T21:00:00-05:00"],
    ["late next month", "2026-06-21T08:00:00-05:00", "2026-06-30T21:00:00-05:00"],
    ["between 1 and 3 tomorrow", "2026-05-14T13:00:00-05:00", "2026-05-14T15:00:00-05:00"],
    ["tuesday around 4", "2026-05-19T15:30:00-05:00", "2026-05-19T16:30:00-05:00"],
    ["friday before 11", "2026-05-15T08:00:00-05:00", "2026-05-15T11:00:00-05:00"],
    ["on the 28th", "2026-05-28T08:00:00-05:00", "2026-05-28T21:00:00-05:00"],
    ["June 3rd please", "2026-06-03T08:00:00-05:00", "2026-06-03T21:00:00-05:00"],
    ["tmrw aftr 3", "2026-05-14T15:00:00-05:00", "2026-05-14T21:00:00-05:00"],
    ["friday b4 noon", "2026-05-15T08:00:00-05:00", "2026-05-15T12:00:00-05:00"],
    ["it ran all night, can someone come monday", "2026-05-18T08:00:00-05:00", "2026-05-18T21:00:00-05:00"],
    ["monday night", "2026-05-18T17:00:00-05:00", "2026-05-18T21:00:00-05:00"],
    ["after work tomorrow", "2026-05-14T17:00:00-05:00", "2026-05-14T21:00:00-05:00"],
    ["after school on friday", "2026-05-15T15:00:00-05:00", "2026-05-15T19:00:00-05:00"],
    ["first thing tomorrow", "2026-05-14T08:00:00-05:00", "2026-05-14T09:00:00-05:00"],
  ])("%j", (text, start, end) => {
    expect(when(text)).toEqual({ start, end });
  });

  it("starts a window for today at now, rounded up to the quarter hour", () => {
    const ctx = { ...CHICAGO_WEDNESDAY, now: new Date("2026-05-13T10:07:00-05:00") };
    expect(when("any time today", ctx)).toEqual({
      start: "2026-05-13T10:15:00-05:00",
      end: "2026-05-13T21:00:00-05:00",
    });
  });

  it("moves a time already past today to tomorrow", () => {
    expect(when("at 9")).toEqual({ start: "2026-05-14T09:00:00-05:00", end: "2026-05-14T09:00:00-05:00" });
  });

  it("of two days, takes the one the service is wanted on, not that of the event it is for", () => {
    expect(
      when("my mother in law is visiting next friday, can someone come do a deep clean thursday"),
    ).toEqual({ start: "2026-05-14T08:00:00-05:00", end: "2026-05-14T21:00:00-05:00" });
    expect(when("I need a haircut friday, my wedding is saturday")).toEqual({
      start: "2026-05-15T08:00:00-05:00",
      end: "2026-05-15T21:00:00-05:00",
    });
  });

  it("takes the new time when moving a booking", () => {
    expect(when("move my appointment from friday to saturday afternoon")).toEqual({
      start: "2026-05-16T12:00:00-05:00",
      end: "2026-05-16T17:00:00-05:00",
    });
  });

  it("reads no time into habits, greetings or the past", () => {
    expect(when("good afternoon")).toBeUndefined();
    expect(when("it was leaking since yesterday")).toBeUndefined();
    expect(when("open 24/7?")).toBeUndefined();
  });

  it("keeps the words it read", () => {
    expect(extractSlots("a fade Friday at 3pm please", CHICAGO_WEDNESDAY).when?.text).toBe("Friday at 3pm");
  });
});

describe("time zones and daylight saving", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it("gives the same answer whatever the process time zone", () => {
    const phrases = [
      "tomorrow after 5",
      "next tuesday morning",
      "in two hours",
      "this weekend",
      "friday at 3",
    ];
    const results = ["UTC", "Asia/Kolkata", "Pacific/Auckland", "America/Los_Angeles"].map((tz) => {
      process.env.TZ = tz;
      return phrases.map((p) => when(p));
    });
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  it("reads times in the context's zone, not the host's", () => {
    process.env.TZ = "Asia/Tokyo";
    const ctx = { now: new Date("2026-05-13T10:00:00+01:00"), timeZone: "Europe/London" };
    expect(when("tomorrow at 9am", ctx)).toEqual({
      start: "2026-05-14T09:00:00+01:00",
      end: "2026-05-14T09:00:00+01:00",
    });
  });

  const newYork = (iso: string): SlotContext => ({ now: new Date(iso), timeZone: "America/New_York" });

  it("crosses the spring-forward change (2026-03-08) with the new offset", () => {
    const saturday = newYork("2026-03-07T12:00:00-05:00");
    expect(when("tomorrow at 9am", saturday)).toEqual({
      start: "2026-03-08T09:00:00-04:00",
      end: "2026-03-08T09:00:00-04:00",
    });
    expect(when("sunday morning", saturday)).toEqual({
      start: "2026-03-08T08:00:00-04:00",
      end: "2026-03-08T12:00:00-04:00",
    });
  });

  it("counts real hours across the spring-forward gap", () => {
    const lateNight = newYork("2026-03-08T00:30:00-05:00");
    expect(when("in 3 hours", lateNight)).toEqual({
      start: "2026-03-08T04:30:00-04:00",
      end: "2026-03-08T04:30:00-04:00",
    });
  });

  it("moves a time inside the spring-forward gap to after it", () => {
    expect(when("sunday at 2:30am", newYork("2026-03-06T12:00:00-05:00"))).toEqual({
      start: "2026-03-08T03:30:00-04:00",
      end: "2026-03-08T03:30:00-04:00",
    });
  });

  it("crosses the fall-back change (2026-11-01) with the new offset", () => {
    const saturday = newYork("2026-10-31T12:00:00-04:00");
    expect(when("tomorrow at 9am", saturday)).toEqual({
      start: "2026-11-01T09:00:00-05:00",
      end: "2026-11-01T09:00:00-05:00",
    });
    expect(when("next week", saturday)).toEqual({
      start: "2026-11-02T08:00:00-05:00",
      end: "2026-11-08T21:00:00-05:00",
    });
  });

  it("takes the first of the two 1:30s on the fall-back night", () => {
    expect(when("sunday at 1:30am", newYork("2026-10-30T12:00:00-04:00"))?.start).toBe(
      "2026-11-01T01:30:00-04:00",
    );
  });
});
