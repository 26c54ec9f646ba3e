import type { SearchQuery } from "../db/providers.js";
import type { SqlRewrite } from "./search-explain.js";

/**
 * The PREVIOUS search statement, measured as a second baseline: db/providers.ts before 7be2033
 * (`git show 7be2033^:db/providers.ts`), copied verbatim with RRF's k (60) and the candidate depth
 * (100) written in. Category and service area are applied once, in a materialized `filtered` CTE that
 * the full-text and vector rankings join. It takes the app's parameters unchanged ($1 category,
 * $2/$3 lat/lng, $4..$7 bounding box, $8 text, $9 limit, $10 vector, $11 model), so it replaces the
 * app's statement whole, in the app's transaction, with the app's settings and parameters.
 */
function previousSql(vector: boolean, dims: number): string {
  const vectorCte = vector
    ? `, vec AS (
        SELECT e.provider_id AS id,
               row_number() OVER (ORDER BY e.embedding::vector(${dims}) <=> $10::vector(${dims})) AS rank
        FROM (
          SELECT e.provider_id, e.embedding FROM provider_embeddings e
          JOIN filtered f ON f.id = e.provider_id
          WHERE e.model = $11
          ORDER BY e.embedding::vector(${dims}) <=> $10::vector(${dims})
          LIMIT 100
        ) e
      )`
    : "";
  return `
    WITH filtered AS (
      SELECT p.id FROM providers p
      WHERE ($1::text IS NULL OR p.category = $1)
        AND ($2::float8 IS NULL OR (
          p.lat BETWEEN $4 AND $5 AND p.lng BETWEEN $6 AND $7
          AND distance_km(p.lat, p.lng, $2, $3) <= p.service_radius_km))
    ),
    q AS (
      -- Any of the query's words may match (OR), ranked by how well: "need a fade" should find fades.
      SELECT CASE WHEN count(*) = 0 THEN NULL
             ELSE to_tsquery('simple', string_agg(quote_literal(w), ' | ')) END AS tsq
      FROM unnest(tsvector_to_array(to_tsvector('english', $8::text))) AS w
    ),
    fts AS (
      SELECT p.id, row_number() OVER (ORDER BY ts_rank_cd(p.search, q.tsq) DESC, p.rating DESC, p.id) AS rank
      FROM providers p JOIN filtered f ON f.id = p.id, q
      WHERE q.tsq IS NOT NULL AND p.search @@ q.tsq
      ORDER BY rank LIMIT 100
    )${vectorCte},
    fused AS (
      SELECT id, sum(1.0 / (60 + rank)) AS score FROM (
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
}

const highestParam = (sql: string) => Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

/**
 * Swaps the app's statement for the previous one built for the same query (with or without the
 * vector ranking, as `searchProviders` decides). Fails loudly if the app's statement no longer takes
 * the same number of parameters; the results are checked against the app's exact scan in the run.
 */
export function previousStatement(query: SearchQuery): SqlRewrite {
  const vector = Boolean(query.q?.trim() && query.vector);
  const previous = previousSql(vector, query.vector?.values.length ?? 0);
  return (appSql) => {
    if (highestParam(appSql) !== highestParam(previous))
      throw new Error(
        "the app's search statement takes other parameters now: update bench/search-previous.ts",
      );
    return previous;
  };
}
