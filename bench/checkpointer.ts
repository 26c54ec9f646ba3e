/**
 * Per-turn cost of checkpointing a conversation: with the checkpointer vs without, at 2 and at
 * 200 messages of history, and SQL statements per turn. `npm run bench:checkpointer`.
 * The model is an instant scripted one, so that the figures are the checkpointer's, not a model's.
 */
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
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
import { scratchPostgres } from "./scratch-db.js";

type Variant = "none" | "stock" | "ours";
const VARIANTS: readonly Variant[] = ["none", "stock", "ours"];
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
  const stock = new PostgresSaver(db.pool);
  const graphs: Record<Variant, ReturnType<typeof buildGraph>> = {
    none: buildGraph({ models: { chat }, tools, preferences, clock }),
    stock: buildGraph({
      models: { chat },
      tools,
      preferences,
      clock,
      checkpointer: stock as BaseCheckpointSaver,
    }),
    ours: buildGraph({
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
  const results: Record<Variant, Record<number, number>> = { none: {}, stock: {}, ours: {} };
  const sqlPerTurn: Record<Variant, Record<number, number>> = { none: {}, stock: {}, ours: {} };
  for (const size of [2, 200]) {
    // Without a checkpointer the caller sends the whole history each turn; with one, the thread holds it.
    const base = history(size);
    const times: Record<Variant, number[]> = { none: [], stock: [], ours: [] };
    const threads = { stock: crypto.randomUUID(), ours: crypto.randomUUID() };
    await graphs.stock.invoke({ messages: base }, config(threads.stock));
    await graphs.ours.invoke({ messages: base }, config(threads.ours));
    for (let i = 0; i < TURNS + 5; i++) {
      for (const variant of VARIANTS) {
        const t0 = performance.now();
        if (variant === "none")
          await graphs.none.invoke(
            { messages: [...base, new HumanMessage("and on Friday?")] },
            config(crypto.randomUUID()),
          );
        else
          await graphs[variant].invoke(
            { messages: [new HumanMessage("and on Friday?")] },
            config(threads[variant]),
          );
        if (i >= 5) times[variant].push(performance.now() - t0);
      }
    }
    for (const v of VARIANTS) results[v][size] = median(times[v]);
    // A whole turn as the server runs it: ownership, pending check, graph, usage, thread bookkeeping.
    for (const variant of ["stock", "ours"] as const) {
      const turnThread = crypto.randomUUID();
      await db.query("INSERT INTO threads (id, user_id) VALUES ($1, $2)", [turnThread, principal.userId]);
      await graphs[variant].invoke({ messages: base }, config(turnThread));
      const deps = { graph: graphs[variant], db, chatModelName: "offline", readAnswer: () => undefined };
      // A first turn warms this process's message cache, as any turn after the first finds it.
      for await (const _ of runTurn(
        deps,
        { threadId: turnThread, message: "hello again" },
        { principal, timeZone: "America/Chicago" },
      )) {
        // drain
      }
      counter.reset();
      for await (const _ of runTurn(
        deps,
        { threadId: turnThread, message: "and on Friday?" },
        { principal, timeZone: "America/Chicago" },
      )) {
        // drain
      }
      sqlPerTurn[variant][size] = counter.count();
    }
  }
  return { label, results, sqlPerTurn };
}

async function main() {
  const targets: { label: string; open: () => Promise<Db> }[] = [
    { label: "PGlite (embedded)", open: () => createDb({ kind: "pglite", dir: "memory://" }) },
  ];
  if (process.env.DATABASE_URL)
    targets.push({ label: "PostgreSQL", open: () => scratchPostgres(process.env.DATABASE_URL!) });
  const rows: (string | number)[][] = [];
  for (const t of targets) {
    const db = await t.open();
    try {
      await migrate(db);
      const r = await measure(db, t.label);
      for (const size of [2, 200]) {
        const none = r.results.none[size]!;
        const cell = (v: "stock" | "ours") => [
          r.results[v][size]!.toFixed(2),
          `${(r.results[v][size]! / none).toFixed(2)}x`,
          r.sqlPerTurn[v][size]!,
        ];
        rows.push([r.label, size, none.toFixed(2), ...cell("stock"), ...cell("ours")]);
      }
      const growth = (v: "stock" | "ours") => `${(r.results[v][200]! / r.results[v][2]!).toFixed(2)}x`;
      rows.push([
        r.label,
        "200 / 2",
        `${(r.results.none[200]! / r.results.none[2]!).toFixed(2)}x`,
        "",
        growth("stock"),
        "",
        "",
        growth("ours"),
        "",
      ]);
    } finally {
      await db.close();
    }
  }
  const md = `## Conversation checkpointing

\`npm run bench:checkpointer\` (${TURNS} turns per cell after 5 warm-up turns, medians). The model is
an instant scripted one. "without" sends the whole history with each turn and keeps nothing;
"PostgresSaver" is LangGraph's stock Postgres checkpointer; "ours" is \`ConversationSaver\`
(memory/conversation-saver.ts: each message stored once, one statement per checkpoint). Both keep
one checkpoint per turn (\`durability: "exit"\`) on the app's own pool. SQL statements count
everything a whole server turn sends (ownership, pending confirmation, graph, usage, thread
bookkeeping). Aims: at most 4x "without", 200 messages at most 1.5x 2 messages, at most 12
statements per turn.

${markdownTable(
  [
    "database",
    "history",
    "ms without",
    "ms PostgresSaver",
    "vs without",
    "SQL/turn",
    "ms ours",
    "vs without",
    "SQL/turn",
  ],
  rows,
)}

${machineLine()}.`;
  console.log(md);
  writeBenchmarkSection("checkpointer", md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
