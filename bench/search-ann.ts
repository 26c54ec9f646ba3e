import type { EmbeddingModel } from "../db/embeddings.js";
import type { Db } from "../db/pool.js";
import { filterParams, toVectorLiteral } from "../db/providers.js";
import type { Log } from "./search-load.js";
import { percentile, recall } from "./search-queries.js";

/**
 * A DIAGNOSTIC, not the app's statement: the vector candidates alone (the top 100 by cosine
 * distance among the providers that pass the filters, what the vector CTE feeds to the fusion),
 * through the HNSW index and exactly, so that the index's own recall is seen apart from the
 * planner and from the fusion with full text.
 */
const CANDIDATES_SQL = (dims: number) => `
  SELECT e.provider_id AS id FROM provider_embeddings e JOIN providers p ON p.id = e.provider_id
  WHERE e.model = $1
    AND ($2::text IS NULL OR p.category = $2)
    AND ($3::float8 IS NULL OR (
      p.lat BETWEEN $5 AND $6 AND p.lng BETWEEN $7 AND $8
      AND distance_km(p.lat, p.lng, $3, $4) <= p.service_radius_km))
  ORDER BY e.embedding::vector(${dims}) <=> $9::vector(${dims})
  LIMIT 100`;

export interface AnnQuery {
  q: string;
  category: string | undefined;
  zip: string | undefined;
}

export interface AnnScan {
  label: string;
  /** Settings for the transaction the scan runs in. */
  settings: string[];
}

const EXACT: AnnScan = { label: "exact", settings: ["SET LOCAL enable_indexscan = off"] };

/**
 * The HNSW scan as the app configures it, with the planner's other choices taken away: with sorts
 * disabled the only ordered path left is the index, whatever the filters' selectivity.
 */
export const forcedHnsw = (efSearch: number): AnnScan => ({
  label: `HNSW forced, ef_search ${efSearch}`,
  settings: [
    "SET LOCAL hnsw.iterative_scan = relaxed_order",
    `SET LOCAL hnsw.ef_search = ${efSearch}`,
    "SET LOCAL enable_sort = off",
  ],
});

export interface AnnRow {
  filters: string;
  scan: string;
  n: number;
  recall100: number;
  recall10: number;
  /** Queries that found less than half of the true top 100. */
  lost: number;
  /** Queries that returned fewer than 100 candidates (the scan gave up: hnsw.max_scan_tuples). */
  short: number;
  p50Ms: number;
  /** Of the scan's plans, how many used the HNSW index (checked with EXPLAIN). */
  usedIndex: number;
}

export async function measureVectorCandidates(
  db: Db,
  model: EmbeddingModel,
  groups: { filters: string; queries: AnnQuery[] }[],
  scans: AnnScan[],
  log: Log,
): Promise<AnnRow[]> {
  const sql = CANDIDATES_SQL(model.dims);
  const rows: AnnRow[] = [];
  for (const group of groups) {
    log(
      `vector candidates alone, ${group.filters}: ${group.queries.length} queries x ${scans.length + 1} scans`,
    );
    const params = await Promise.all(group.queries.map((q) => candidateParams(model, q)));
    const truth: string[][] = [];
    for (const scan of [EXACT, ...scans]) {
      const ms: number[] = [];
      const recalls100: number[] = [];
      const recalls10: number[] = [];
      let lost = 0;
      let short = 0;
      let usedIndex = 0;
      for (let i = 0; i < params.length; i++) {
        const { ids, elapsed, indexed } = await db.transaction(async (tx) => {
          for (const s of scan.settings) await tx.query(s);
          const plan = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params[i]);
          const start = performance.now();
          const r = await tx.query<{ id: string }>(sql, params[i]);
          return {
            ids: r.rows.map((x) => x.id),
            elapsed: performance.now() - start,
            indexed: plan.rows.some((p) => p["QUERY PLAN"].includes("provider_embeddings_hnsw")),
          };
        });
        if (scan === EXACT) truth[i] = ids;
        const r100 = recall(ids, truth[i]!);
        ms.push(elapsed);
        recalls100.push(r100);
        recalls10.push(recall(ids.slice(0, 10), truth[i]!.slice(0, 10)));
        if (r100 < 0.5) lost++;
        if (ids.length < Math.min(100, truth[i]!.length)) short++;
        if (indexed) usedIndex++;
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      rows.push({
        filters: group.filters,
        scan: scan.label,
        n: params.length,
        recall100: mean(recalls100),
        recall10: mean(recalls10),
        lost,
        short,
        p50Ms: percentile(ms, 50),
        usedIndex,
      });
    }
  }
  return rows;
}

async function candidateParams(model: EmbeddingModel, q: AnnQuery): Promise<unknown[]> {
  return [model.modelId, ...filterParams(q), toVectorLiteral(await model.embedQuery(q.q))];
}

/** How many providers pass a query's category and service-area filters: the set each ranking orders. */
export async function countFiltered(
  db: Db,
  q: { category: string | undefined; zip: string | undefined },
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM providers p
     WHERE ($1::text IS NULL OR p.category = $1)
       AND ($2::float8 IS NULL OR (
         p.lat BETWEEN $4 AND $5 AND p.lng BETWEEN $6 AND $7
         AND distance_km(p.lat, p.lng, $2, $3) <= p.service_radius_km))`,
    filterParams(q),
  );
  return rows[0]?.n ?? 0;
}
