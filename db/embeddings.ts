import { createHash } from "node:crypto";
import type { Db, Queryable } from "./pool.js";
import { toVectorLiteral } from "./providers.js";

/** The part of LangChain's `Embeddings` that search and indexing need. */
export interface EmbeddingModel {
  /** Stored with each vector, so that vectors of two models never mix. */
  readonly modelId: string;
  readonly dims: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/** The text a provider is embedded from: what a consumer's query should meet. */
export async function providerDocuments(
  db: Queryable,
  ids?: string[],
): Promise<{ id: string; text: string }[]> {
  const { rows } = await db.query<{ id: string; text: string }>(
    `SELECT p.id,
            concat_ws('. ', p.name, p.category, p.profile ->> 'specialties',
              (SELECT string_agg(s.name || coalesce(': ' || nullif(s.description, ''), ''), '; ' ORDER BY s.name)
               FROM services s WHERE s.provider_id = p.id AND s.active),
              p.bio) AS text
     FROM providers p WHERE ($1::uuid[] IS NULL OR p.id = ANY($1::uuid[]))
     ORDER BY p.id`,
    [ids ?? null],
  );
  return rows;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/**
 * Embeds providers whose text changed since their last embedding with this model (all of them,
 * or the given ones), in batches, reporting progress.
 */
export async function embedProviders(
  db: Db,
  model: EmbeddingModel,
  opts: { ids?: string[]; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ embedded: number; unchanged: number }> {
  const docs = await providerDocuments(db, opts.ids);
  const { rows: current } = await db.query<{ provider_id: string; content_hash: string }>(
    "SELECT provider_id, content_hash FROM provider_embeddings WHERE model = $1 AND ($2::uuid[] IS NULL OR provider_id = ANY($2::uuid[]))",
    [model.modelId, opts.ids ?? null],
  );
  const known = new Map(current.map((r) => [r.provider_id, r.content_hash]));
  const stale = docs.filter((d) => known.get(d.id) !== hash(d.text));
  const batch = opts.batchSize ?? 64;
  for (let i = 0; i < stale.length; i += batch) {
    const chunk = stale.slice(i, i + batch);
    const vectors = await model.embedDocuments(chunk.map((d) => d.text));
    await db.query(
      `INSERT INTO provider_embeddings (provider_id, model, dims, embedding, content_hash)
       SELECT id, $1, $2, v::vector, h FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(id, v, h)
       ON CONFLICT (provider_id, model) DO UPDATE
         SET dims = EXCLUDED.dims, embedding = EXCLUDED.embedding, content_hash = EXCLUDED.content_hash, updated_at = now()`,
      [
        model.modelId,
        vectors[0]?.length ?? 0,
        chunk.map((d) => d.id),
        vectors.map(toVectorLiteral),
        chunk.map((d) => hash(d.text)),
      ],
    );
    opts.onProgress?.(Math.min(i + batch, stale.length), stale.length);
  }
  return { embedded: stale.length, unchanged: docs.length - stale.length };
}

/**
 * HNSW indexes need a fixed dimension: each model gets a partial index over a cast to its size.
 * Idempotent; run at start for the configured model.
 */
export async function ensureEmbeddingIndex(db: Queryable, modelId: string, dims: number): Promise<void> {
  if (!Number.isInteger(dims) || dims < 1 || dims > 2000) throw new Error(`bad embedding size ${dims}`);
  const name = `provider_embeddings_hnsw_${modelId.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${dims}`.slice(
    0,
    63,
  );
  const literal = modelId.replace(/'/g, "''");
  await db.query(
    `CREATE INDEX IF NOT EXISTS ${name} ON provider_embeddings
     USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WHERE model = '${literal}'`,
  );
}
