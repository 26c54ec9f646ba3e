import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const hours = (text: string) => extractSlots(text, { ...CHICAGO_WEDNESDAY, role: "provider" }).hours;

describe("weekly hours", () => {
  it.each([
    [
      "I work 10 till 6 tuesday through saturday",
      [{ weekdays: [2, 3, 4, 5, 6], start: "10:00", end: "18:00" }],
    ],
    ["weekdays 8:30am-4:30pm", [{ weekdays: [1, 2, 3, 4, 5], start: "08:30", end: "16:30" }]],
    ["thursdays I don't work", [{ weekdays: [4], closed: true }]],
    ["I'm closed on weekends", [{ weekdays: [0, 6], closed: true }]],
    ["sunday hours are 11 to 3", [{ weekdays: [0], start: "11:00", end: "15:00" }]],
    [
      "mon-fri 9-5, saturdays 9 to 1",
      [
        { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
        { weekdays: [6], start: "09:00", end: "13:00" },
      ],
    ],
    ["open till 8 on fridays", [{ weekdays: [5], end: "20:00" }]],
    ["we don't open on sundays anymore", [{ weekdays: [0], closed: true }]],
    ["no longer working saturdays", [{ weekdays: [6], closed: true }]],
    ["the shop is shut on mondays", [{ weekdays: [1], closed: true }]],
    ["I won't be taking bookings on weekends from now on", [{ weekdays: [0, 6], closed: true }]],
    [
      "I'm now open till 8 on fridays and closed sundays",
      [
        { weekdays: [5], end: "20:00" },
        { weekdays: [0], closed: true },
      ],
    ],
    ["open 9 to 5 monday and tuesday", [{ weekdays: [1, 2], start: "09:00", end: "17:00" }]],
    [
      "I take lunch 12 to 1 every day",
      [{ weekdays: [0, 1, 2, 3, 4, 5, 6], start: "12:00", end: "13:00", break: true }],
    ],
    [
      "open 9 to 5 weekdays but closed for lunch 12 to 1",
      [
        { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
        { weekdays: [0, 1, 2, 3, 4, 5, 6], start: "12:00", end: "13:00", break: true },
      ],
    ],
    ["lunch break 1-2 on saturdays", [{ weekdays: [6], start: "13:00", end: "14:00", break: true }]],
  ])("%j", (text, expected) => {
    expect(hours(text)).toEqual(expected);
  });

  it("does not read a one-off day off as weekly hours", () => {
    expect(hours("I'm off next monday")).toBeUndefined();
    expect(hours("we're not open this sunday")).toBeUndefined();
  });
});
