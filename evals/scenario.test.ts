import { describe, expect, it } from "vitest";
import { resolveTime, weekdaysOf } from "./fixtures.js";
import { loadKnownGaps } from "./runner.js";
import { loadScenarios, parseScenario, ScenarioError } from "./scenario.js";

const NOW = new Date("2026-03-02T15:00:00Z"); // Monday 9:00 in Chicago

describe("scenario files", () => {
  const all = loadScenarios();

  it("all parse, with ids unique and at least 80 of them across the suites", () => {
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(new Set(all.map((s) => s.suite))).toEqual(
      new Set([
        "haircut",
        "cleaning",
        "plumbing",
        "profile",
        "manage",
        "requests-offers",
        "multi-topic",
        "corrections",
        "refusals",
        "adversarial",
      ]),
    );
  });

  it("name only known scenarios in the known gaps", () => {
    const ids = new Set(all.map((s) => s.id));
    for (const gap of loadKnownGaps()) expect(ids.has(gap.id), gap.id).toBe(true);
  });
});

describe("the scenario format", () => {
  const base = `
id: x-scenario
principal: { role: consumer, userId: eval-c1 }
turns: ["hi"]
`;

  it("fills in the defaults", () => {
    const s = parseScenario(`${base}expect: {}\n`, "x-scenario.yaml", "suite");
    expect(s).toMatchObject({
      now: "2026-03-02T15:00:00Z",
      expect: { noOtherWrites: true, db: {} },
      turns: [{ say: "hi" }],
    });
  });

  it("refuses an unknown field in a database expectation, naming the fields there are", () => {
    expect(() =>
      parseScenario(
        `${base}expect: { db: { bookings: [{ weekday: Tuesday }] } }\n`,
        "x-scenario.yaml",
        "suite",
      ),
    ).toThrow(
      /expect\.db\.bookings\.0\.weekday: unknown field "weekday" for bookings; one of: ref, id, consumer/,
    );
  });

  it("refuses a turn spoken by an actor it does not know, and a misspelt key", () => {
    expect(() =>
      parseScenario(
        `${base.replace('["hi"]', "[{ as: plumber, say: hi }]")}expect: {}\n`,
        "x-scenario.yaml",
        "s",
      ),
    ).toThrow(/no actor named plumber/);
    expect(() => parseScenario(`${base}expect: { tool: {} }\n`, "x-scenario.yaml", "s")).toThrow(
      ScenarioError,
    );
  });

  it("accepts alternatives of agents and refuses unknown ones", () => {
    expect(
      parseScenario(`${base}expect: { routes: ["bookings|plumbing"] }\n`, "x-scenario.yaml", "s").expect
        .routes,
    ).toEqual(["bookings|plumbing"]);
    expect(() => parseScenario(`${base}expect: { routes: [barber] }\n`, "x-scenario.yaml", "s")).toThrow(
      /an agent/,
    );
  });

  it("wants the id to be the file name", () => {
    expect(() => parseScenario(`${base}expect: {}\n`, "other.yaml", "s")).toThrow(/must match the file name/);
  });
});

describe("fixture times", () => {
  it("reads relative days, offsets, weekdays and ISO instants in the given zone", () => {
    expect(resolveTime("+1d 17:00", NOW, "America/Chicago").toISOString()).toBe("2026-03-03T23:00:00.000Z");
    expect(resolveTime("-6d 10:00", NOW, "America/Chicago").toISOString()).toBe("2026-02-24T16:00:00.000Z");
    expect(resolveTime("+90m", NOW, "America/Chicago").toISOString()).toBe("2026-03-02T16:30:00.000Z");
    expect(resolveTime("friday 10:00", NOW, "America/Chicago").toISOString()).toBe(
      "2026-03-06T16:00:00.000Z",
    );
    // Today is Monday: "monday" is next week's.
    expect(resolveTime("monday 09:00", NOW, "America/Chicago").toISOString()).toBe(
      "2026-03-09T14:00:00.000Z",
    );
    expect(resolveTime("2026-03-05T10:00:00-06:00", NOW, "UTC").toISOString()).toBe(
      "2026-03-05T16:00:00.000Z",
    );
    expect(() => resolveTime("soon", NOW, "UTC")).toThrow(/cannot read the time "soon"/);
  });

  it("keeps the wall clock across a daylight saving change", () => {
    // Clocks go forward on Sunday 2026-03-08 in Chicago: 9:00 is 15:00Z before and 14:00Z after.
    expect(resolveTime("+7d 09:00", NOW, "America/Chicago").toISOString()).toBe("2026-03-09T14:00:00.000Z");
  });

  it("reads day ranges, wrapping past Saturday", () => {
    expect(weekdaysOf("mon-fri")).toEqual([1, 2, 3, 4, 5]);
    expect(weekdaysOf("sat")).toEqual([6]);
    expect(weekdaysOf("fri-mon")).toEqual([5, 6, 0, 1]);
  });
});
