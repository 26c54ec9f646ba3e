import pg from "pg";
import { createDb, type Db } from "../db/pool.js";

/** A database of the bench's own on a PostgreSQL server, dropped afterwards: benches never touch real data. */
export async function scratchPostgres(serverUrl: string): Promise<Db> {
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
  const db = await createDb({ kind: "postgres", url: url.toString(), max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
