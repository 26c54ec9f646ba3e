import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { vector } from "@electric-sql/pglite-pgvector";
import pg from "pg";
import { traced } from "../core/tracing.js";

/** Anything that runs a parameterised query: the database itself or a transaction. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * The marketplace database, over PGlite (embedded) or PostgreSQL.
 * Both engines are reached through node-postgres so that type parsing and errors are identical.
 */
export interface Db extends Queryable {
  readonly engine: "pglite" | "postgres";
  /** The node-postgres pool, for libraries that want one (the LangGraph checkpointer). */
  readonly pool: pg.Pool;
  /** Runs `fn` in a transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbTarget = { kind: "postgres"; url: string; max?: number } | { kind: "pglite"; dir: string };

export async function createDb(target: DbTarget): Promise<Db> {
  if (target.kind === "postgres") {
    // A database that drops packets (rather than refusing) must fail a request fast, not hang it.
    return wrapPool(
      new pg.Pool({ connectionString: target.url, max: target.max ?? 10, connectionTimeoutMillis: 5_000 }),
      "postgres",
    );
  }
  const pglite = await openPglite(target.dir);
  return fromPglite(pglite);
}

export async function openPglite(dir: string): Promise<PGlite> {
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(dir, { recursive: true });
  return PGlite.create({
    dataDir: inMemory ? undefined : dir,
    extensions: { vector, btree_gist },
  });
}

/**
 * Wraps an open PGlite. The pool has one connection (PGlite is single-session): a caller that
 * holds a transaction must use its `tx`, never the db, or it waits on itself.
 */
export function fromPglite(pglite: PGlite, { ownsPglite = true } = {}): Db {
  const pool = new pg.Pool(createPgConfig(pglite));
  return wrapPool(pool, "pglite", async () => {
    if (ownsPglite) await pglite.close();
  });
}

function wrapPool(pool: pg.Pool, engine: Db["engine"], afterClose?: () => Promise<void>): Db {
  // An idle client that loses its server emits 'error' on the pool; unhandled, it kills the process.
  pool.on("error", () => {});
  let closed = false;
  return {
    engine,
    pool,
    async query(text, params) {
      return traced("sql", sqlAttributes(text), async () => {
        const r = await pool.query(text, params as unknown[]);
        return { rows: r.rows, rowCount: r.rowCount ?? 0 };
      });
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const tx: Queryable = {
          async query(text, params) {
            return traced("sql", sqlAttributes(text), async () => {
              const r = await client.query(text, params as unknown[]);
              return { rows: r.rows, rowCount: r.rowCount ?? 0 };
            });
          },
        };
        const result = await fn(tx);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await afterClose?.();
    },
  };
}

/**
 * Runs `fn` in a transaction of its own when given the database, or inside the caller's
 * transaction when given one, so that query modules compose into a larger unit of work.
 */
export function inTransaction<T>(q: Db | Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return "transaction" in q ? q.transaction(fn) : fn(q);
}

/** The statement, shortened: parameters are never part of it, so no data leaks into traces. */
function sqlAttributes(text: string) {
  return { "db.system": "postgresql", "db.statement": text.replace(/\s+/g, " ").trim().slice(0, 300) };
}
