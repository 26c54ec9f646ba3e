import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const timeOff = (text: string) =>
  extractSlots(text, { ...CHICAGO_WEDNESDAY, role: "provider" }).timeOff?.map(({ start, end }) => ({
    start,
    end,
  }));

describe("time off", () => {
  it("takes whole days from midnight to midnight", () => {
    expect(timeOff("I'm off next monday")).toEqual([
      { start: "2026-05-18T00:00:00-05:00", end: "2026-05-19T00:00:00-05:00" },
    ]);
  });

  it("hears a provider who says they will not be in", () => {
    const friday = [{ start: "2026-05-15T00:00:00-05:00", end: "2026-05-16T00:00:00-05:00" }];
    expect(timeOff("heads up, I won't be in friday")).toEqual(friday);
    expect(timeOff("we're not in on friday")).toEqual(friday);
    expect(timeOff("I'm out friday")).toEqual(friday);
    // Out of something is not away.
    expect(timeOff("I'm out of clippers, can I still take friday bookings")).toBeUndefined();
  });

  it("takes a date range inclusive of its last day", () => {
    expect(timeOff("out of town from the 20th to the 23rd")).toEqual([
      { start: "2026-05-20T00:00:00-05:00", end: "2026-05-24T00:00:00-05:00" },
    ]);
  });

  it("keeps the hours of a part of a day", () => {
    expect(timeOff("block out tomorrow morning")).toEqual([
      { start: "2026-05-14T08:00:00-05:00", end: "2026-05-14T12:00:00-05:00" },
    ]);
  });

  it("reads a holiday next week as the whole week", () => {
    expect(timeOff("holiday all next week, no jobs please")).toEqual([
      { start: "2026-05-18T00:00:00-05:00", end: "2026-05-25T00:00:00-05:00" },
    ]);
  });

  it("is not taken from a consumer", () => {
    expect(
      extractSlots("I'm away next week", { ...CHICAGO_WEDNESDAY, role: "consumer" }).timeOff,
    ).toBeUndefined();
  });

  it("does not also report the days as a booking time", () => {
    expect(
      extractSlots("unavailable friday", { ...CHICAGO_WEDNESDAY, role: "provider" }).when,
    ).toBeUndefined();
  });
});
