import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { BENCH_DIST } from "../server/build.js";

export { BENCH_DIST };

const PARENT = fileURLToPath(new URL("..", import.meta.url));
/** The repository, whether this module runs from its source or from the compiled copy in BENCH_DIST. */
export const REPO_ROOT = PARENT.endsWith(`${sep}${BENCH_DIST}${sep}`)
  ? `${resolve(PARENT, "..", "..")}${sep}`
  : PARENT;
/** True when the benches run compiled, as production runs the server: their children run compiled too. */
export const RUNNING_COMPILED = PARENT !== REPO_ROOT;

export const BENCHMARKS_FILE = join(REPO_ROOT, "BENCHMARKS.md");

const HEADER = `# Benchmarks

Figures written by the commands named in each section; every ratio compares against a baseline
measured in the same run on the same machine. Timings are never asserted in unit tests.
`;

/**
 * Replaces (or appends) one section of BENCHMARKS.md, between markers, so that each benchmark
 * rewrites only its own figures.
 */
export function writeBenchmarkSection(id: string, markdown: string, file = BENCHMARKS_FILE): void {
  const begin = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? current.slice(0, start) + block + current.slice(stop + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** A markdown table from a header row and data rows, padded as the formatter would write it. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${widths.map((w, i) => (r[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [
    line(cells[0]!),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...cells.slice(1).map(line),
  ].join("\n");
}

export function machineLine(): string {
  return `Node ${process.version}, ${process.platform}/${process.arch}, measured ${new Date().toISOString().slice(0, 10)}`;
}
