import type { Category } from "../core/categories.js";
import { boundingBox, locateZip, MAX_SERVICE_RADIUS_KM } from "./geo.js";
import { type Db, inTransaction, type Queryable } from "./pool.js";

export interface ProviderSummary {
  id: string;
  name: string;
  category: Category;
  rating: number;
  reviewCount: number;
  priceFromCents: number | null;
  zip: string;
  /** Distance from the searched zip, when one was given. */
  distanceKm: number | null;
  /** Reciprocal-rank-fusion score of the text and vector rankings (higher is better). */
  score: number;
}

export interface QueryVector {
  model: string;
  values: number[];
}

export interface SearchQuery {
  q?: string | undefined;
  category?: Category | undefined;
  zip?: string | undefined;
  limit?: number | undefined;
  /** The query's embedding; given only when the database has pgvector. */
  vector?: QueryVector | undefined;
  /**
   * `exact` bypasses the HNSW index (a full scan); `index` lets the planner walk it. By default a
   * search without a category is exact (see {@link searchProviders}).
   */
  vectorScan?: "index" | "exact";
}

/**
 * Category and service area, on \`providers p\`. Written into each ranking itself rather than joined
 * from one filtered set: the planner can then combine the full-text index with the (category, lat,
 * lng) index, and walk the HNSW index under the filter (measured 1.9-2.1x faster at 100 000
 * providers; see BENCHMARKS.md, provider search).
 */
const FILTERS = `($1::text IS NULL OR p.category = $1)
        AND ($2::float8 IS NULL OR (
          p.lat BETWEEN $4 AND $5 AND p.lng BETWEEN $6 AND $7
          AND distance_km(p.lat, p.lng, $2, $3) <= p.service_radius_km))`;

/** {@link FILTERS}' parameters: $1 category, $2/$3 the zip's lat/lng, $4..$7 its bounding box. */
export function filterParams(q: { category?: string | undefined; zip?: string | undefined }): unknown[] {
  const where = q.zip ? locateZip(q.zip) : undefined;
  const box = where ? boundingBox(where.lat, where.lng, MAX_SERVICE_RADIUS_KM) : undefined;
  return [
    q.category ?? null,
    where?.lat ?? null,
    where?.lng ?? null,
    box?.minLat ?? null,
    box?.maxLat ?? null,
    box?.minLng ?? null,
    box?.maxLng ?? null,
  ];
}

/** RRF's k: a rank r contributes 1/(k + r). 60 is the constant of the original paper. */
const RRF_K = 60;
/** How deep each ranking goes before fusion. */
const CANDIDATES = 100;

/**
 * Hybrid provider search: full-text ranking fused with pgvector similarity by reciprocal rank,
 * filtered by category and by whether the provider's service area covers the zip.
 * Without a query, the best rated providers come first.
 */
export async function searchProviders(db: Db | Queryable, query: SearchQuery): Promise<ProviderSummary[]> {
  const limit = Math.min(Math.max(query.limit ?? 10, 1), 50);
  const text = query.q?.trim() ?? "";
  const vector = text && query.vector ? query.vector : undefined;
  const dims = vector ? vector.values.length : 0;
  if (vector && (!Number.isInteger(dims) || dims < 1 || dims > 2000)) throw new Error("bad query vector");

  const params: unknown[] = [...filterParams(query), text, limit];
  // The cast to vector(dims) matches the per-model partial HNSW index (see db/embeddings.ts).
  const vectorCte = vector
    ? `, vec AS (
        SELECT e.provider_id AS id,
               row_number() OVER (ORDER BY e.embedding::vector(${dims}) <=> $10::vector(${dims})) AS rank
        FROM (
          SELECT e.provider_id, e.embedding FROM provider_embeddings e
          JOIN providers p ON p.id = e.provider_id
          WHERE e.model = $11 AND ${FILTERS}
          ORDER BY e.embedding::vector(${dims}) <=> $10::vector(${dims})
          LIMIT ${CANDIDATES}
        ) e
      )`
    : "";
  if (vector) params.push(toVectorLiteral(vector.values), vector.model);

  const sql = `
    WITH filtered AS (
      SELECT p.id FROM providers p WHERE $8 = '' AND ${FILTERS}
    ),
    q AS (
      -- Any of the query's words may match (OR), ranked by how well: "need a fade" should find fades.
      SELECT CASE WHEN count(*) = 0 THEN NULL
             ELSE to_tsquery('simple', string_agg(quote_literal(w), ' | ')) END AS tsq
      FROM unnest(tsvector_to_array(to_tsvector('english', $8::text))) AS w
    ),
    fts AS (
      SELECT p.id, row_number() OVER (ORDER BY ts_rank_cd(p.search, q.tsq) DESC, p.rating DESC, p.id) AS rank
      FROM providers p, q
      WHERE q.tsq IS NOT NULL AND p.search @@ q.tsq AND ${FILTERS}
      ORDER BY rank LIMIT ${CANDIDATES}
    )${vectorCte},
    fused AS (
      SELECT id, sum(1.0 / (${RRF_K} + rank)) AS score FROM (
        SELECT id, rank FROM fts ${vector ? "UNION ALL SELECT id, rank FROM vec" : ""}
      ) r GROUP BY id
    ),
    ranked AS (
      SELECT id, score FROM fused WHERE $8 <> ''
      UNION ALL
      SELECT id, 0 FROM filtered WHERE $8 = ''
    )
    SELECT p.id, p.name, p.category, p.rating, p.review_count, p.zip, r.score,
           (SELECT min(s.price_cents) FROM services s WHERE s.provider_id = p.id AND s.active) AS price_from_cents,
           CASE WHEN $2::float8 IS NULL THEN NULL ELSE distance_km(p.lat, p.lng, $2, $3) END AS distance_km
    FROM ranked r JOIN providers p ON p.id = r.id
    ORDER BY r.score DESC, p.rating DESC, p.review_count DESC, p.id
    LIMIT $9`;

  const { rows } = vector
    ? await inTransaction(db, async (tx) => {
        // Filters apply after the HNSW scan; iterative scans keep reading the index until the
        // filtered candidates are found instead of returning too few.
        await tx.query("SET LOCAL hnsw.iterative_scan = relaxed_order");
        // Without a category filter the planner walks the HNSW index, and the walk stays in the
        // category cluster it enters: recall@10 0.89-0.92 at 100,000 providers (BENCHMARKS.md, provider
        // search). Exact ranking is 1.3-1.6x slower there and always right.
        const exact = query.vectorScan === "exact" || (query.vectorScan === undefined && !query.category);
        if (exact) await tx.query("SET LOCAL enable_indexscan = off");
        return tx.query<SummaryRow>(sql, params);
      })
    : await db.query<SummaryRow>(sql, params);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    rating: Math.round(r.rating * 10) / 10,
    reviewCount: r.review_count,
    priceFromCents: r.price_from_cents,
    zip: r.zip,
    distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
    score: Number(r.score),
  }));
}

interface SummaryRow {
  id: string;
  name: string;
  category: Category;
  rating: number;
  review_count: number;
  zip: string;
  score: string | number;
  price_from_cents: number | null;
  distance_km: number | null;
}

export function toVectorLiteral(values: readonly number[]): string {
  for (const v of values) if (!Number.isFinite(v)) throw new Error("an embedding holds a non-finite number");
  return `[${values.join(",")}]`;
}
