import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Where `--bench` compiles the benches and the server they start, relative to the repository: dist/ stays what the image ships. */
export const BENCH_DIST = join(".data", "bench-dist");

/** Files the server's modules read at run time, found beside their own compiled module. */
export const RUNTIME_ASSETS = [
  "db/migrations",
  "models/offline/data",
  "models/offline/nlu/weights",
  "models/offline/corpus",
];

/**
 * `npm run build:server`: the server compiled to JavaScript in `dist/`, with the files it reads at
 * run time copied beside the modules that read them. Production runs `node dist/server/main.js`:
 * under tsx every function made inside another is named with a property definition each time it
 * is made, and that cost the chat path about a tenth of its CPU. `--bench` compiles the benchmarks
 * too (tsconfig.bench.json), so that they start servers as production runs them.
 */
export function buildServer({
  bench = false,
  outDir = join(ROOT, bench ? BENCH_DIST : "dist"),
}: {
  bench?: boolean;
  outDir?: string;
} = {}): string {
  rmSync(outDir, { recursive: true, force: true });
  const project = join(ROOT, bench ? "tsconfig.bench.json" : "tsconfig.build.json");
  execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", project, "--outDir", outDir], {
    stdio: "inherit",
  });
  for (const dir of RUNTIME_ASSETS) cpSync(join(ROOT, dir), join(outDir, dir), { recursive: true });
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildServer({ bench: process.argv.includes("--bench") });
}
