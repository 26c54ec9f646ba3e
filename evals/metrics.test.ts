import { describe, expect, it } from "vitest";
import { choose, computeMetrics, passHatK, passHatKOfTask, stats } from "./metrics.js";
import { type TrialResult, trialWithoutTurns } from "./run-trial.js";

function trial(
  over: Partial<TrialResult> & { scenarioId: string; status: TrialResult["status"] },
): TrialResult {
  return {
    ...trialWithoutTurns({ id: over.scenarioId, suite: "s", title: undefined }, 0, {
      status: over.status,
      reasons: [],
      mode: "scripted",
    }),
    ...over,
  };
}

describe("pass^k", () => {
  it("is C(c,k)/C(n,k) per task, as tau-bench defines it", () => {
    expect(choose(4, 2)).toBe(6);
    expect(passHatKOfTask(4, 4, 4)).toBe(1);
    expect(passHatKOfTask(4, 2, 1)).toBe(0.5);
    expect(passHatKOfTask(4, 2, 2)).toBeCloseTo(1 / 6);
    expect(passHatKOfTask(4, 3, 4)).toBe(0);
  });

  it("averages over tasks and never rises with k", () => {
    const tasks: [number, number][] = [
      [4, 4],
      [4, 3],
      [4, 1],
    ];
    const curve = [1, 2, 3, 4].map((k) => passHatK(tasks, k));
    expect(curve[0]).toBeCloseTo((1 + 0.75 + 0.25) / 3);
    expect(curve[3]).toBeCloseTo(1 / 3);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeLessThanOrEqual(curve[i - 1]!);
  });
});

describe("run metrics", () => {
  it("counts success, routing, tool precision and recall, and confirmed writes", () => {
    const results = [
      trial({
        scenarioId: "a",
        status: "pass",
        facts: {
          routePairs: [{ expected: "haircut", actual: "haircut" }],
          tools: { truePositive: 2, falsePositive: 0, falseNegative: 0 },
          writes: { turns: 1, confirmed: 1, violations: [] },
        },
        usage: { inputTokens: 100, outputTokens: 10, costUsd: 0.01 },
      }),
      trial({
        scenarioId: "b",
        status: "fail",
        suite: "t",
        facts: {
          routePairs: [{ expected: "plumbing", actual: "general" }],
          tools: { truePositive: 1, falsePositive: 1, falseNegative: 1 },
          writes: {
            turns: 1,
            confirmed: 0,
            violations: ["turn 1 wrote bookings INSERT × 1 with no confirmation pending"],
          },
        },
      }),
      trial({ scenarioId: "c", status: "skipped" }),
    ];
    const m = computeMetrics(results);
    expect(m).toMatchObject({ scenarios: 3, judged: 2, passed: 1, skipped: 1, successRate: 0.5 });
    expect(m.routing.accuracy).toBe(0.5);
    expect(m.routing.labels).toEqual(["general", "haircut", "plumbing"]);
    expect(m.routing.matrix[2]).toEqual([1, 0, 0]);
    expect(m.tools.precision).toBe(0.75);
    expect(m.tools.recall).toBe(0.75);
    expect(m.confirmations).toMatchObject({ writeTurns: 2, confirmed: 1, rate: 0.5 });
    expect(m.confirmations.violations).toEqual([
      { scenario: "b", reason: "turn 1 wrote bookings INSERT × 1 with no confirmation pending" },
    ]);
    expect(m.perSuccess.costUsd).toBe(0.01);
    expect(m.bySuite.map((s) => [s.suite, s.rate])).toEqual([
      ["s", 1],
      ["t", 0],
    ]);
  });

  it("summarises latency", () => {
    expect(stats([5, 1, 3])).toMatchObject({ n: 3, mean: 3, p50: 3, max: 5 });
  });
});
