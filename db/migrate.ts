import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db, Queryable } from "./pool.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /** Extensions the file needs (a `-- requires: a, b` line); without them it is skipped. */
  requires: string[];
}

export interface MigrationReport {
  applied: string[];
  skipped: { name: string; missing: string[] }[];
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

const FILE = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .map((file) => {
      const m = FILE.exec(file);
      if (!m) throw new MigrationError(`${file}: migration files are named NNN_snake_case.sql`);
      const sql = readFileSync(join(dir, file), "utf8");
      const requires = /^--\s*requires:\s*(.+)$/m
        .exec(sql)?.[1]
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return {
        version: Number(m[1]),
        name: file,
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
        requires: requires ?? [],
      };
    })
    .sort((a, b) => a.version - b.version);
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new MigrationError(`two migrations share version ${m.version}`);
    seen.add(m.version);
  }
  return migrations;
}

// Any constant works: it only has to be the same for every replica that migrates this database.
const LOCK_KEY = 7_356_221;

/**
 * Applies each migration once, in its own transaction, and records its checksum.
 * Refuses to run when a migration that was applied has since been edited.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<MigrationReport> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     integer PRIMARY KEY,
    name        text NOT NULL,
    checksum    text NOT NULL,
    status      text NOT NULL CHECK (status IN ('applied', 'skipped')),
    applied_at  timestamptz NOT NULL DEFAULT now()
  )`);
  const report: MigrationReport = { applied: [], skipped: [] };
  for (const m of migrations) {
    // Each migration is its own transaction. The advisory lock makes a second replica that starts
    // at the same moment wait, then find the migration done.
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const { rows } = await tx.query<{ checksum: string; status: string }>(
        "SELECT checksum, status FROM schema_migrations WHERE version = $1",
        [m.version],
      );
      const prior = rows[0];
      if (prior?.status === "applied") {
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(
            `${m.name} was edited after it was applied (checksum ${prior.checksum.slice(0, 12)} in the database, ` +
              `${m.checksum.slice(0, 12)} on disk). Applied migrations are immutable: add a new one instead.`,
          );
        }
        return;
      }
      const missing = await missingExtensions(tx, m.requires);
      if (missing.length) {
        // Recorded as skipped, and applied by a later start once the extension is there.
        await tx.query(
          `INSERT INTO schema_migrations (version, name, checksum, status) VALUES ($1, $2, $3, 'skipped')
           ON CONFLICT (version) DO UPDATE SET checksum = $3`,
          [m.version, m.name, m.checksum],
        );
        report.skipped.push({ name: m.name, missing });
        return;
      }
      try {
        await tx.query(m.sql);
      } catch (err) {
        throw new MigrationError(`${m.name} failed: ${(err as Error).message}`);
      }
      await tx.query(
        `INSERT INTO schema_migrations (version, name, checksum, status) VALUES ($1, $2, $3, 'applied')
         ON CONFLICT (version) DO UPDATE SET checksum = $3, status = 'applied', applied_at = now()`,
        [m.version, m.name, m.checksum],
      );
      report.applied.push(m.name);
    });
  }
  return report;
}

async function missingExtensions(tx: Queryable, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const { rows } = await tx.query<{ name: string }>(
    "SELECT name FROM pg_available_extensions WHERE name = ANY($1::text[])",
    [names],
  );
  const available = new Set(rows.map((r) => r.name));
  return names.filter((n) => !available.has(n));
}

export interface DbFeatures {
  /** pgvector is installed and the embeddings table exists: search is hybrid. */
  vector: boolean;
}

export async function detectFeatures(db: Queryable): Promise<DbFeatures> {
  const { rows } = await db.query<{ vector: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')
        AND to_regclass('provider_embeddings') IS NOT NULL AS vector`,
  );
  return { vector: rows[0]?.vector === true };
}
