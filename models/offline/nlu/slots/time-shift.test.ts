import { describe, expect, it } from "vitest";
import { timeShiftMinutes } from "./time-shift.js";

describe("time shifts of a booking", () => {
  it.each([
    ["can we do the haircut an hour later instead", 60],
    ["push my haircut back an hour", 60],
    ["could the plumber come 30 minutes earlier?", -30],
    ["move it up half an hour", -30],
    ["make the cleaning two hours later", 120],
    ["shift it back by 45 mins", 45],
    ["an hour and a half later works better", 90],
    ["can it be a couple of hours sooner", -120],
  ])("%j", (text, minutes) => {
    expect(timeShiftMinutes(text)).toBe(minutes);
  });

  it.each([
    "move my cleaning to saturday at 3",
    "I'll get back to you later",
    "see you in an hour",
    "book me for 2 later this week",
    "call me back",
  ])("reads no shift in %j", (text) => {
    expect(timeShiftMinutes(text)).toBeUndefined();
  });
});
