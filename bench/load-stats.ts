import { cpus, loadavg } from "node:os";

/** Shared by the transport, load and hygiene benches: order statistics and the machine's load. */

/** The q-quantile (0..1) of a sample, nearest rank; NaN for an empty one. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** "load 3.1 / 2.9 / 2.4 on 2 cores": other work on the machine skews every figure. */
export function loadLine(): string {
  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(1));
  return `load average ${one} / ${five} / ${fifteen} (1/5/15 min) on ${cpus().length} cores`;
}

/** A `--name=value` command-line option as a number, or the default. */
export function numberArg(name: string, fallback: number): number {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${raw}`);
  return n;
}

export function flagArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function stringArg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : "–");
