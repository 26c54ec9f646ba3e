import { describe, expect, it } from "vitest";
import { hhmm, isoDate, localDay, weekdayOf, zonedToUtc } from "./time.js";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const at = (d: string, minutes: number, tz: string) =>
  new Date(zonedToUtc(day(d), minutes, tz)).toISOString();

describe("zoned wall-clock times", () => {
  it("turns local opening hours into the right instants on both sides of a DST change", () => {
    // US daylight saving time began on 8 March 2026 and ends on 1 November 2026.
    expect(at("2026-03-06", 9 * 60, "America/Chicago")).toBe("2026-03-06T15:00:00.000Z");
    expect(at("2026-03-09", 9 * 60, "America/Chicago")).toBe("2026-03-09T14:00:00.000Z");
    expect(at("2026-03-08", 10 * 60, "America/Los_Angeles")).toBe("2026-03-08T17:00:00.000Z");
    expect(at("2026-10-30", 17 * 60 + 30, "America/New_York")).toBe("2026-10-30T21:30:00.000Z");
    expect(at("2026-11-02", 17 * 60 + 30, "America/New_York")).toBe("2026-11-02T22:30:00.000Z");
    // Midnight of the day after the change, as used for full days of time off.
    expect(at("2026-11-02", 0, "America/Los_Angeles")).toBe("2026-11-02T08:00:00.000Z");
  });

  it("finds the local day of an instant, which differs from the UTC day in the evening", () => {
    const evening = Date.parse("2026-03-21T03:30:00Z"); // 22:30 on the 20th in Chicago
    expect(isoDate(localDay(evening, "America/Chicago"))).toBe("2026-03-20");
    expect(isoDate(localDay(evening, "UTC"))).toBe("2026-03-21");
  });

  it("numbers weekdays from Sunday = 0, as extract(dow)", () => {
    expect(weekdayOf(day("2026-03-22"))).toBe(0);
    expect(weekdayOf(day("2026-03-20"))).toBe(5);
    expect(weekdayOf(day("1969-12-31"))).toBe(3);
  });

  it("formats minutes as HH:MM", () => {
    expect(hhmm(0)).toBe("00:00");
    expect(hhmm(570)).toBe("09:30");
    expect(hhmm(22 * 60)).toBe("22:00");
    expect(() => hhmm(-1)).toThrow(RangeError);
  });
});
