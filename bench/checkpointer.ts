/**
 * Per-turn cost of checkpointing a conversation: with the checkpointer vs without, at 2 and at
 * 200 messages of history, and SQL statements per turn. `npm run bench:checkpointer`.
 * The model is an instant scripted one, so that the figures are the checkpointer's, not a model's.
 */
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import pg from "pg";
import { fixedClock } from "../core/clock.js";
import type { Principal } from "../core/principal.js";
import { migrate } from "../db/migrate.js";
import { createDb, type Db } from "../db/pool.js";
import { createProviderSearch } from "../db/provider-search.js";
import { upsertUser } from "../db/users.js";
import { buildGraph } from "../graph/build.js";
import { runTurn } from "../graph/run.js";
import { createCheckpointer } from "../memory/checkpointer.js";
import { createPreferenceStore } from "../memory/preferences.js";
import { OfflineChatModel, type OfflineTurnInput } from "../models/offline/chat-model.js";
import { createTools } from "../tools/index.js";
import { machineLine, markdownTable, writeBenchmarkSection } from "./report.js";

const TURNS = Number(process.argv.find((a) => a.startsWith("--turns="))?.slice(8) ?? 40);

function instantPolicy(input: OfflineTurnInput) {
  if (input.tools.length === 1 && input.tools[0]!.name === "route") {
    return { content: "", toolCalls: [{ name: "route", args: { agent: "general", continuation: true } }] };
  }
  return { content: "Sure, happy to help with that." };
}

/**
 * Counts every statement any node-postgres client sends (pool.query goes through a client too).
 * Patched on the prototype: pg.Pool.query checks clients out with callbacks, which a wrapper of
 * connect() would have to reproduce.
 */
function countStatements(): { count: () => number; reset: () => void } {
  let n = 0;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return query.apply(this, args);
  };
  return {
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

function history(n: number): BaseMessage[] {
  const out: BaseMessage[] = [];
  for (let i = 0; i < n / 2; i++) {
    out.push(
      new HumanMessage(
        `Message ${i}: I'd like to know about haircuts and cleaning near 78704 next week, please.`,
      ),
    );
    out.push(
      new AIMessage({
        content: `Reply ${i}: happy to help; here are some options with prices and times.`,
        name: "general",
      }),
    );
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measure(db: Db, label: string) {
  const clock = fixedClock("2026-11-30T12:00:00Z");
  const preferences = createPreferenceStore(db);
  const tools = createTools({
    db,
    clock,
    search: createProviderSearch({ db, vector: false }),
    preferences,
    notifications: { publish() {} },
    reembedProvider: async () => {},
  });
  const chat = new OfflineChatModel({
    policy: instantPolicy,
    countTokens: (t: string) => Math.ceil(t.length / 4),
  });
  const principal: Principal = { userId: "bench-user", role: "admin" };
  await upsertUser(db, { id: principal.userId, role: "admin" });
  const counter = countStatements();
  const saver = await createCheckpointer(db);
  const graphs: Record<string, ReturnType<typeof buildGraph>> = {
    none: buildGraph({ models: { chat }, tools, preferences, clock }),
    postgres: buildGraph({
      models: { chat },
      tools,
      preferences,
      clock,
      checkpointer: saver as BaseCheckpointSaver,
    }),
  };
  const config = (threadId: string) => ({
    configurable: { thread_id: threadId, principal, timeZone: "America/Chicago" },
    durability: "exit" as const,
  });
  const results: Record<string, Record<number, number>> = { none: {}, postgres: {} };
  let sqlPerTurn: Record<number, number> = {};
  for (const size of [2, 200]) {
    // Without a checkpointer the caller sends the whole history each turn; with one, the thread holds it.
    const base = history(size);
    const times: Record<string, number[]> = { none: [], postgres: [] };
    const threadId = crypto.randomUUID();
    await graphs.postgres!.invoke({ messages: base }, config(threadId));
    for (let i = 0; i < TURNS + 5; i++) {
      for (const variant of ["none", "postgres"] as const) {
        const t0 = performance.now();
        if (variant === "none")
          await graphs.none!.invoke(
            { messages: [...base, new HumanMessage("and on Friday?")] },
            config(crypto.randomUUID()),
          );
        else
          await graphs.postgres!.invoke({ messages: [new HumanMessage("and on Friday?")] }, config(threadId));
        if (i >= 5) times[variant]!.push(performance.now() - t0);
      }
    }
    results.none![size] = median(times.none!);
    results.postgres![size] = median(times.postgres!);
    // A whole turn as the server runs it: ownership, pending check, graph, usage, thread bookkeeping.
    const turnThread = crypto.randomUUID();
    await db.query("INSERT INTO threads (id, user_id) VALUES ($1, $2)", [turnThread, principal.userId]);
    await graphs.postgres!.invoke({ messages: base }, config(turnThread));
    const deps = { graph: graphs.postgres!, db, chatModelName: "offline", readAnswer: () => undefined };
    counter.reset();
    for await (const _ of runTurn(
      deps,
      { threadId: turnThread, message: "and on Friday?" },
      { principal, timeZone: "America/Chicago" },
    )) {
      // drain
    }
    sqlPerTurn = { ...sqlPerTurn, [size]: counter.count() };
  }
  return { label, results, sqlPerTurn };
}

async function main() {
  const targets: { label: string; open: () => Promise<Db> }[] = [
    { label: "PGlite (embedded)", open: () => createDb({ kind: "pglite", dir: "memory://" }) },
  ];
  if (process.env.DATABASE_URL)
    targets.push({
      label: "PostgreSQL",
      open: () => createDb({ kind: "postgres", url: process.env.DATABASE_URL!, max: 4 }),
    });
  const rows: (string | number)[][] = [];
  for (const t of targets) {
    const db = await t.open();
    try {
      if (t.label === "PostgreSQL")
        await db.query(
          "DROP TABLE IF EXISTS checkpoint_writes, checkpoint_blobs, checkpoints, checkpoint_migrations CASCADE",
        );
      await migrate(db);
      const r = await measure(db, t.label);
      for (const size of [2, 200]) {
        const none = r.results.none![size]!;
        const saved = r.results.postgres![size]!;
        rows.push([
          r.label,
          size,
          none.toFixed(2),
          saved.toFixed(2),
          `${(saved / none).toFixed(2)}x`,
          r.sqlPerTurn[size]!,
        ]);
      }
      const growth = r.results.postgres![200]! / r.results.postgres![2]!;
      rows.push([r.label, "200 vs 2", "", "", `${growth.toFixed(2)}x growth`, ""]);
    } finally {
      await db.close();
    }
  }
  const md = `## Conversation checkpointing

\`npm run bench:checkpointer\` (${TURNS} turns per cell after 5 warm-up turns, medians). The model is
an instant scripted one; "without" sends the whole history with each turn and keeps nothing,
"with" keeps the thread in the PostgresSaver on the app's pool with one checkpoint per turn
(\`durability: "exit"\`). SQL statements count everything a whole server turn sends (ownership,
pending confirmation, graph, usage, thread bookkeeping).

${markdownTable(["database", "history", "ms without", "ms with", "with / without", "SQL per turn"], rows)}

${machineLine()}.`;
  console.log(md);
  writeBenchmarkSection("checkpointer", md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
