import { describe, expect, it } from "vitest";
import { dayShift, timeShiftMinutes } from "./time-shift.js";

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
    ["running late for my haircut friday, can they push it 30 min?", 30],
    ["push my cleaning an hour", 60],
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

describe("day shifts of a booking", () => {
  it.each([
    ["can the cleaners come a week later instead, same time", 7],
    ["push it back two days", 2],
    ["move my haircut up a day", -1],
    ["could we do it 3 days earlier", -3],
    ["a week later please", 7],
    ["move the maids to the day after", 1],
    ["can we do it the following week", 7],
    ["the day before instead", -1],
    ["move my cleaning to the previous day", -1],
  ])("%j", (text, days) => {
    expect(dayShift(text)).toBe(days);
    expect(timeShiftMinutes(text)).toBeUndefined();
  });

  it.each([
    "book me a cleaning next week",
    "an hour later",
    "the week after next",
    "two weeks from now",
    "move it to the day after tomorrow",
    "move it to next week",
  ])("reads no day shift in %j", (text) => {
    expect(dayShift(text)).toBeUndefined();
  });
});
