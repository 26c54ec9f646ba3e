import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeEachEngine } from "../test/db.js";
import { loadMigrations, MIGRATIONS_DIR, MigrationError, migrate } from "./migrate.js";

describeEachEngine("migrations", ({ db, engine }) => {
  it("records every migration once and applies nothing on a second run", async () => {
    const { rows } = await db().query<{ name: string; status: string }>(
      "SELECT name, status FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
    const again = await migrate(db());
    expect(again.applied).toEqual([]);
  });

  it("applies the vector migration only where pgvector exists", async () => {
    const { rows } = await db().query<{ status: string }>(
      "SELECT status FROM schema_migrations WHERE name = '002_provider_embeddings.sql'",
    );
    expect(rows[0]?.status).toBe(db().features.vector ? "applied" : "skipped");
    if (engine === "pglite") expect(db().features.vector).toBe(true);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const edited = loadMigrations().map((m) =>
      m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: "0".repeat(64) } : m,
    );
    await expect(migrate(db(), edited)).rejects.toThrow(
      /001_marketplace\.sql was edited after it was applied/,
    );
  });
});

describe("loadMigrations", () => {
  it("reads numbered files in order with their requirements", () => {
    const ms = loadMigrations();
    expect(ms.map((m) => m.version)).toEqual([...ms.map((m) => m.version)].sort((a, b) => a - b));
    expect(ms.find((m) => m.name === "002_provider_embeddings.sql")?.requires).toEqual(["vector"]);
  });

  it("rejects a file that does not follow the naming scheme", () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    for (const f of readdirSync(MIGRATIONS_DIR))
      writeFileSync(join(dir, f), readFileSync(join(MIGRATIONS_DIR, f)));
    writeFileSync(join(dir, "3-bad.sql"), "select 1");
    expect(() => loadMigrations(dir)).toThrow(MigrationError);
  });
});
