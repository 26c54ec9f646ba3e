import type { TrialResult } from "./run-trial.js";

/**
 * Progress of an eval run: on a terminal, one bar rewritten in place; in a log, one line per
 * finished trial (failures with their first reason), so CI output says what broke as it happens.
 */

export interface ProgressOut {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR = 24;

export function progressBar(out: ProgressOut = process.stderr) {
  const t0 = performance.now();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
  return {
    start(total: number) {
      if (out.isTTY) out.write(`running ${total} trials…`);
      else out.write(`running ${total} trials\n`);
    },
    update(r: TrialResult, done: number, total: number) {
      if (r.status === "pass") passed++;
      else if (r.status === "skipped") skipped++;
      else failed++;
      const name = `${r.suite}/${r.scenarioId}${r.trial ? ` #${r.trial + 1}` : ""}`;
      if (out.isTTY) {
        const filled = Math.round((done / total) * BAR);
        const bar = `${"█".repeat(filled)}${"░".repeat(BAR - filled)}`;
        const line = `[${bar}] ${done}/${total} ✓${passed} ✗${failed}${skipped ? ` ○${skipped}` : ""} ${elapsed()} ${name}`;
        out.write(`\r${line.slice(0, (out.columns ?? 120) - 1)}\x1b[K`);
        if (r.status === "fail" || r.status === "error")
          out.write(`\n  ✗ ${name}: ${r.reasons[0] ?? r.status}\n`);
        if (done === total) out.write("\n");
        return;
      }
      const mark = r.status === "pass" ? "✓" : r.status === "skipped" ? "○" : "✗";
      const why = r.status === "pass" ? "" : ` — ${r.reasons[0] ?? r.status}`;
      out.write(`[${done}/${total}] ${mark} ${name} (${(r.durationMs / 1000).toFixed(1)}s)${why}\n`);
    },
  };
}
