import { describe, expect, it } from "vitest";
import { namesDayOnly, sameTimeOnDay } from "./time-match.js";

const ZONE = "America/Chicago";
const win = (start: string, end: string, text: string) => ({ start, end, text });

describe("a new day for an earlier time of day", () => {
  it("tells a bare day from a day with a time", () => {
    expect(namesDayOnly(win("2026-03-05T08:00:00-06:00", "2026-03-05T21:00:00-06:00", "thursday"))).toBe(
      true,
    );
    expect(namesDayOnly(win("2026-03-12T08:00:00-05:00", "2026-03-12T21:00:00-05:00", "on the 12th"))).toBe(
      true,
    );
    expect(
      namesDayOnly(win("2026-03-04T11:30:00-06:00", "2026-03-04T12:30:00-06:00", "wednesday around noon")),
    ).toBe(false);
    expect(namesDayOnly(win("2026-03-02T16:30:00-06:00", "2026-03-02T16:30:00-06:00", "4:30 pm"))).toBe(
      false,
    );
  });

  it("moves the earlier hours to the new day, across a change of daylight saving time", () => {
    const earlier = win("2026-03-06T17:00:00-06:00", "2026-03-06T21:00:00-06:00", "friday after 5");
    const monday = win("2026-03-09T08:00:00-05:00", "2026-03-09T21:00:00-05:00", "monday");
    expect(sameTimeOnDay(earlier, monday, ZONE)).toEqual({
      start: "2026-03-09T17:00:00-05:00",
      end: "2026-03-09T21:00:00-05:00",
      text: "monday after 5",
    });
  });
});
