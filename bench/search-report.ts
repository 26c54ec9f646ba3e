import { machineLine, markdownTable } from "./report.js";
import type { AnnRow } from "./search-ann.js";
import type { LoadFigures } from "./search-load.js";
import { type MeasureResult, MODES, type ModeKey, type SliceResult } from "./search-measure.js";
import { mean, percentile, recall } from "./search-queries.js";

export interface SearchReportInput {
  /** The command line that produced the figures. */
  command: string;
  providers: number;
  load: LoadFigures | "reused";
  measured: MeasureResult;
  ann: AnnRow[];
  analyzed: boolean;
  runMs: number;
  load1: [start: number, end: number];
  cores: number;
}

const ms = (x: number) => (Number.isNaN(x) ? "–" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const int = (n: number) => n.toLocaleString("en-US");
const notices = (list: string[]) =>
  list.length === 0 ? "no notice (the graph fit in memory)" : `pgvector: "${list.join(" / ")}"`;

function meanRecall(r: SliceResult, mode: ModeKey): number {
  return mean(r.ids[mode].map((got, i) => recall(got.slice(0, 10), r.ids.exact[i]!.slice(0, 10))));
}

function median(xs: number[]): number {
  return percentile(
    xs.filter((x) => !Number.isNaN(x)),
    50,
  );
}

/** "1.85x faster" / "1.20x slower" / "the same within noise", for baseline time over measured time. */
function speed(baseline: number, measured: number): string {
  const r = baseline / measured;
  if (r >= 1.1) return `${r.toFixed(2)}x faster`;
  if (r <= 1 / 1.1) return `${(1 / r).toFixed(2)}x slower`;
  return `the same within noise (${r.toFixed(2)}x)`;
}

const p50 = (r: SliceResult, m: ModeKey) => percentile(r.ms[m], 50);
const p95 = (r: SliceResult, m: ModeKey) => percentile(r.ms[m], 95);

/** What the figures of one slice say, written from the figures so that a rerun cannot contradict it. */
function sliceReading(r: SliceResult, providers: number): string {
  const n = r.slice.instances.length;
  const kept = median(r.filtered);
  const share = `${int(kept)} providers, ${((100 * kept) / providers).toFixed(1)}% of ${int(providers)}`;
  const vs = (base: ModeKey, m: ModeKey) =>
    `${speed(p50(r, base), p50(r, m))} at p50, ${speed(p95(r, base), p95(r, m))} at p95`;
  const rc = (m: ModeKey) => meanRecall(r, m).toFixed(3);
  const changes = (m: ModeKey) =>
    meanRecall(r, m) < 0.995
      ? ": the approximate scan (ef_search and relaxed order as the app sets them) changes results"
      : "";
  const { default: dflt, index } = r.hnswPlans;
  const out: string[] = [];
  if (r.slice.instances.every((x) => x.category === undefined)) {
    out.push(
      `Without a category the app default ranks vectors exactly: it sets \`enable_indexscan = off\` as the exact mode does ` +
        `(${dflt}/${n} plans scan HNSW), so it runs the baseline's statement with the baseline's settings and the two ` +
        `rows differ by run-to-run noise only (${vs("exact", "default")}; recall@10 ${rc("default")}).`,
      `With the index allowed (\`vectorScan: "index"\`, the default before 7648bd2) the planner walked HNSW in ${index}/${n} ` +
        `plans (the filters keep a median of ${share}); against the exact baseline it is ${vs("exact", "index")}, at ` +
        `recall@10 ${rc("index")}${changes("index")}. Against HNSW allowed, the app default (exact) is ${vs("index", "default")}.`,
    );
  } else {
    out.push(
      `With a category the app default leaves the scan to the planner, as the HNSW-allowed mode does, and the two rows ` +
        `differ by run-to-run noise only (${vs("index", "default")}). The planner walked the HNSW index in ${dflt}/${n} ` +
        `of the default's plans (${index}/${n} with \`vectorScan: "index"\`; the filters keep a median of ${share}).`,
      dflt === 0
        ? "It estimates computing and sorting that many exact distances as cheaper than walking the graph and " +
            `discarding what the filters reject, so the default ranks exactly (recall@10 ${rc("default")}) and its ` +
            `figure against the exact mode (${vs("exact", "default")}) is not an index effect: it is noise plus ` +
            "`enable_indexscan = off`, which the exact mode sets for the whole statement, so that its primary-key " +
            "lookups become bitmap scans too."
        : `Against the exact baseline the default is ${vs("exact", "default")}, at recall@10 ${rc("default")}${changes("default")}.`,
    );
  }
  out.push(
    `Against the previous statement (filtered join, index allowed) the app default is ${vs("previous", "default")}; ` +
      `the previous statement used HNSW in ${r.hnswPlans.previous}/${n} plans and its top 10 matches the exact ` +
      `scan's at recall@10 ${rc("previous")}.`,
  );
  return out.join(" ");
}

function sliceSection(r: SliceResult, providers: number): string {
  const n = r.slice.instances.length;
  const rows = MODES.map((m) => [
    m.label,
    ms(p50(r, m.key)),
    ms(p95(r, m.key)),
    ms(mean(r.ms[m.key])),
    ratio(p50(r, "exact"), p50(r, m.key)),
    ratio(p95(r, "exact"), p95(r, m.key)),
    ratio(p50(r, "previous"), p50(r, m.key)),
    ratio(p95(r, "previous"), p95(r, m.key)),
    m.key === "exact" ? "(truth)" : m.vector ? meanRecall(r, m.key).toFixed(3) : "–",
    m.vector ? `${r.hnswPlans[m.key]}/${n}` : "–",
    mean(r.ids[m.key].map((x) => x.length)).toFixed(1),
  ]);
  const breakdown = MODES.map((m) => {
    const mine = r.samples.filter((x) => x.mode === m.key);
    return [
      m.label,
      ms(median(mine.map((x) => x.ftsMs))),
      ms(median(mine.map((x) => x.vecMs))),
      ms(median(mine.map((x) => x.executionMs))),
    ];
  });
  const sampled = r.samples.filter((x) => x.mode === "default").length;
  // The HNSW-allowed plan too where it differs from the default's.
  const shown: [ModeKey, string][] = [["default", "the app default"]];
  if (r.hnswPlans.index !== r.hnswPlans.default) shown.push(["index", "HNSW allowed"]);
  const excerpts = shown.flatMap(([key, name]) => {
    const lines = r.excerpts[key];
    if (!lines) return [];
    const block = `\`\`\`text\n${lines.join("\n")}\n\`\`\``;
    return [`The vector CTE of the plan of ${name} for the first sampled instance:`, "", block, ""];
  });
  return [
    `### ${r.slice.label} (${n} query instances)`,
    "",
    markdownTable(
      [
        "mode",
        "p50 ms",
        "p95 ms",
        "mean ms",
        "exact p50 / p50",
        "exact p95 / p95",
        "previous p50 / p50",
        "previous p95 / p95",
        "recall@10 vs exact",
        "plans scanning HNSW",
        "results",
      ],
      rows,
    ),
    "",
    sliceReading(r, providers),
    "",
    `Where the time goes: EXPLAIN ANALYZE of ${sampled} evenly spaced instances, medians (EXPLAIN ANALYZE adds its own overhead).`,
    "",
    markdownTable(["mode", "full-text CTE ms", "vector CTE ms", "execution ms"], breakdown),
    "",
    ...excerpts,
  ]
    .join("\n")
    .trimEnd();
}

export function searchReport(input: SearchReportInput): string {
  const { load, measured } = input;
  const loadRows: (string | number)[][] =
    load === "reused"
      ? [["database", "reused from an earlier run (--db): load figures not measured in this run"]]
      : [
          ["providers", `${int(load.providers)} (${int(load.services)} services, ${int(load.users)} users)`],
          ["generate (`history: false`)", s(load.generateMs)],
          [
            "insert (seed insert path, 1 000 providers per transaction; triggers build the search documents)",
            `${s(load.insertMs)} (${Math.round(load.providers / (load.insertMs / 1000))} providers/s)`,
          ],
          [
            "embed (`embedProviders`, offline-glove-100, batches of 500)",
            `${s(load.embedMs)} (${Math.round(load.providers / (load.embedMs / 1000))} providers/s)`,
          ],
          [
            `HNSW build (\`ensureEmbeddingIndex\`, maintenance_work_mem ${measured.settings.maintenance_work_mem})`,
            `${s(load.indexMs)}; ${notices(load.indexNotices)}`,
          ],
          ["ANALYZE", load.analyzeMs > 0 ? s(load.analyzeMs) : "not run (--no-analyze)"],
          [
            "sizes",
            `database ${mb(load.databaseBytes)}, provider_embeddings ${mb(load.embeddingsBytes)}, HNSW index ${mb(load.hnswBytes)}`,
          ],
        ];
  const st = measured.settings;
  return [
    `## Provider search at ${int(input.providers)} providers: the app's hybrid search (exact without a category) vs HNSW allowed and exact scan`,
    "",
    `\`${input.command}\` (bench/search.ts). ` +
      `One on-disk PGlite database (PostgreSQL ${st.server_version}, pgvector ${st.pgvector}; shared_buffers ${st.shared_buffers}, ` +
      `work_mem ${st.work_mem}, hnsw.ef_search ${st["hnsw.ef_search"]}, hnsw.max_scan_tuples ${st["hnsw.max_scan_tuples"]}), ` +
      `planner statistics ${input.analyzed ? "collected by an ANALYZE after loading (PGlite has no autovacuum)" : "never collected, as in the app on PGlite (no autovacuum; --no-analyze)"}. ` +
      "The app default passes no `vectorScan`, as the app's callers do (db/provider-search.ts): since 7648bd2 that " +
      "ranks vectors exactly (`enable_indexscan = off`) when the search has no category, and leaves the scan to the " +
      'planner when it has one. HNSW allowed passes `vectorScan: "index"`, the default before 7648bd2: the planner may ' +
      "walk the HNSW index whatever the filters. " +
      "Latency is one `searchProviders` call (limit 10) as the app makes it, query embedding excluded " +
      `(embedding a query took ${ms(percentile(measured.embedMs, 50))} ms at p50); every instance runs in every mode, ` +
      `in an order shuffled per instance (seeded), after a warm-up of ${measured.warmup} instances. ` +
      'The exact baseline is the app\'s own `vectorScan: "exact"`, which sets `enable_indexscan = off` for the whole statement. ' +
      "recall@10 is the mean of |top 10 ∩ exact top 10| / |exact top 10|. " +
      "The PREVIOUS rows are a second baseline: the statement db/providers.ts ran before 7be2033 (category and " +
      "service area applied once, in a materialized `filtered` CTE that both rankings join; bench/search-previous.ts, " +
      "copied from `git show 7be2033^:db/providers.ts`), run through `searchProviders` in its transaction with its " +
      "settings and parameters, so that the change of 7be2033 is measured in the same run. Its results are compared " +
      "with the app's exact scan like the other modes'. Absolute times grow with the number of providers; the ratios " +
      "compare modes of this run only.",
    "",
    markdownTable(["load step", "figure"], loadRows),
    "",
    measured.slices.map((r) => sliceSection(r, input.providers)).join("\n\n"),
    "",
    annSection(input.ann),
    "",
    `${machineLine()}; ${input.cores} cores, shared with other work (1-minute load average ${input.load1[0].toFixed(1)} at the start, ` +
      `${input.load1[1].toFixed(1)} at the end); whole run ${(input.runMs / 60_000).toFixed(1)} min.`,
  ].join("\n");
}

function annSection(rows: AnnRow[]): string {
  return [
    "### The vector candidates alone (diagnostic SQL, not the app's statement)",
    "",
    "The top 100 by cosine distance among the providers that pass the filters (what the vector CTE hands to the " +
      "fusion), one instance per labelled query, exact (`enable_indexscan = off`) and through the HNSW index with " +
      "the app's iterative relaxed scan; sorts are disabled to force the index where the planner would not choose it. " +
      "recall@100 and recall@10 are against the exact scan; a query is counted lost below 0.5 recall@100, short " +
      "when fewer than 100 candidates came back.",
    "",
    markdownTable(
      ["filters", "scan", "recall@100", "recall@10", "lost", "short", "p50 ms", "plans using HNSW"],
      rows.map((r) => [
        r.filters,
        r.scan,
        r.recall100.toFixed(3),
        r.recall10.toFixed(3),
        `${r.lost}/${r.n}`,
        `${r.short}/${r.n}`,
        ms(r.p50Ms),
        `${r.usedIndex}/${r.n}`,
      ]),
    ),
    "",
    annReading(rows),
  ].join("\n");
}

/** Per filter group, the first forced-index scan (the app's ef_search) against the exact scan. */
function annReading(rows: AnnRow[]): string {
  const groups = [...new Set(rows.map((r) => r.filters))];
  const parts = groups.flatMap((filters) => {
    const [exact, forced] = rows.filter((r) => r.filters === filters);
    if (!exact || !forced) return [];
    return [
      `${filters}: recall@10 ${forced.recall10.toFixed(3)}, recall@100 ${forced.recall100.toFixed(3)}, ` +
        `p50 ${ms(forced.p50Ms)} ms against ${ms(exact.p50Ms)} ms exact (${speed(exact.p50Ms, forced.p50Ms)})`,
    ];
  });
  const label = rows.find((r) => r.scan !== "exact")?.scan ?? "forced";
  const widest = rows.filter((r) => r.filters === groups[0] && r.scan !== "exact").at(-1);
  const stuck =
    widest && widest.lost > 0
      ? ` With no filter and ${widest.scan.replace("HNSW forced, ", "")}, ${widest.lost}/${widest.n} queries still find ` +
        "less than half of their true top 100: a wider search list does not bring them back, so what misses them is " +
        "the graph walk (which does not reach their neighbourhood), not ef_search."
      : "";
  return `${label}, by filters: ${parts.join("; ")}.${stuck}`;
}
