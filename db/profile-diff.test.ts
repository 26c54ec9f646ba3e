import { describe, expect, it } from "vitest";
import { timeOffText } from "./profile-diff.js";

describe("time off in a confirmation", () => {
  const zone = "America/Chicago";

  it("names whole days off by their first and last day, in the provider's zone", () => {
    expect(
      timeOffText({ startsAt: "2026-12-20T06:00:00.000Z", endsAt: "2027-01-04T06:00:00.000Z" }, zone),
    ).toBe("Dec 20, 2026 – Jan 3, 2027");
    expect(
      timeOffText({ startsAt: "2026-12-04T06:00:00.000Z", endsAt: "2026-12-05T06:00:00.000Z" }, zone),
    ).toBe("Dec 4, 2026");
  });

  it("gives the times of part of a day off", () => {
    expect(
      timeOffText({ startsAt: "2026-12-04T20:00:00.000Z", endsAt: "2026-12-05T00:00:00.000Z" }, zone),
    ).toBe("Dec 4, 2026, 2:00 PM – 6:00 PM");
  });
});
