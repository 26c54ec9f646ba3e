import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadMigrations, migrate } from "../db/migrate.js";
import { createDb } from "../db/pool.js";
import { createCheckpointer } from "../memory/checkpointer.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PGLITE_TEMPLATE_DIR = join(ROOT, ".data", "test-template", "pglite");
export const PG_TEMPLATE_DB = "proxie_test_template";
/** Part of the template stamp: a new checkpointer schema rebuilds the templates. */
const CHECKPOINTER_VERSION = "langgraph-checkpoint-postgres@1.0.5";

/** The migrations' combined checksum: a template built from other migrations is rebuilt. */
export function migrationsStamp(): string {
  return createHash("sha256")
    .update(
      loadMigrations()
        .map((m) => m.checksum)
        .join(","),
    )
    .update(CHECKPOINTER_VERSION)
    .digest("hex");
}

export async function prepareTemplates(): Promise<string[]> {
  const notes: string[] = [];
  const stamp = migrationsStamp();
  const root = join(PGLITE_TEMPLATE_DIR, "..");
  const stampFile = join(root, "stamp");
  if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    // Built aside and renamed into place, so that two test runs starting together never share a
    // half-built database directory.
    const building = `${root}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(join(building, "pglite"), { recursive: true });
    const db = await createDb({ kind: "pglite", dir: join(building, "pglite") });
    await migrate(db);
    await createCheckpointer(db);
    await db.close();
    writeFileSync(join(building, "stamp"), stamp);
    if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
      rmSync(root, { recursive: true, force: true });
      try {
        renameSync(building, root);
      } catch {
        // Another run renamed its copy first; theirs is as good as ours.
      }
    }
    rmSync(building, { recursive: true, force: true });
    notes.push("built the PGlite template database");
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    await preparePostgresTemplate(url, stamp);
    notes.push(`real PostgreSQL tests run against ${redact(url)}`);
  } else {
    notes.push("DATABASE_URL is not set: real-PostgreSQL tests are skipped (PGlite tests run)");
  }
  if (!process.env.REDIS_URL) notes.push("REDIS_URL is not set: Redis tests are skipped");
  return notes;
}

async function preparePostgresTemplate(url: string, stamp: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ stamp: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS stamp FROM pg_database WHERE datname = $1",
      [PG_TEMPLATE_DB],
    );
    if (rows[0]?.stamp === stamp) return;
    if (rows.length) {
      await admin.query(`ALTER DATABASE ${PG_TEMPLATE_DB} WITH is_template false`).catch(() => {});
      await admin.query(`DROP DATABASE ${PG_TEMPLATE_DB} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    const db = await createDb({ kind: "postgres", url: withDatabase(url, PG_TEMPLATE_DB), max: 1 });
    await migrate(db);
    await createCheckpointer(db);
    await db.close();
    await admin.query(`COMMENT ON DATABASE ${PG_TEMPLATE_DB} IS '${stamp}'`);
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
