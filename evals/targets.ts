import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino from "pino";
import { fixedClock } from "../core/clock.js";
import { embedProviders } from "../db/embeddings.js";
import { createDb, type Db } from "../db/pool.js";
import type { Models } from "../models/index.js";
import { type Composed, composeServer } from "../server/compose.js";
import { type Config, loadConfig } from "../server/config.js";
import { devToken } from "./chat-client.js";
import { fixtureProviderIds, type PeopleIds, sameIds } from "./fixtures.js";
import { runSigner } from "./run-auth.js";
import type { Person, Scenario } from "./scenario.js";
import {
  diffSnapshots,
  emptyRefs,
  type Refs,
  type Snapshot,
  SOURCE_TABLE,
  snapshot,
  viewsOf,
} from "./tables.js";
import { changeLogPosition, changesSince, copyTemplate, type Template } from "./template.js";
import type { Write } from "./transcript.js";

/**
 * Where a trial runs. By default a server composed in this process for the trial alone (its own
 * copy of the template database, the scenario's frozen clock, the run's shared models), reached
 * over real HTTP; with `--url`, a deployed server, judged through its database when given one.
 */
export interface TrialTarget {
  baseUrl: string;
  /** The marketplace database, for fixtures and judging; undefined when the run cannot see it. */
  db: Db | undefined;
  /** User ids whose rows are judged (null: the whole database, which is the trial's own). */
  scope: string[] | null;
  ids: PeopleIds;
  /** A bearer token for a scenario person (whose user row the fixtures created). */
  token(person: Person): Promise<string>;
  /** Called once the fixtures are in (embeds fixture providers like the rest). */
  fixturesApplied(refs: Refs): Promise<void>;
  /** The judged rows as the conversation starts (undefined without database access). */
  before(refs: Refs): Promise<Partial<Snapshot> | undefined>;
  /** The judged rows once it is over. */
  after(refs: Refs): Promise<Partial<Snapshot> | undefined>;
  /** Rows written to judged tables since the previous call. */
  writesSince(refs: Refs): Promise<Write[]>;
  close(): Promise<void>;
}

export interface TargetFactory {
  describe: string;
  /** Whether fixtures and database checks are possible. */
  judgesDb: boolean;
  /** A deployed server runs on the real clock: fixture times are then relative to the real now. */
  realClock: boolean;
  open(s: Scenario, trial: number): Promise<TrialTarget>;
  close(): Promise<void>;
}

/** The configuration of an in-process eval server: the run's model settings, nothing from a deployment. */
export function evalServerConfig(
  pgliteDir: string,
  env: Record<string, string | undefined> = process.env,
  auth: { jwtKey?: string } = {},
): Config {
  const pick = (k: string) => (env[k] ? { [k]: env[k] } : {});
  return loadConfig({
    NODE_ENV: "test",
    ...(auth.jwtKey ? { AUTH_MODE: "clerk", CLERK_JWT_KEY: auth.jwtKey } : { AUTH_MODE: "dev" }),
    PGLITE_DIR: pgliteDir,
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    // A run sends hundreds of turns for a handful of user ids, faster than any person would.
    RATE_LIMIT_PER_MINUTE: "100000",
    USER_DAILY_BUDGET_USD: "1000",
    THREAD_BUDGET_USD: "50",
    ...pick("MODEL_PROVIDER"),
    ...pick("OPENAI_API_KEY"),
    ...pick("OPENAI_BASE_URL"),
    ...pick("CHAT_MODEL"),
    ...pick("EMBEDDING_MODEL"),
    ...pick("EMBEDDING_DIMENSIONS"),
  });
}

export interface LocalTargetOptions {
  template: Template;
  models: Models;
  env?: Record<string, string | undefined>;
  /** Where each trial's copy of the template goes (tmpfs keeps copying cheap). */
  parentDir?: string;
  /** Runs on the trial's database once its fixtures are in (tests break things on purpose here). */
  prepare?: (db: Db, s: Scenario) => Promise<void>;
}

