import { type EmbeddingModel, embedProviders, ensureEmbeddingIndex } from "../db/embeddings.js";
import { migrate } from "../db/migrate.js";
import type { Db } from "../db/pool.js";
import { chunkMarketplace, generateMarketplace, insertMarketplace } from "../db/seed/index.js";

/** Where the benchmark's progress lines go (stdout: the log of a background run). */
export type Log = (line: string) => void;

export interface LoadFigures {
  providers: number;
  services: number;
  users: number;
  generateMs: number;
  insertMs: number;
  embedMs: number;
  indexMs: number;
  analyzeMs: number;
  /** What PostgreSQL said while building the index (pgvector's memory notices). */
  indexNotices: string[];
  /** Sizes after loading, from PostgreSQL's own accounting. */
  databaseBytes: number;
  embeddingsBytes: number;
  hnswBytes: number;
  hnswIndex: string;
}

export interface LoadOptions {
  providers: number;
  /** Providers per transaction; each part carries the rows that hang off its providers. */
  chunk: number;
  /** The reference instant of the generated marketplace; fixed so that runs compare. */
  now: Date;
  /** Collect planner statistics after loading (PGlite has no autovacuum to do it). */
  analyze: boolean;
  log: Log;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Builds the benchmark marketplace the way the app would: migrations, the seed generator without
 * booking history, the seed's own insert path (so the search documents come from the schema's
 * triggers), the offline embeddings through `embedProviders`, then the per-model HNSW index.
 */
export async function loadSearchMarketplace(
  db: Db,
  model: EmbeddingModel,
  opts: LoadOptions,
): Promise<LoadFigures> {
  const { log } = opts;
  await migrate(db);

  let start = performance.now();
  // The generator splits providers evenly over the four metros.
  const market = generateMarketplace({
    providersPerMetro: Math.ceil(opts.providers / 4),
    history: false,
    now: opts.now,
  });
  const generateMs = performance.now() - start;
  log(
    `generated ${market.providers.length} providers, ${market.services.length} services, ` +
      `${market.weeklyHours.length} opening-hour rows in ${seconds(generateMs)}`,
  );

  start = performance.now();
  let done = 0;
  let lastLog = 0;
  for (const part of chunkMarketplace(market, opts.chunk)) {
    // The generated updated_at is not restored: it would rebuild every search document once more,
    // and search reads neither the timestamp nor anything that differs because of it.
    await db.transaction((tx) => insertMarketplace(tx, part, { restoreUpdatedAt: false }));
    done += part.providers.length;
    const now = performance.now();
    if (now - lastLog > 10_000 || done === market.providers.length) {
      lastLog = now;
      const elapsed = now - start;
      log(
        `inserted ${done}/${market.providers.length} providers in ${seconds(elapsed)} ` +
          `(${Math.round(done / (elapsed / 1000))}/s)`,
      );
    }
  }
  const insertMs = performance.now() - start;

  start = performance.now();
  lastLog = 0;
  const embedded = await embedProviders(db, model, {
    batchSize: 500,
    onProgress: (n, total) => {
      const now = performance.now();
      if (now - lastLog > 10_000 || n === total) {
        lastLog = now;
        log(`embedded ${n}/${total} providers in ${seconds(now - start)}`);
      }
    },
  });
  const embedMs = performance.now() - start;
  if (embedded.embedded !== market.providers.length) {
    throw new Error(`embedded ${embedded.embedded} of ${market.providers.length} providers`);
  }

  log("building the HNSW index...");
  const app = await timedWithNotices(db, () => ensureEmbeddingIndex(db, model.modelId, model.dims));
  for (const n of app.notices) log(`NOTICE during the build: ${n}`);
  log(`HNSW index built in ${seconds(app.ms)}`);

  start = performance.now();
  if (opts.analyze) {
    await db.query("ANALYZE");
    log(`ANALYZE in ${seconds(performance.now() - start)}`);
  }
  const analyzeMs = opts.analyze ? performance.now() - start : 0;

  const sizes = await databaseSizes(db, model);
  return {
    providers: market.providers.length,
    services: market.services.length,
    users: market.users.length,
    generateMs,
    insertMs,
    embedMs,
    indexMs: app.ms,
    indexNotices: app.notices,
    analyzeMs,
    ...sizes,
  };
}

async function databaseSizes(
  db: Db,
  model: EmbeddingModel,
): Promise<Pick<LoadFigures, "databaseBytes" | "embeddingsBytes" | "hnswBytes" | "hnswIndex">> {
  const { rows } = await db.query<{ db: string; emb: string; hnsw: string | null; name: string | null }>(
    `SELECT pg_database_size(current_database()) AS db,
            pg_total_relation_size('provider_embeddings') AS emb,
            (SELECT pg_relation_size(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              WHERE c.relname LIKE 'provider_embeddings_hnsw%' AND pg_get_expr(i.indpred, i.indrelid) LIKE '%' || $1 || '%'
              LIMIT 1) AS hnsw,
            (SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              WHERE c.relname LIKE 'provider_embeddings_hnsw%' AND pg_get_expr(i.indpred, i.indrelid) LIKE '%' || $1 || '%'
              LIMIT 1) AS name`,
    [model.modelId],
  );
  const r = rows[0];
  return {
    databaseBytes: Number(r?.db ?? 0),
    embeddingsBytes: Number(r?.emb ?? 0),
    hnswBytes: Number(r?.hnsw ?? 0),
    hnswIndex: r?.name ?? "(none)",
  };
}

/**
 * Times `fn` and collects the notices PostgreSQL sends meanwhile: pgvector says with a NOTICE when
 * the HNSW graph outgrows maintenance_work_mem (a much slower build). PGlite has one connection, so
 * the client borrowed here is the one that runs `fn`.
 */
async function timedWithNotices(
  db: Db,
  fn: () => Promise<unknown>,
): Promise<{ ms: number; notices: string[] }> {
  const client = await db.pool.connect();
  const notices: string[] = [];
  const onNotice = (n: { message?: string; detail?: string }) =>
    notices.push([n.message, n.detail].filter(Boolean).join(" "));
  client.on("notice", onNotice);
  client.release();
  const start = performance.now();
  try {
    await fn();
  } finally {
    client.off("notice", onNotice);
  }
  return { ms: performance.now() - start, notices };
}
