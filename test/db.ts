import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { detectFeatures } from "../db/migrate.js";
import { createDb, type Db } from "../db/pool.js";
import { PG_TEMPLATE_DB, PGLITE_TEMPLATE_DIR, withDatabase } from "./templates.js";

export type Engine = "pglite" | "postgres";

export interface TestDb extends Db {
  features: { vector: boolean };
}

/** A fresh, migrated database of its own: a copy of the PGlite template, or a new PostgreSQL database. */
export async function openTestDb(engine: Engine = "pglite"): Promise<TestDb> {
  if (engine === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "proxie-test-"));
    cpSync(PGLITE_TEMPLATE_DIR, dir, { recursive: true });
    const db = await createDb({ kind: "pglite", dir });
    return withCleanup(db, await detectFeatures(db), async () =>
      rmSync(dir, { recursive: true, force: true }),
    );
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const name = `proxie_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
  const db = await createDb({ kind: "postgres", url: withDatabase(url, name), max: 20 });
  return withCleanup(db, await detectFeatures(db), () =>
    adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}

function withCleanup(db: Db, features: { vector: boolean }, cleanup: () => Promise<void>): TestDb {
  return {
    ...db,
    features,
    async close() {
      await db.close();
      await cleanup();
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The engines this run can test: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * Runs the same suite against every engine, each on a database of its own.
 * Real PostgreSQL is reported as skipped (not silently left out) when DATABASE_URL is unset.
 */
export function describeEachEngine(
  name: string,
  suite: (ctx: { db: () => TestDb; engine: Engine }) => void,
): void {
  for (const engine of ["pglite", "postgres"] as const) {
    const available = ENGINES.includes(engine);
    const label = `${name} [${engine}]${available ? "" : " (skipped: DATABASE_URL is not set)"}`;
    (available ? describe : describe.skip)(label, () => {
      let db: TestDb | undefined;
      beforeAll(async () => {
        db = await openTestDb(engine);
      });
      afterAll(async () => {
        await db?.close();
      });
      suite({
        engine,
        db: () => {
          if (!db) throw new Error("the test database is not open yet");
          return db;
        },
      });
    });
  }
}
