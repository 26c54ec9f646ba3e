import pg from "pg";
import { createDb, type Db } from "../db/pool.js";

/**
 * A database of the bench's own on a PostgreSQL server (benches never touch real data), as a URL
 * for a child server; `drop` removes it, closing whatever is still connected.
 */
export async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `proxie_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A scratch database opened in this process, dropped when it is closed. */
export async function scratchPostgres(serverUrl: string): Promise<Db> {
  const scratch = await scratchDatabase(serverUrl);
  const db = await createDb({ kind: "postgres", url: scratch.url, max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}
