import type { EmbeddingModel } from "../db/embeddings.js";
import type { Db } from "../db/pool.js";
import {
  type ProviderSummary,
  type QueryVector,
  type SearchQuery,
  searchProviders,
} from "../db/providers.js";
import { countFiltered } from "./search-ann.js";
import {
  cteExcerpt,
  cteMs,
  executionMs,
  explainSearch,
  hnswScans,
  searchWithRewrite,
} from "./search-explain.js";
import type { Log } from "./search-load.js";
import { previousStatement } from "./search-previous.js";
import { onePerQuery, type QueryInstance, searchQueryInstances } from "./search-queries.js";

export type ModeKey = "default" | "index" | "exact" | "text" | "previous";

export interface Mode {
  key: ModeKey;
  label: string;
  vector: boolean;
  /** `SearchQuery.vectorScan` as passed; undefined is what the app's callers pass. */
  scan: "index" | "exact" | undefined;
  /** Runs the statement of db/providers.ts before 7be2033 instead of the app's (bench/search-previous.ts). */
  previous?: boolean;
}

export const MODES: readonly Mode[] = [
  { key: "default", label: "hybrid, app default (`vectorScan` unset)", vector: true, scan: undefined },
  {
    key: "index",
    label: 'hybrid, HNSW allowed (`vectorScan: "index"`, the default before 7648bd2)',
    vector: true,
    scan: "index",
  },
  {
    key: "exact",
    label: 'hybrid, exact scan (`vectorScan: "exact"`): baseline',
    vector: true,
    scan: "exact",
  },
  { key: "text", label: "full text only (no query vector)", vector: false, scan: undefined },
  {
    key: "previous",
    label: "PREVIOUS statement (filtered join, before 7be2033), index allowed: baseline",
    vector: true,
    scan: "index",
    previous: true,
  },
];

export interface Slice {
  key: string;
  label: string;
  instances: QueryInstance[];
}

export interface PlanSample {
  mode: ModeKey;
  ftsMs: number;
  vecMs: number;
  executionMs: number;
}

export interface SliceResult {
  slice: Slice;
  ms: Record<ModeKey, number[]>;
  ids: Record<ModeKey, string[][]>;
  /** Per instance, how many providers pass its category and service-area filters. */
  filtered: number[];
  /** How many instances' plans (EXPLAIN, not run) scan the HNSW index, per mode. */
  hnswPlans: Record<ModeKey, number>;
  /** EXPLAIN ANALYZE of a few evenly spaced instances, for where the time goes. */
  samples: PlanSample[];
  /** The vector CTE's plan for the first sampled instance, per mode that has one. */
  excerpts: Partial<Record<ModeKey, string[]>>;
}

export interface MeasureResult {
  slices: SliceResult[];
  /** Embedding each query (not part of the search latencies above). */
  embedMs: number[];
  warmup: number;
  settings: Record<string, string>;
}

const perMode = <T>(make: () => T) =>
  Object.fromEntries(MODES.map((m) => [m.key, make()])) as Record<ModeKey, T>;

/**
 * The slices of the query set: every labelled query with its category in one zip of each metro (the
 * issue's workload), then each query once with a zip and no category, where the filters keep about
 * a quarter of the providers instead of a twentieth and an index can pay.
 */
export function searchSlices(): Slice[] {
  const all = searchQueryInstances();
  return [
    { key: "category-zip", label: "text + category + zip", instances: all },
    {
      key: "zip",
      label: "text + zip, no category",
      instances: onePerQuery(all).map((x) => ({ ...x, category: undefined })),
    },
  ];
}

function searchQuery(mode: Mode, inst: QueryInstance, vector: QueryVector): SearchQuery {
  return {
    q: inst.q,
    category: inst.category,
    zip: inst.zip,
    limit: 10,
    vector: mode.vector ? vector : undefined,
    vectorScan: mode.scan,
  };
}

function runMode(db: Db, mode: Mode, inst: QueryInstance, vector: QueryVector): Promise<ProviderSummary[]> {
  const query = searchQuery(mode, inst, vector);
  return mode.previous ? searchWithRewrite(db, query, previousStatement(query)) : searchProviders(db, query);
}

function explainMode(db: Db, mode: Mode, inst: QueryInstance, vector: QueryVector, analyze: boolean) {
  const query = searchQuery(mode, inst, vector);
  return explainSearch(db, query, { rewrite: mode.previous ? previousStatement(query) : undefined, analyze });
}

/**
 * Runs every query instance in every mode, in an order shuffled per instance so that no mode
 * always runs first or after the same mode (on a cold or a warm cache), after a warm-up over the
 * first instances.
 */