export function localTargets(opts: LocalTargetOptions): TargetFactory {
  const logger = pino({ level: "silent" });
  // The template's rows, read once: a trial re-reads only the tables its fixtures or turns wrote.
  let base: Partial<Snapshot> | undefined;
  // Copies are deleted in the background; closing the factory waits for them.
  const removals = new Set<Promise<void>>();
  const removeLater = (remove: () => Promise<void>) => {
    const p = remove().finally(() => removals.delete(p));
    removals.add(p);
  };
  return {
    describe: "in-process server on a copy of the eval template",
    judgesDb: true,
    realClock: false,
    async open(s) {
      const copy = await copyTemplate(opts.template, opts.parentDir);
      const signer = runSigner();
      let composed: Composed | undefined;
      try {
        composed = await composeServer(
          evalServerConfig(copy.dir, opts.env, { jwtKey: signer.publicKeyPem }),
          {
            logger,
            clock: fixedClock(s.now),
            models: opts.models,
          },
        );
        const db = composed.db;
        const server = serve({ fetch: composed.app.fetch, port: 0, hostname: "127.0.0.1" });
        await new Promise<void>((resolve) => server.once("listening", () => resolve()));
        const { port } = server.address() as AddressInfo;
        base ??= await snapshot(db, emptyRefs());
        let position = await changeLogPosition(db);
        let start: { position: number; rows: Partial<Snapshot> } | undefined;
        const c = composed;
        return {
          baseUrl: `http://127.0.0.1:${port}`,
          db,
          scope: null,
          ids: sameIds,
          token: (person) => signer.sign({ userId: person.userId, role: person.role }),
          async fixturesApplied(refs) {
            const ids = await fixtureProviderIds(db, refs);
            if (ids.length && c.features.vector) await embedProviders(db, opts.models.embeddings, { ids });
            await opts.prepare?.(db, s);
            position = await changeLogPosition(db);
          },
          async before(refs) {
            const { position: at, changes } = await changesSince(db, 0);
            const rows = {
              ...base,
              ...(await snapshot(db, refs, null, viewsOf(changes.map((w) => w.table)))),
            };
            start = { position: at, rows };
            return rows;
          },
          async after(refs) {
            if (!start) throw new Error("after() before before()");
            const { changes } = await changesSince(db, start.position);
            return {
              ...start.rows,
              ...(await snapshot(db, refs, null, viewsOf(changes.map((w) => w.table)))),
            };
          },
          async writesSince() {
            const r = await changesSince(db, position);
            position = r.position;
            return r.changes;
          },
          async close() {
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await c.close();
            removeLater(copy.remove);
          },
        };
      } catch (err) {
        await composed?.close().catch(() => {});
        removeLater(copy.remove);
        throw err;
      }
    },
    async close() {
      await Promise.all([...removals]);
    },
  };
}

export interface RemoteTargetOptions {
  url: string;
  /** The deployed server's database: fixtures and database checks need it. */
  databaseUrl?: string | undefined;
  runId: string;
}

/**
 * A deployed server. Scenario user ids that start with `eval-` get a per-run suffix, so that runs
 * and trials never share a consumer; demo personas keep their ids (their changes are real). The
 * database, when given, is judged only on the rows of the scenario's people.
 */
export async function remoteTargets(opts: RemoteTargetOptions): Promise<TargetFactory> {
  const db = opts.databaseUrl
    ? await createDb({ kind: "postgres", url: opts.databaseUrl, max: 4 })
    : undefined;
  const baseUrl = opts.url.replace(/\/$/, "");
  return {
    describe: `${baseUrl}${db ? " (judged through its database)" : " (no database access: database checks skipped)"}`,
    judgesDb: Boolean(db),
    realClock: true,
    async open(s, trial) {
      // Per scenario and trial: the database is shared, and so would be a consumer's bookings.
      const suffix = `${createHash("sha256").update(s.id).digest("hex").slice(0, 6)}-${opts.runId}-${trial}`;
      const ids: PeopleIds = { user: (id) => (id.startsWith("eval-") ? `${id}-${suffix}` : id) };
      const people = [
        s.principal.userId,
        ...Object.values(s.actors).map((a) => a.userId),
        ...s.fixtures.users.map((u) => u.userId),
        ...s.fixtures.providers.map((p) => p.userId ?? `eval-provider-${p.ref}`),
      ];
      const scope = [...new Set(people.map(ids.user))];
      let last: Partial<Snapshot> | undefined;
      return {
        baseUrl,
        db,
        scope,
        ids,
        token: (person) => devToken(baseUrl, person, ids.user(person.userId)),
        async fixturesApplied(refs) {
          if (db) last = await snapshot(db, refs, scope);
        },
        before: async (refs) => (db ? snapshot(db, refs, scope) : undefined),
        after: async (refs) => (db ? snapshot(db, refs, scope) : undefined),
        async writesSince(refs) {
          if (!db) return [];
          const now = await snapshot(db, refs, scope);
          const changes = last ? diffSnapshots(last, now) : [];
          last = now;
          const counts = new Map<string, Write>();
          for (const c of changes) {
            const key = `${c.table}|${c.change}`;
            const op = { inserted: "INSERT", updated: "UPDATE", deleted: "DELETE" }[c.change];
            const w = counts.get(key) ?? { table: SOURCE_TABLE[c.table], op, rows: 0 };
            w.rows++;
            counts.set(key, w);
          }
          return [...counts.values()];
        },
        async close() {},
      };
    },
    async close() {
      await db?.close();
    },
  };
}
