import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cp, mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { embedProviders, ensureEmbeddingIndex } from "../db/embeddings.js";
import { loadMigrations, migrate } from "../db/migrate.js";
import { createDb, type Queryable } from "../db/pool.js";
import { printProgress, seedDemo } from "../db/seed/index.js";
import { createCheckpointer } from "../memory/checkpointer.js";
import type { Models } from "../models/index.js";
import { EVAL_SEED_NOW } from "./scenario.js";
import { LOGGED_TABLES } from "./tables.js";

/**
 * The eval template: a PGlite data directory, migrated, seeded with the demo marketplace around
 * EVAL_SEED_NOW, embedded with the run's embedding model, and carrying a change log. Built once and
 * kept under `.data/eval-template/` while nothing it is made of changes (migrations, seed code,
 * embedding model); each scenario runs on a copy of it.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const execFileAsync = promisify(execFile);
export const TEMPLATE_ROOT = join(ROOT, ".data", "eval-template");
const STALE_TEMPLATE_MS = 6 * 3600_000;

/**
 * Every write to a judged table appends a row here, in the same transaction, so the runner knows
 * which turn wrote something (and whether that turn followed an approved confirmation) without
 * comparing the whole marketplace after every turn. Only in eval databases, never in migrations.
 */
export const CHANGE_LOG_SQL = `
CREATE TABLE eval_changes (
  id bigserial PRIMARY KEY,
  tbl text NOT NULL,
  op text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE FUNCTION eval_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO eval_changes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
  RETURN NULL;
END $$;
${LOGGED_TABLES.map(
  (t) =>
    `CREATE TRIGGER eval_log_${t} AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION eval_log_change();`,
).join("\n")}
`;

/**
 * Each trial starts a PGlite instance of its own; the default 128 MB of shared buffers costs its
 * start more than the ~30 MB marketplace gains from it.
 */
export const TEMPLATE_SETTINGS_SQL = "ALTER SYSTEM SET shared_buffers = '32MB'";

/** The latest change log position: changes after it were made since. */
export async function changeLogPosition(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: string | null }>("SELECT max(id) AS id FROM eval_changes");
  return Number(rows[0]?.id ?? 0);
}

/** Row writes since `after`, per table and operation ("bookings INSERT × 1"). */
export async function changesSince(
  db: Queryable,
  after: number,
): Promise<{ position: number; changes: { table: string; op: string; rows: number }[] }> {
  const { rows } = await db.query<{ tbl: string; op: string; n: number; last: string }>(
    "SELECT tbl, op, count(*)::int AS n, max(id) AS last FROM eval_changes WHERE id > $1 GROUP BY tbl, op ORDER BY tbl, op",
    [after],
  );
  return {
    position: Math.max(after, ...rows.map((r) => Number(r.last))),
    changes: rows.map((r) => ({ table: r.tbl, op: r.op, rows: r.n })),
  };
}

