import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { barChart, confusionMatrix, esc, histogram, lineChart, pct } from "./charts.js";
import type { TrialResult } from "./run-trial.js";
import type { RunResults } from "./runner.js";
import type { TurnRecord } from "./transcript.js";

/** `evals/out/<run>/report.html` (one self-contained page) and `results.json`. */

export const OUT_DIR = fileURLToPath(new URL("./out", import.meta.url));

/** Writes the run's folder (`<outDir>/<run id>`, or `<outDir>/<name>` when named, replacing it). */
export function writeRunOutputs(
  results: RunResults,
  outDir = OUT_DIR,
  name = results.runId,
): { dir: string; html: string; json: string } {
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "results.json");
  const html = join(dir, "report.html");
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(html, renderReport(results));
  return { dir, html, json };
}

const CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212529; }
body { margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #dee2e6; padding-bottom: 4px; }
.muted { color: #868e96; } .small { font-size: 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin-top: 14px; }
.card { border: 1px solid #dee2e6; border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 22px; margin-top: 2px; } .card.bad b { color: #e03131; } .card.good b { color: #2f9e44; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 18px; }
.chart { border: 1px solid #e9ecef; border-radius: 8px; padding: 10px 12px; }
.chart h3 { font-size: 14px; margin: 0 0 8px; }
svg text { font-size: 11px; fill: #495057; } svg .lbl { font-size: 12px; } svg .val { font-size: 11px; fill: #212529; }
svg .grid { stroke: #e9ecef; } svg .tick { fill: #868e96; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e9ecef; padding: 5px 8px; text-align: left; vertical-align: top; }
table.matrix { width: auto; } table.matrix td { text-align: center; min-width: 46px; border: 1px solid #e9ecef; }
table.matrix th.corner { font-weight: normal; color: #868e96; font-size: 11px; }
.pass { color: #2f9e44; font-weight: 600; } .fail, .error { color: #e03131; font-weight: 600; } .skipped, .gap { color: #f08c00; font-weight: 600; }
details { border: 1px solid #dee2e6; border-radius: 8px; margin: 10px 0; padding: 8px 12px; }
details > summary { cursor: pointer; font-weight: 600; }
ul.reasons { margin: 6px 0; padding-left: 18px; } ul.reasons li { font-family: ui-monospace, Menlo, monospace; font-size: 12px; margin: 2px 0; white-space: pre-wrap; }
.turn { border-left: 3px solid #dee2e6; margin: 8px 0; padding: 2px 10px; }
.turn .user { font-weight: 600; } .turn .meta { color: #868e96; font-size: 12px; }
.turn pre { background: #f8f9fa; padding: 6px 8px; white-space: pre-wrap; margin: 4px 0; font-size: 12px; }
.tool { font-family: ui-monospace, Menlo, monospace; font-size: 12px; } .confirm { color: #1971c2; }
input#filter { padding: 5px 8px; width: 280px; margin-bottom: 8px; }
`;

const JS = `
document.getElementById("filter")?.addEventListener("input", (e) => {
  const q = e.target.value.toLowerCase();
  for (const tr of document.querySelectorAll("#scenarios tbody tr")) tr.style.display = tr.textContent.toLowerCase().includes(q) ? "" : "none";
});
document.getElementById("expand")?.addEventListener("click", () => {
  const all = document.querySelectorAll("details.trial"); const open = [...all].some((d) => !d.open);
  for (const d of all) d.open = open;
});`;

function card(label: string, value: string, note = "", tone = ""): string {
  return `<div class="card ${tone}">${esc(label)}<b>${esc(value)}</b><span class="muted small">${esc(note)}</span></div>`;
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
const num = (v: number, d = 0) =>
  Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: d }) : "–";
const usd = (v: number) => (Number.isFinite(v) ? `$${v < 0.01 && v > 0 ? v.toFixed(5) : v.toFixed(4)}` : "–");

function renderTurn(t: TurnRecord): string {
  const said = t.input.say !== undefined ? esc(t.input.say) : `<i>[${esc(t.input.resume)} via resume]</i>`;
  const calls = t.toolCalls
    .map(
      (c) =>
        `<div class="tool">${c.resumed ? "↳ resumed " : "→ "}${esc(c.name)}${c.resumed ? "" : `(${esc(JSON.stringify(c.args))})`} ${c.ok === null ? "<span class='confirm'>awaiting approval</span>" : c.ok ? "✓" : `✗ ${esc(c.summary ?? "")}`}</div>`,
    )
    .join("");
  const writes = t.writes.length
    ? `<div class="meta">wrote ${esc(t.writes.map((w) => `${w.table} ${w.op} × ${w.rows}`).join(", "))}</div>`
    : "";
  return `<div class="turn"><div class="user">${esc(t.actor)}: ${said}</div>
<div class="meta">→ ${esc(t.route ?? "none")}${t.agents.length ? ` (routed: ${esc(t.agents.join(" → "))})` : ""} · ${t.ttftMs === null ? "" : `first token ${ms(t.ttftMs)} · `}${ms(t.durationMs)} · ${num(t.usage.inputTokens)} in / ${num(t.usage.outputTokens)} out tokens</div>
${calls}${t.confirm ? `<div class="confirm">confirm ${esc(t.confirm.action)}: ${esc(t.confirm.summary)}</div>` : ""}
${t.error ? `<div class="fail">error ${esc(t.error.code)}: ${esc(t.error.message)}</div>` : ""}
<pre>${esc(t.reply)}</pre>${writes}</div>`;
}

function renderTrial(r: TrialResult, gap: string | null): string {
  return `<details class="trial"><summary><span class="${r.status}">${esc(r.status.toUpperCase())}</span> ${esc(r.suite)}/${esc(r.scenarioId)}${r.trial ? ` (trial ${r.trial + 1})` : ""}${gap ? ` <span class="gap">known gap</span>` : ""} <span class="muted small">${esc(r.title ?? "")}</span></summary>
${gap ? `<p class="gap small">Known gap: ${esc(gap)}</p>` : ""}
<ul class="reasons">${r.reasons.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>
${r.simulator ? `<p class="muted small">simulated user stopped: ${esc(r.simulator.stop)}</p>` : ""}
${r.turns.map(renderTurn).join("")}
<p class="small"><b>Database changes</b>: ${r.changes.length ? "" : "none"}</p><ul class="reasons">${r.changes.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>
</details>`;
}

export function renderReport(res: RunResults): string {
  const m = res.metrics;
  const gapOf = new Map(res.knownGaps.map((g) => [g.id, g.reason]));
  const k = m.passHatK.at(-1);
  // Unexpected failures first, known gaps after them.
  const failing = res.trials
    .filter((r) => r.status === "fail" || r.status === "error")
    .sort((a, b) => Number(gapOf.has(a.scenarioId)) - Number(gapOf.has(b.scenarioId)));
  const bySuiteTokens = new Map<string, { tokens: number; cost: number; n: number }>();
  for (const r of res.trials.filter((t) => t.status === "pass")) {
    const s = bySuiteTokens.get(r.suite) ?? { tokens: 0, cost: 0, n: 0 };
    s.tokens += r.usage.inputTokens + r.usage.outputTokens;
    s.cost += r.usage.costUsd + (r.simulator?.usage.costUsd ?? 0);
    s.n++;
    bySuiteTokens.set(r.suite, s);
  }
  const costItems = [...bySuiteTokens.entries()].map(([suite, s]) => ({
    label: suite,
    value: s.tokens / s.n,
    text: s.cost > 0 ? `${num(s.tokens / s.n)} tok · ${usd(s.cost / s.n)}` : `${num(s.tokens / s.n)} tokens`,
    colour: "#845ef7",
  }));
  const ttft = res.trials.flatMap((r) => r.turns.map((t) => t.ttftMs)).filter((v): v is number => v !== null);
  const turnMs = res.trials.flatMap((r) => r.turns.map((t) => t.durationMs));
  const scenarioRows = res.scenarios
    .map((s) => {
      const status = s.trials === 0 ? "skipped" : s.ok ? "pass" : "fail";
      return `<tr><td>${esc(s.suite)}</td><td>${esc(s.id)}</td><td class="muted">${esc(s.title ?? "")}</td><td>${s.passed}/${s.trials}${s.skipped ? ` (${s.skipped} skipped)` : ""}</td><td class="${status}">${status}${s.knownGap ? ' <span class="gap">known gap</span>' : ""}</td></tr>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proxie evals · ${esc(res.runId)}</title><style>${CSS}</style></head>
<body>
<h1>Proxie evals</h1>
<div class="muted">${esc(res.runId)} · model <b>${esc(res.options.model)}</b> · k=${res.options.k} · ${res.options.url ? `against ${esc(res.options.url)}` : "in-process server"} · ${res.options.concurrency} workers · ${(res.durationMs / 1000).toFixed(1)} s · suites: ${esc(res.options.suites.join(", "))}</div>
<div class="cards">
${card("Success rate", pct(m.successRate), `${m.passed}/${m.judged} trials${m.skipped ? `, ${m.skipped} skipped` : ""}`, m.successRate >= 0.999 ? "good" : "bad")}
${card(`pass^${k?.k ?? 1}`, pct(k?.value ?? Number.NaN), `${m.scenarios} scenarios`)}
${card("Routing accuracy", pct(m.routing.accuracy), `${m.routing.pairs} routes judged`)}
${card("Tool precision / recall", `${pct(m.tools.precision)} / ${pct(m.tools.recall)}`, `${m.tools.truePositive} TP · ${m.tools.falsePositive} FP · ${m.tools.falseNegative} FN`)}
${card("Writes after approved confirm", pct(m.confirmations.rate), `${m.confirmations.confirmed}/${m.confirmations.writeTurns} write turns`, m.confirmations.rate === 1 ? "good" : "bad")}
${card("Turns to complete", num(m.turnsToComplete.mean, 1), `median ${m.turnsToComplete.p50}, max ${m.turnsToComplete.max}`)}
${card("Tokens per success", num(m.perSuccess.inputTokens + m.perSuccess.outputTokens), `${num(m.perSuccess.inputTokens)} in · ${num(m.perSuccess.outputTokens)} out`)}
${card("Cost per success", usd(m.perSuccess.costUsd), `total ${usd(m.totals.costUsd + m.totals.simulatorCostUsd)} (simulator ${usd(m.totals.simulatorCostUsd)})`)}
${card("Time to first token", ms(m.latency.ttftMs.p50), `p50 · p90 ${ms(m.latency.ttftMs.p90)}`)}
${card("Turn latency", ms(m.latency.turnMs.p50), `p50 · p90 ${ms(m.latency.turnMs.p90)} · max ${ms(m.latency.turnMs.max)}`)}
</div>

<h2>Charts</h2>
<div class="charts">
<div class="chart"><h3>Success by suite</h3>${barChart(
    m.bySuite.map((s) => ({
      label: s.suite,
      value: s.rate,
      text: `${pct(s.rate)} (${s.passed}/${s.trials})`,
    })),
    { title: "success by suite" },
  )}</div>
<div class="chart"><h3>pass^k (all k trials of a task succeed)</h3>${lineChart(
    m.passHatK.map((p) => ({ x: p.k, y: p.value })),
    { xLabel: "k", yLabel: "pass^k" },
  )}<p class="muted small">Estimated per task as C(c,k)/C(n,k) from n trials with c successes, averaged over tasks (tau-bench).</p></div>
<div class="chart"><h3>Routing: confusion matrix</h3>${confusionMatrix(m.routing.labels, m.routing.matrix)}</div>
<div class="chart"><h3>Time to first token, per turn</h3>${histogram(ttft)}</div>
<div class="chart"><h3>Turn latency</h3>${histogram(turnMs)}</div>
<div class="chart"><h3>Tokens and cost per successful scenario, by suite</h3>${m.totals.costUsd + m.totals.simulatorCostUsd === 0 ? '<p class="muted small">The offline model costs nothing; tokens are counted as a live model would bill them.</p>' : ""}${costItems.length ? barChart(costItems, { max: Math.max(...costItems.map((c) => c.value)), title: "tokens per success", valueW: 150 }) : '<p class="muted">No successful scenario.</p>'}</div>
</div>

<h2>Failures (${failing.length})</h2>
${failing.length ? `<button id="expand">expand / collapse all</button>${failing.map((r) => renderTrial(r, gapOf.get(r.scenarioId) ?? null)).join("")}` : '<p class="pass">Every trial passed.</p>'}
${m.confirmations.violations.length ? `<h2>Writes without an approved confirmation</h2><ul class="reasons">${m.confirmations.violations.map((v) => `<li>${esc(v.scenario)}: ${esc(v.reason)}</li>`).join("")}</ul>` : ""}
${res.knownGaps.length ? `<h2>Known gaps (${res.knownGaps.length})</h2><table><thead><tr><th>scenario</th><th>reason</th></tr></thead><tbody>${res.knownGaps.map((g) => `<tr><td>${esc(g.id)}</td><td>${esc(g.reason)}</td></tr>`).join("")}</tbody></table>` : ""}

<h2>Scenarios (${res.scenarios.length})</h2>
<input id="filter" placeholder="filter scenarios…">
<table id="scenarios"><thead><tr><th>suite</th><th>scenario</th><th>title</th><th>passed</th><th>status</th></tr></thead><tbody>${scenarioRows}</tbody></table>
<script>${JS}</script>
</body></html>
`;
}
