import { describe, expect, it } from "vitest";
import { formatInZone, instantAt, offsetMinutesAt, wallClockAt } from "./zoned-time.js";

const NY = "America/New_York";

describe("zoned time", () => {
  it("knows the offset either side of a DST change", () => {
    expect(offsetMinutesAt(new Date("2026-03-08T06:59:00Z"), NY)).toBe(-300);
    expect(offsetMinutesAt(new Date("2026-03-08T07:00:00Z"), NY)).toBe(-240);
    expect(offsetMinutesAt(new Date("2026-11-01T05:59:00Z"), NY)).toBe(-240);
    expect(offsetMinutesAt(new Date("2026-11-01T06:00:00Z"), NY)).toBe(-300);
  });

  it("builds instants from wall clocks, DST gaps moved forward, overlaps taken early", () => {
    const day = (d: number, m = 3) => ({ year: 2026, month: m, day: d });
    expect(formatInZone(instantAt(day(8), 9, 0, NY), NY)).toBe("2026-03-08T09:00:00-04:00");
    expect(formatInZone(instantAt(day(8), 2, 30, NY), NY)).toBe("2026-03-08T03:30:00-04:00");
    expect(formatInZone(instantAt(day(1, 11), 1, 30, NY), NY)).toBe("2026-11-01T01:30:00-04:00");
    expect(
      formatInZone(instantAt({ year: 2026, month: 7, day: 1 }, 12, 0, "Asia/Kolkata"), "Asia/Kolkata"),
    ).toBe("2026-07-01T12:00:00+05:30");
  });

  it("reads the wall clock and weekday in a zone", () => {
    expect(wallClockAt(new Date("2026-05-13T03:30:00Z"), "America/Chicago")).toEqual({
      year: 2026,
      month: 5,
      day: 12,
      hour: 22,
      minute: 30,
      weekday: 2,
    });
  });
});
