import { describe, expect, it } from "vitest";
import { namesDayOnly, pickByBareHour, sameTimeOnDay } from "./time-match.js";

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

describe("a bare hour said in answer to the times shown", () => {
  // Sat, Mar 7 in Chicago: 8:00, 8:30, 9:00 AM and 2:00 PM.
  const shown = ["14:00", "14:30", "15:00", "20:00"].map((t) => ({ startsAt: `2026-03-07T${t}:00.000Z` }));

  it("picks the one time on that hour, morning or afternoon", () => {
    expect(pickByBareHour(shown, "9 works", ZONE)).toEqual(shown[2]);
    expect(pickByBareHour(shown, "the 9 one please", ZONE)).toEqual(shown[2]);
    expect(pickByBareHour(shown, "2 is fine", ZONE)).toEqual(shown[3]);
    expect(pickByBareHour(shown, "ok 8", ZONE)).toEqual(shown[0]);
  });

  it("picks nothing when the number is not an hour of exactly one time shown", () => {
    expect(pickByBareHour(shown, "10 works", ZONE)).toBeUndefined();
    expect(pickByBareHour(shown, "works for me", ZONE)).toBeUndefined();
    expect(pickByBareHour(shown, "8 or 9", ZONE)).toBeUndefined();
    expect(pickByBareHour(shown, "$9", ZONE)).toBeUndefined();
    expect(pickByBareHour(shown, "9:30", ZONE)).toBeUndefined();
    expect(pickByBareHour(shown, "the 2nd", ZONE)).toBeUndefined();
    expect(pickByBareHour(shown, "2 bedrooms", ZONE)).toBeUndefined();
  });
});
