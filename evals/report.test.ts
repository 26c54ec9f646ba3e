import { describe, expect, it } from "vitest";
import { barChart, confusionMatrix, esc, histogram, lineChart } from "./charts.js";
import { computeMetrics, summariseScenarios } from "./metrics.js";
import { renderReport } from "./report.js";
import type { TrialResult } from "./run-trial.js";
import type { RunResults } from "./runner.js";

const failed: TrialResult = {
  scenarioId: "haircut-x",
  suite: "haircut",
  title: "A <b>fade</b>",
  trial: 0,
  status: "fail",
  reasons: [
    "db: bookings: expected a new or changed row {priceCents: 4000}: closest is inserted {…}: priceCents expected 4000, got 4500",
  ],
  checks: [],
  facts: {
    routePairs: [{ expected: "haircut", actual: "general" }],
    tools: { truePositive: 1, falsePositive: 0, falseNegative: 1 },
    writes: { turns: 1, confirmed: 1, violations: [] },
  },
  turns: [
    {
      index: 0,
      actor: "principal",
      input: { say: "fade <tomorrow>" },
      threadId: "t",
      agents: ["general"],
      route: "general",
      toolCalls: [
        { id: "c", name: "search_providers", args: { zip: "78704" }, ok: true, summary: "3 found" },
      ],
      confirm: null,
      reply: "Here are <three> barbers",
      writes: [],
      usage: { inputTokens: 100, outputTokens: 10, costUsd: 0 },
      ttftMs: 120,
      durationMs: 300,
    },
  ],
  changes: ["bookings inserted {priceCents: 4500}"],
  usage: { inputTokens: 100, outputTokens: 10, costUsd: 0 },
  mode: "scripted",
  setupMs: 1,
  durationMs: 2,
};

function results(trials: TrialResult[]): RunResults {
  return {
    runId: "2026-03-02T15-00-00-offline",
    startedAt: "2026-03-02T15:00:00.000Z",
    durationMs: 1000,
    options: { suites: ["haircut"], model: "offline", k: 1, url: null, concurrency: 2, simulate: false },
    template: null,
    knownGaps: [],
    scenarios: summariseScenarios(trials).map((s) => ({ ...s, knownGap: null })),
    metrics: computeMetrics(trials),
    trials,
  };
}

describe("the report", () => {
  it("is one self-contained page: charts inline, nothing fetched", () => {
    const html = renderReport(results([failed]));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<table class="matrix">');
  });

  it("lists failures with their reasons and transcripts, escaped", () => {
    const html = renderReport(results([failed]));
    expect(html).toContain("Failures (1)");
    expect(html).toContain("priceCents expected 4000, got 4500");
    expect(html).toContain("fade &lt;tomorrow&gt;");
    expect(html).toContain("Here are &lt;three&gt; barbers");
    expect(html).toContain("A &lt;b&gt;fade&lt;/b&gt;");
    expect(html).not.toContain("<three>");
  });

  it("says so when every trial passed", () => {
    const html = renderReport(results([{ ...failed, status: "pass", reasons: [] }]));
    expect(html).toContain("Every trial passed.");
  });
});

describe("charts", () => {
  it("draw bars, lines, histograms and matrices as SVG or tables", () => {
    expect(barChart([{ label: "haircut", value: 0.5 }])).toContain("50.0%");
    expect(
      lineChart([
        { x: 1, y: 1 },
        { x: 2, y: 0.5 },
      ]),
    ).toContain("<path");
    expect(histogram([1, 2, 3, 100])).toMatch(/<rect/);
    expect(
      confusionMatrix(
        ["a", "b"],
        [
          [2, 0],
          [1, 1],
        ],
      ),
    ).toContain("expected a, routed to b: 0");
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
