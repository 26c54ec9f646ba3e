import type { ProgressFn, SeedProgress } from "./insert.js";

/** Where progress goes: a terminal gets one line rewritten in place, a log file a few lines. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const QUARTERS = [25, 50, 75, 100];

export function formatProgress(p: SeedProgress): string {
  const width = String(p.total).length;
  return `seeding ${p.step.padEnd(10)} ${String(p.done).padStart(width)}/${p.total}`;
}

/**
 * A console progress printer for `onProgress`: `seedDemo(db, { onProgress: printProgress(process.stderr) })`.
 * On a TTY it rewrites one line (`seeding providers  120/240`); otherwise it writes a line when a
 * step passes 25%, 50%, 75% and 100%, so logs stay short.
 */
export function printProgress(out: ProgressStream): ProgressFn {
  let step = "";
  let printed = 0;
  return (p) => {
    if (p.step !== step) {
      step = p.step;
      printed = 0;
    }
    const percent = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    if (out.isTTY) {
      // \r returns to the start of the line, ESC[K clears what a longer previous line left behind.
      out.write(`\r${formatProgress(p)}\x1b[K${percent >= 100 ? "\n" : ""}`);
      return;
    }
    const reached = QUARTERS.filter((q) => percent >= q).length;
    if (reached > printed) {
      printed = reached;
      out.write(`${formatProgress(p)}\n`);
    }
  };
}
