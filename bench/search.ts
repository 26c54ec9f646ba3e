/**
 * Provider search at benchmark size: the app's hybrid search (full text fused with pgvector
 * similarity) as the app calls it (no `vectorScan`: exact without a category since 7648bd2) and with
 * the HNSW index allowed (`vectorScan: "index"`, the default before), against two baselines measured
 * in the same run on the same PGlite database: the app's exact scan, and the statement the app ran
 * before 7be2033 (bench/search-previous.ts).
 *
 *   npm run bench:search                                   # 100 000 providers, writes BENCHMARKS.md
 *   npm run bench:search -- --providers 75000              # ~15 min on 2 shared cores (100 000: ~22 min)
 *   npm run bench:search -- --providers 5000 --no-write    # a quick run
 *
 * Options: --providers N (default 100000); --warmup N (query instances run before measuring,
 * default 20); --queries N (at most N query instances per slice, evenly spaced; default all);
 * --db DIR (keep the database in DIR and reuse it on the next run instead of a temporary one);
 * --no-analyze (leave the planner without statistics, as PGlite does by itself); --no-write (print
 * the section only).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createDb, type Db } from "../db/pool.js";
import { OfflineEmbeddings } from "../models/offline/embeddings.js";
import { writeBenchmarkSection } from "./report.js";
import { forcedHnsw, measureVectorCandidates } from "./search-ann.js";
import { type LoadFigures, loadSearchMarketplace } from "./search-load.js";
import { measureSearch } from "./search-measure.js";
import { onePerQuery, searchQueryInstances } from "./search-queries.js";
import { searchReport } from "./search-report.js";

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      providers: { type: "string", default: "100000" },
      warmup: { type: "string", default: "20" },
      queries: { type: "string" },
      db: { type: "string" },
      "no-analyze": { type: "boolean", default: false },
      "no-write": { type: "boolean", default: false },
    },
  });
  const providers = positiveInt(values.providers, "--providers");
  const warmup = positiveInt(values.warmup, "--warmup", true);
  const maxPerSlice = values.queries === undefined ? undefined : positiveInt(values.queries, "--queries");
  const dir = values.db ?? mkdtempSync(join(tmpdir(), "proxie-bench-search-"));
  const started = performance.now();
  const loadAvgAtStart = loadavg()[0] ?? 0;

  log(`provider search benchmark: ${providers} providers, database in ${dir}`);
  const model = OfflineEmbeddings.load();
  const db = await createDb({ kind: "pglite", dir });
  try {
    const load = await loadOrReuse(db, model, { providers, analyze: !values["no-analyze"], dir });
    // From the database, not the flag: a reused database may have been analyzed by an earlier run.
    const { rows: stats } = await db.query<{ analyzed: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_stats WHERE tablename = 'providers') AS analyzed",
    );
    const analyzed = stats[0]?.analyzed === true;
    const measured = await measureSearch(db, model, { warmup, log, maxPerSlice });
    const sample = onePerQuery(searchQueryInstances());
    const ann = await measureVectorCandidates(
      db,
      model,
      [
        { filters: "none", queries: sample.map((x) => ({ q: x.q, category: undefined, zip: undefined })) },
        { filters: "zip", queries: sample.map((x) => ({ ...x, category: undefined })) },
        { filters: "category + zip", queries: sample },
      ],
      [forcedHnsw(40), forcedHnsw(400)],
      log,
    );
    const loadAvgAtEnd = loadavg()[0] ?? 0;
    const args = process.argv.slice(2);
    const markdown = searchReport({
      command: `npm run bench:search${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
      providers,
      load,
      measured,
      ann,
      analyzed,
      runMs: performance.now() - started,
      load1: [loadAvgAtStart, loadAvgAtEnd],
      cores: availableParallelism(),
    });
    console.log(`\n${markdown}\n`);
    if (!values["no-write"]) {
      writeBenchmarkSection("provider-search", markdown);
      log("written to BENCHMARKS.md (section provider-search)");
    }
  } finally {
    await db.close();
    if (!values.db) rmSync(dir, { recursive: true, force: true });
  }
  log(`done in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
}

async function loadOrReuse(
  db: Db,
  model: OfflineEmbeddings,
  opts: { providers: number; analyze: boolean; dir: string },
): Promise<LoadFigures | "reused"> {
  const { rows: tables } = await db.query<{ t: string | null }>("SELECT to_regclass('providers')::text AS t");
  const { rows } = tables[0]?.t
    ? await db.query<{ n: string }>("SELECT count(*) AS n FROM providers")
    : { rows: [{ n: "0" }] };
  const existing = Number(rows[0]?.n ?? 0);
  if (existing > 0) {
    if (existing < opts.providers)
      throw new Error(`${opts.dir} holds ${existing} providers, not ${opts.providers}`);
    log(`reusing the ${existing} providers already in ${opts.dir}; load figures are not measured`);
    return "reused";
  }
  return loadSearchMarketplace(db, model, {
    providers: opts.providers,
    chunk: 1000,
    // Fixed, so that two runs generate the same marketplace.
    now: new Date("2026-11-01T12:00:00Z"),
    analyze: opts.analyze,
    log,
  });
}

function positiveInt(raw: string, name: string, zeroOk = false): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1))
    throw new Error(`${name} wants a whole number, got ${raw}`);
  return n;
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