export async function measureSearch(
  db: Db,
  model: EmbeddingModel,
  opts: { warmup: number; log: Log; maxPerSlice?: number },
): Promise<MeasureResult> {
  const { log } = opts;
  const settings = await readSettings(db);
  const slices = searchSlices().map((slice) => ({
    ...slice,
    instances: evenlySpaced(slice.instances, opts.maxPerSlice ?? slice.instances.length),
  }));
  const vectors = new Map<string, QueryVector>();
  const embedMs: number[] = [];
  const vectorOf = async (q: string) => {
    let v = vectors.get(q);
    if (!v) {
      const start = performance.now();
      v = { model: model.modelId, values: await model.embedQuery(q) };
      embedMs.push(performance.now() - start);
      vectors.set(q, v);
    }
    return v;
  };

  const warm = slices[0]!.instances.slice(0, opts.warmup);
  log(`warm-up: ${warm.length} query instances x ${MODES.length} modes`);
  for (const inst of warm) {
    const vector = await vectorOf(inst.q);
    for (const mode of MODES) await runMode(db, mode, inst, vector);
  }

  const results: SliceResult[] = [];
  for (const slice of slices) {
    const ms = perMode<number[]>(() => []);
    const ids = perMode<string[][]>(() => []);
    const n = slice.instances.length;
    log(`${slice.label}: ${n} query instances x ${MODES.length} modes`);
    let lastLog = performance.now();
    for (let i = 0; i < n; i++) {
      const inst = slice.instances[i]!;
      const vector = await vectorOf(inst.q);
      for (const mode of modeOrder(i)) {
        const start = performance.now();
        const hits = await runMode(db, mode, inst, vector);
        ms[mode.key][i] = performance.now() - start;
        ids[mode.key][i] = hits.map((h) => h.id);
      }
      if (performance.now() - lastLog > 15_000 || i === n - 1) {
        lastLog = performance.now();
        log(`${slice.label}: ${i + 1}/${n}`);
      }
    }
    const filtered: number[] = [];
    for (const inst of slice.instances) filtered.push(await countFiltered(db, inst));
    results.push({ slice, ms, ids, filtered, ...(await examinePlans(db, slice, vectorOf, log)) });
  }
  return { slices: results, embedMs, warmup: warm.length, settings };
}

/**
 * The modes in a seeded shuffle per instance. A rotation of one fixed order gave each mode the
 * same predecessor almost always, and a mode that follows one running the same plan for the same
 * query finds its pages warm: at 100 000 providers the app default and HNSW allowed, the same
 * statement with a category, differed by 1.24x at p50.
 */
function modeOrder(i: number): Mode[] {
  const order = [...MODES];
  let seed = (i + 1) * 2654435761;
  for (let j = order.length - 1; j > 0; j--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const k = (seed >>> 16) % (j + 1);
    [order[j], order[k]] = [order[k]!, order[j]!];
  }
  return order;
}

/** At most `n` of `xs`, spread over the whole list (for quick runs). */
function evenlySpaced<T>(xs: readonly T[], n: number): T[] {
  if (n >= xs.length) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!);
}

const PLAN_SAMPLES = 8;

async function examinePlans(
  db: Db,
  slice: Slice,
  vectorOf: (q: string) => Promise<QueryVector>,
  log: Log,
): Promise<Pick<SliceResult, "hnswPlans" | "samples" | "excerpts">> {
  log(`${slice.label}: planning every instance (EXPLAIN) and analyzing ${PLAN_SAMPLES} (EXPLAIN ANALYZE)`);
  const hnswPlans = perMode(() => 0);
  for (const inst of slice.instances) {
    const vector = await vectorOf(inst.q);
    for (const mode of MODES.filter((m) => m.vector)) {
      const plan = await explainMode(db, mode, inst, vector, false);
      if (hnswScans(plan).length > 0) hnswPlans[mode.key]++;
    }
  }
  const samples: PlanSample[] = [];
  const excerpts: Partial<Record<ModeKey, string[]>> = {};
  const step = Math.max(1, Math.floor(slice.instances.length / PLAN_SAMPLES));
  for (let i = 0; i < slice.instances.length && samples.length < PLAN_SAMPLES * MODES.length; i += step) {
    const inst = slice.instances[i]!;
    const vector = await vectorOf(inst.q);
    for (const mode of modeOrder(i)) {
      const plan = await explainMode(db, mode, inst, vector, true);
      samples.push({
        mode: mode.key,
        ftsMs: cteMs(plan, "fts"),
        vecMs: cteMs(plan, "vec"),
        executionMs: executionMs(plan),
      });
      if (mode.vector && !excerpts[mode.key]) {
        excerpts[mode.key] = [`-- ${JSON.stringify({ q: inst.q, category: inst.category, zip: inst.zip })}`];
        excerpts[mode.key]!.push(...cteExcerpt(plan, "vec"));
        log(`${slice.label}, ${mode.label}, vector CTE:\n${excerpts[mode.key]!.join("\n")}`);
      }
    }
  }
  return { hnswPlans, samples, excerpts };
}

async function readSettings(db: Db): Promise<Record<string, string>> {
  const names = [
    "server_version",
    "shared_buffers",
    "work_mem",
    "maintenance_work_mem",
    "hnsw.ef_search",
    "hnsw.max_scan_tuples",
  ];
  const out: Record<string, string> = {};
  for (const name of names) {
    const { rows } = await db.query<Record<string, string>>(`SHOW ${name}`);
    out[name] = Object.values(rows[0] ?? {})[0] ?? "?";
  }
  const { rows } = await db.query<{ v: string }>(
    "SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'",
  );
  out.pgvector = rows[0]?.v ?? "none";
  return out;
}
