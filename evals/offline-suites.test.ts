import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRunOutputs } from "./report.js";
import { loadKnownGaps, type RunResults, runEvals } from "./runner.js";
import { loadScenarios } from "./scenario.js";

/**
 * The CI gate: every offline suite, every scenario on a fresh copy of the eval template, judged by
 * the database. A scenario that fails names its reasons; a known gap (evals/known-gaps.yaml) is
 * reported as skipped with its reason, and one that starts passing fails the gate until it is
 * taken off the list. The report of the last gate run is evals/out/offline-gate/report.html.
 */

const scenarios = loadScenarios();
const gaps = new Map(loadKnownGaps().map((g) => [g.id, g.reason]));
const suites = [...new Set(scenarios.map((s) => s.suite))];
let results: RunResults | undefined;

beforeAll(async () => {
  results = await runEvals({
    scenarios,
    model: "offline",
    k: 1,
    concurrency: Math.max(1, Math.min(availableParallelism(), 4)),
  });
}, 900_000);

afterAll(() => {
  if (!results) return;
  const out = writeRunOutputs(results, undefined, "offline-gate");
  const m = results.metrics;
  console.log(
    `[evals] ${m.scenarios} scenarios, ${m.passed} passed, ${gaps.size} known gaps, in ${(results.durationMs / 1000).toFixed(0)} s; report: ${out.html}`,
  );
});

function trialOf(id: string) {
  const t = results?.trials.find((r) => r.scenarioId === id);
  if (!t) throw new Error(`${id} did not run`);
  return t;
}

for (const suite of suites) {
  describe(`offline suite: ${suite}`, () => {
    for (const s of scenarios.filter((x) => x.suite === suite)) {
      const gap = gaps.get(s.id);
      if (gap) {
        it.skip(`${s.id} (known gap: ${gap})`, () => {});
        continue;
      }
      it(s.id, () => {
        const t = trialOf(s.id);
        expect(t.reasons, `${s.file}: ${s.title ?? ""}`).toEqual([]);
        expect(t.status).toBe("pass");
      });
    }
  });
}

describe("offline gate", () => {
  it("keeps known gaps honest: each still fails (a fixed one must leave evals/known-gaps.yaml)", () => {
    const nowPassing = [...gaps.keys()].filter((id) => trialOf(id).status === "pass");
    expect(nowPassing, "these known gaps pass now: remove them from evals/known-gaps.yaml").toEqual([]);
  });

  it("writes only after an approved confirmation, in every scenario (known gaps included)", () => {
    expect(results?.metrics.confirmations.violations).toEqual([]);
  });
});
