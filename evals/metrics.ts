import type { TrialResult } from "./run-trial.js";

/**
 * Run metrics. pass^k follows tau-bench: the chance that k independent trials of a task all
 * succeed, estimated per task from n trials with c successes as C(c,k)/C(n,k) (unbiased), then
 * averaged over tasks. Skipped trials count nowhere; errors count as failures.
 */

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface ScenarioSummary {
  id: string;
  suite: string;
  title: string | undefined;
  trials: number;
  passed: number;
  skipped: number;
  /** Passed every trial. */
  ok: boolean;
}

export interface RunMetrics {
  scenarios: number;
  trials: number;
  judged: number;
  passed: number;
  skipped: number;
  errors: number;
  successRate: number;
  bySuite: { suite: string; trials: number; passed: number; rate: number }[];
  /** pass^k for k = 1 … the smallest number of judged trials of any scenario. */
  passHatK: { k: number; value: number }[];
  routing: { accuracy: number; pairs: number; labels: string[]; matrix: number[][] };
  tools: {
    precision: number;
    recall: number;
    truePositive: number;
    falsePositive: number;
    falseNegative: number;
  };
  confirmations: {
    writeTurns: number;
    confirmed: number;
    rate: number;
    violations: { scenario: string; reason: string }[];
  };
  turnsToComplete: Stats;
  perSuccess: { inputTokens: number; outputTokens: number; costUsd: number };
  totals: { inputTokens: number; outputTokens: number; costUsd: number; simulatorCostUsd: number };
  latency: { ttftMs: Stats; turnMs: Stats };
}

/** C(n, k), exactly enough for the trial counts of an eval run. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** tau-bench's pass^k for one task: C(c,k)/C(n,k). */
export function passHatKOfTask(n: number, c: number, k: number): number {
  if (k > n || n === 0) return Number.NaN;
  return choose(c, k) / choose(n, k);
}

/** pass^k over tasks, each given as [trials, successes]. */
export function passHatK(tasks: [number, number][], k: number): number {
  const eligible = tasks.filter(([n]) => n >= k);
  if (!eligible.length) return Number.NaN;
  return eligible.reduce((a, [n, c]) => a + passHatKOfTask(n, c, k), 0) / eligible.length;
}

export function stats(values: number[]): Stats {
  if (!values.length) return { n: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: s.at(-1)!,
  };
}

export function summariseScenarios(results: TrialResult[]): ScenarioSummary[] {
  const by = new Map<string, ScenarioSummary>();
  for (const r of results) {
    const s = by.get(r.scenarioId) ?? {
      id: r.scenarioId,
      suite: r.suite,
      title: r.title,
      trials: 0,
      passed: 0,
      skipped: 0,
      ok: true,
    };
    if (r.status === "skipped") s.skipped++;
    else {
      s.trials++;
      if (r.status === "pass") s.passed++;
    }
    s.ok = s.trials > 0 && s.passed === s.trials;
    by.set(r.scenarioId, s);
  }
  return [...by.values()];
}

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

export function computeMetrics(results: TrialResult[]): RunMetrics {
  const judged = results.filter((r) => r.status !== "skipped");
  const passed = judged.filter((r) => r.status === "pass");
  const scenarios = summariseScenarios(results);

  const suites = new Map<string, { trials: number; passed: number }>();
  for (const r of judged) {
    const s = suites.get(r.suite) ?? { trials: 0, passed: 0 };
    s.trials++;
    if (r.status === "pass") s.passed++;
    suites.set(r.suite, s);
  }

  const tasks = scenarios.filter((s) => s.trials > 0).map((s) => [s.trials, s.passed] as [number, number]);
  const maxK = tasks.length ? Math.min(...tasks.map(([n]) => n)) : 0;

  const pairs = judged.flatMap((r) => r.facts.routePairs);
  const labels = [...new Set(pairs.flatMap((p) => [p.expected, p.actual]))].sort((a, b) =>
    a === "none" ? 1 : b === "none" ? -1 : a.localeCompare(b),
  );
  const matrix = labels.map((e) =>
    labels.map((a) => pairs.filter((p) => p.expected === e && p.actual === a).length),
  );

  const tp = judged.reduce((a, r) => a + r.facts.tools.truePositive, 0);
  const fp = judged.reduce((a, r) => a + r.facts.tools.falsePositive, 0);
  const fn = judged.reduce((a, r) => a + r.facts.tools.falseNegative, 0);

  const writeTurns = judged.reduce((a, r) => a + r.facts.writes.turns, 0);
  const confirmed = judged.reduce((a, r) => a + r.facts.writes.confirmed, 0);

  const sum = (rs: TrialResult[], f: (r: TrialResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  const turns = judged.flatMap((r) => r.turns);
  return {
    scenarios: scenarios.length,
    trials: results.length,
    judged: judged.length,
    passed: passed.length,
    skipped: results.length - judged.length,
    errors: judged.filter((r) => r.status === "error").length,
    successRate: ratio(passed.length, judged.length),
    bySuite: [...suites.entries()]
      .map(([suite, s]) => ({ suite, ...s, rate: ratio(s.passed, s.trials) }))
      .sort((a, b) => a.suite.localeCompare(b.suite)),
    passHatK: Array.from({ length: maxK }, (_, i) => ({ k: i + 1, value: passHatK(tasks, i + 1) })),
    routing: {
      accuracy: ratio(pairs.filter((p) => p.expected === p.actual).length, pairs.length),
      pairs: pairs.length,
      labels,
      matrix,
    },
    tools: {
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      truePositive: tp,
      falsePositive: fp,
      falseNegative: fn,
    },
    confirmations: {
      writeTurns,
      confirmed,
      rate: writeTurns ? confirmed / writeTurns : 1,
      violations: judged.flatMap((r) =>
        r.facts.writes.violations.map((reason) => ({ scenario: r.scenarioId, reason })),
      ),
    },
    turnsToComplete: stats(passed.map((r) => r.turns.length)),
    perSuccess: {
      inputTokens: ratio(
        sum(passed, (r) => r.usage.inputTokens),
        passed.length,
      ),
      outputTokens: ratio(
        sum(passed, (r) => r.usage.outputTokens),
        passed.length,
      ),
      costUsd: ratio(
        sum(passed, (r) => r.usage.costUsd + (r.simulator?.usage.costUsd ?? 0)),
        passed.length,
      ),
    },
    totals: {
      inputTokens: sum(judged, (r) => r.usage.inputTokens),
      outputTokens: sum(judged, (r) => r.usage.outputTokens),
      costUsd: sum(judged, (r) => r.usage.costUsd),
      simulatorCostUsd: sum(judged, (r) => r.simulator?.usage.costUsd ?? 0),
    },
    latency: {
      ttftMs: stats(turns.map((t) => t.ttftMs).filter((v): v is number => v !== null)),
      turnMs: stats(turns.map((t) => t.durationMs)),
    },
  };
}