/** What the template is made of: when any of it changes, the template is rebuilt. */
export function templateStamp(models: Pick<Models, "embeddings">): string {
  const h = createHash("sha256");
  for (const m of loadMigrations()) h.update(m.checksum);
  const seedDir = join(ROOT, "db", "seed");
  for (const f of readdirSync(seedDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort())
    h.update(readFileSync(join(seedDir, f)));
  for (const f of ["db/embeddings.ts", "db/provider-profile.ts"]) h.update(readFileSync(join(ROOT, f)));
  h.update(CHANGE_LOG_SQL);
  h.update(TEMPLATE_SETTINGS_SQL);
  h.update(`${models.embeddings.modelId}:${models.embeddings.dims}:${EVAL_SEED_NOW}`);
  h.update(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json")));
  h.update(
    readFileSync(join(ROOT, "node_modules", "@langchain", "langgraph-checkpoint-postgres", "package.json")),
  );
  return h.digest("hex").slice(0, 16);
}

export interface Template {
  dir: string;
  stamp: string;
  built: boolean;
  ms: number;
}

/**
 * The template directory for these models, built now if missing or stale. Built aside and renamed
 * into place, so that two runs starting together never share a half-built directory.
 */
export async function ensureTemplate(
  models: Pick<Models, "embeddings">,
  {
    log = (_: string) => {},
    progress = process.stderr,
  }: { log?: (line: string) => void; progress?: NodeJS.WriteStream } = {},
): Promise<Template> {
  const t0 = performance.now();
  const stamp = templateStamp(models);
  const dir = join(TEMPLATE_ROOT, stamp, "pglite");
  if (existsSync(join(TEMPLATE_ROOT, stamp, "ready")))
    return { dir, stamp, built: false, ms: performance.now() - t0 };
  mkdirSync(TEMPLATE_ROOT, { recursive: true });
  // Templates of other stamps are of no use once no run can still be copying them.
  for (const old of readdirSync(TEMPLATE_ROOT)) {
    const path = join(TEMPLATE_ROOT, old);
    if (old !== stamp && Date.now() - statSync(path).mtimeMs > STALE_TEMPLATE_MS)
      rmSync(path, { recursive: true, force: true });
  }
  const building = join(TEMPLATE_ROOT, `building-${stamp}-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  log("building the eval template: migrations, demo marketplace, embeddings (once per change of them)");
  const db = await createDb({ kind: "pglite", dir: join(building, "pglite") });
  try {
    await migrate(db);
    await createCheckpointer(db);
    await ensureEmbeddingIndex(db, models.embeddings.modelId, models.embeddings.dims);
    await seedDemo(db, { now: new Date(EVAL_SEED_NOW), onProgress: printProgress(progress) });
    const embedded = await embedProviders(db, models.embeddings);
    log(`embedded ${embedded.embedded} providers with ${models.embeddings.modelId}`);
    await db.query(CHANGE_LOG_SQL);
    await db.query("VACUUM ANALYZE");
    await db.query(TEMPLATE_SETTINGS_SQL);
  } finally {
    await db.close();
  }
  writeFileSync(join(building, "ready"), stamp);
  if (!existsSync(join(TEMPLATE_ROOT, stamp, "ready"))) {
    rmSync(join(TEMPLATE_ROOT, stamp), { recursive: true, force: true });
    try {
      renameSync(building, join(TEMPLATE_ROOT, stamp));
    } catch {
      // Another run renamed its copy first; theirs is as good as ours.
    }
  }
  rmSync(building, { recursive: true, force: true });
  return { dir, stamp, built: true, ms: performance.now() - t0 };
}

/**
 * A private copy of the template for one trial; `remove` deletes it. Both run on libuv's thread
 * pool, off the JavaScript thread that PGlite and the server share.
 */
export async function copyTemplate(
  template: Pick<Template, "dir">,
  parent = tmpdir(),
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(parent, COPY_PREFIX));
  const remove = () => rm(dir, { recursive: true, force: true }).catch(() => {});
  try {
    // The system's cp copies the ~1,100 files about three times cheaper than fs.cp, in a process
    // of its own; fs.cp is the fallback where there is no cp.
    await execFileAsync("cp", ["-a", `${template.dir}/.`, dir]).catch(() =>
      cp(template.dir, dir, { recursive: true, force: true }),
    );
    // "cp -a" gave the copy the template's own times: stamp it as new, or another run's sweep of
    // stale copies (by age) removes it mid-trial once the template is an hour old.
    const now = new Date();
    await utimes(dir, now, now);
  } catch (err) {
    await remove();
    throw err;
  }
  return { dir, remove };
}

const COPY_PREFIX = "proxie-eval-";

/**
 * Deletes trial copies that a killed run left behind (older than any trial lasts), so that a
 * memory-backed scratch directory does not fill up across runs.
 */
export function sweepStaleCopies(parent = tmpdir(), olderThanMs = 3600_000): number {
  let removed = 0;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(COPY_PREFIX)) continue;
    const path = join(parent, name);
    try {
      if (Date.now() - statSync(path).mtimeMs < olderThanMs) continue;
      rmSync(path, { recursive: true, force: true });
      removed++;
    } catch {
      // Another run removed it first.
    }
  }
  return removed;
}
