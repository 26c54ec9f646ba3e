/**
 * Many conversations at once against the real server (`server/main.ts` in a child process, the
 * offline model, demo data): on the embedded database (PGlite in memory) and on PostgreSQL + Redis
 * (a scratch database of this machine's server). Each conversation is a booking (search → pick →
 * approve) or a browse, by a user of its own, each turn sent when the previous one ended.
 * `npm run bench:load [-- --conversations=200 --targets=pglite,postgres --browse-share=0.35]`.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { Redis } from "ioredis";
import {
  cpuSeconds,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  freePort,
  startChildServer,
} from "./load-child.js";
import { devToken, type TurnResult } from "./load-client.js";
import { type BookingOutcome, conversation, runConversation, transcript } from "./load-conversations.js";
import { flagArg, loadLine, ms, numberArg, quantile, stringArg } from "./load-stats.js";
import { machineLine, markdownTable, writeBenchmarkSection } from "./report.js";
import { scratchDatabase } from "./scratch-db.js";

const CONVERSATIONS = numberArg("conversations", 200);
/** Conversations run one at a time before the concurrent ones: the unloaded baseline of the same run. */
const BASELINE_CONVERSATIONS = numberArg("baseline-conversations", 5);
const BROWSE_SHARE = numberArg("browse-share", 0.35);
const THINK_MS = numberArg("think-ms", 0);
const TURN_TIMEOUT_MS = numberArg("turn-timeout-ms", 180_000);
const TARGETS = (stringArg("targets") ?? "pglite,postgres").split(",").filter(Boolean);
const WRITE = !flagArg("no-write");
const TRANSCRIPTS = stringArg("transcripts");

interface TargetResult {
  label: string;
  turns: TurnResult[];
  /** The same server's turns with one conversation at a time, before the load. */
  baseline: { turns: TurnResult[]; wallSeconds: number };
  wallSeconds: number;
  outcomes: Map<BookingOutcome, number>;
  kinds: Map<string, number>;
  serverCpuSeconds: number;
  serverPeakRssMb: number;
  serverErrorsLogged: number;
  logFile: string;
  setupSeconds: number;
}

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function runTarget(target: string, runId: string): Promise<TargetResult> {
  const t0 = performance.now();
  const port = await freePort();
  const base: Record<string, string> = {
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "development",
    AUTH_MODE: "dev",
    MODEL_PROVIDER: "offline",
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
    RATE_LIMIT_PER_MINUTE: "1000000",
    LANGSMITH_TRACING: "false",
    OTEL_EXPORTER_OTLP_ENDPOINT: "",
    CORS_ORIGINS: "",
  };
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  const prefix = `proxie-bench-${runId}:`;
  let env: Record<string, string>;
  let label: string;
  if (target === "pglite") {
    env = { ...base, PGLITE_DIR: "memory://", DATABASE_URL: "", REDIS_URL: "" };
    label = "PGlite (in memory), no Redis";
  } else if (target === "postgres") {
    scratch = await scratchDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    env = {
      ...base,
      DATABASE_URL: scratch.url,
      REDIS_URL: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
    };
    label = "PostgreSQL 15 + Redis 7 (local)";
  } else throw new Error(`unknown target ${target}: pglite or postgres`);

  const server = await startChildServer({
    script: "server/main.ts",
    env,
    ready: { kind: "readyz", port },
    timeoutMs: 600_000,
    label: `load-${target}`,
  });
  try {
    const conversations = Array.from({ length: CONVERSATIONS }, (_, n) =>
      conversation(n, runId, BROWSE_SHARE),
    );
    // Sign everyone in first (a handful at a time), so that the clock measures chat only.
    const tokens: string[] = [];
    for (let i = 0; i < conversations.length; i += 20) {
      const batch = conversations.slice(i, i + 20);
      tokens.push(
        ...(await Promise.all(batch.map((c) => devToken(server.url, { ...c.user, role: "consumer" })))),
      );
    }
    const baseline = await runBaseline(server.url, runId);
    const setupSeconds = (performance.now() - t0) / 1000;
    console.error(`  ${label}: ready in ${setupSeconds.toFixed(0)} s; ${CONVERSATIONS} conversations start`);
    const cpu0 = cpuSeconds(server.pid);
    const start = performance.now();
    let done = 0;
    const progress = setInterval(() => {
      console.error(
        `    ${done}/${CONVERSATIONS} conversations done, ${((performance.now() - start) / 1000).toFixed(0)} s`,
      );
    }, 15_000);
    const results = await Promise.all(
      conversations.map(async (c, i) => {
        const r = await runConversation(server.url, tokens[i]!, c, {
          turnTimeoutMs: TURN_TIMEOUT_MS,
          thinkMs: THINK_MS,
        });
        done++;
        return r;
      }),
    );
    clearInterval(progress);
    if (TRANSCRIPTS)
      appendFileSync(
        TRANSCRIPTS,
        `# ${label}\n${results.flatMap((r, i) => [`[${r.outcome ?? "browse"}]`, ...transcript(conversations[i]!, r)]).join("\n")}\n`,
      );
    const wallSeconds = (performance.now() - start) / 1000;
    const serverCpuSeconds = cpuSeconds(server.pid) - cpu0;
    const outcomes = new Map<BookingOutcome, number>();
    for (const r of results) if (r.outcome) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    const kinds = new Map<string, number>();
    for (const c of conversations) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    return {
      label,
      turns: results.flatMap((r) => r.turns),
      baseline,
      wallSeconds,
      outcomes,
      kinds,
      serverCpuSeconds,
      serverPeakRssMb: peakRssMb(server.pid),
      serverErrorsLogged: 0,
      logFile: server.logFile,
      setupSeconds,
    };
  } finally {
    await server.stop();
    await scratch?.drop();
    if (target === "postgres") await dropKeys(process.env.REDIS_URL ?? DEFAULT_REDIS_URL, prefix);
  }
}

/**
 * A few conversations one after another (numbered after the concurrent ones, so users differ): what
 * a turn costs on this server when nothing else runs, to compare the loaded figures with.
 */
async function runBaseline(url: string, runId: string): Promise<TargetResult["baseline"]> {
  // One more conversation first, unmeasured: the server's first turns compile the code they run.
  const conversations = Array.from({ length: BASELINE_CONVERSATIONS + 1 }, (_, i) =>
    conversation(CONVERSATIONS + i, runId, BROWSE_SHARE),
  );
  const tokens = await Promise.all(conversations.map((c) => devToken(url, { ...c.user, role: "consumer" })));
  const turns: TurnResult[] = [];
  let start = performance.now();
  for (const [i, c] of conversations.entries()) {
    const r = await runConversation(url, tokens[i]!, c, { turnTimeoutMs: TURN_TIMEOUT_MS });
    if (i === 0) start = performance.now();
    else turns.push(...r.turns);
  }
  return { turns, wallSeconds: (performance.now() - start) / 1000 };
}

/** Removes this run's Redis keys (rate-limit counters, locks, cached vectors). */
async function dropKeys(url: string, prefix: string) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** Error and fatal lines (pino levels 50 and 60) the server logged, and the first of them. */
function serverErrors(logFile: string): { count: number; first?: string } {
  const lines = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => /"level":(50|60)/.test(l));
  return { count: lines.length, ...(lines[0] ? { first: lines[0].slice(0, 400) } : {}) };
}

/** The turns that succeeded, with their times to first token and durations. */
function figures(turns: TurnResult[]) {
  const ok = turns.filter((t) => !t.error);
  return {
    ok,
    ttft: ok.flatMap((t) => (t.ttftMs === null ? [] : [t.ttftMs])),
    dur: ok.map((t) => t.durationMs),
  };
}

function count<T>(xs: T[]): string {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
}

async function main() {
  const runId = `${process.pid}${Date.now().toString(36)}`;
  const loadBefore = loadLine();
  console.error(`load: ${CONVERSATIONS} concurrent conversations on ${TARGETS.join(", ")}; ${loadBefore}`);
  const results: TargetResult[] = [];
  for (const t of TARGETS) {
    const r = await runTarget(t, runId);
    const logged = serverErrors(r.logFile);
    r.serverErrorsLogged = logged.count;
    if (logged.first) console.error(`  first server error logged: ${logged.first}`);
    results.push(r);
  }
  const rows = results.map((r) => {
    const { ok, ttft, dur } = figures(r.turns);
    return [
      r.label,
      r.turns.length,
      (ok.length / r.wallSeconds).toFixed(1),
      ms(quantile(ttft, 0.5)),
      ms(quantile(ttft, 0.95)),
      ms(quantile(dur, 0.5)),
      ms(quantile(dur, 0.95)),
      ms(Math.max(...dur)),
      count(r.turns.flatMap((t) => (t.error ? [t.error] : []))),
      r.wallSeconds.toFixed(0),
      ((r.serverCpuSeconds / Math.max(1, ok.length)) * 1000).toFixed(0),
      r.serverPeakRssMb.toFixed(0),
      r.serverErrorsLogged,
    ];
  });
  const outcomeRows = results.map((r) => [
    r.label,
    count([...r.kinds].flatMap(([k, v]) => Array<string>(v).fill(k))),
    ...(["booked", "not booked (tool said no)", "no confirmation offered", "failed turn"] as const).map(
      (o) => r.outcomes.get(o) ?? 0,
    ),
  ]);
  const baselineRows = results.map((r) => {
    const loaded = figures(r.turns);
    const alone = figures(r.baseline.turns);
    const aloneRate = alone.ok.length / r.baseline.wallSeconds;
    const loadedRate = loaded.ok.length / r.wallSeconds;
    const x = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}x` : "–");
    return [
      r.label,
      r.baseline.turns.length,
      aloneRate.toFixed(1),
      ms(quantile(alone.ttft, 0.5)),
      ms(quantile(alone.dur, 0.5)),
      count(r.baseline.turns.flatMap((t) => (t.error ? [t.error] : []))),
      x(loadedRate, aloneRate),
      x(quantile(loaded.ttft, 0.5), quantile(alone.ttft, 0.5)),
      x(quantile(loaded.dur, 0.5), quantile(alone.dur, 0.5)),
    ];
  });
  const errorTotal = results.reduce(
    (n, r) => n + r.turns.filter((t) => t.error).length + r.serverErrorsLogged,
    0,
  );
  const md = `## Load: ${CONVERSATIONS} concurrent conversations

\`npm run bench:load\`: the real server (\`server/main.ts\`, a child process: offline model, demo data,
dev tokens, rate limit raised out of the way) and ${CONVERSATIONS} conversations at once from the bench
process, each by a user of its own (zips of the demo metros), each turn sent as soon as the previous one
ended (no think time${THINK_MS ? ` but ${THINK_MS} ms` : ""}). A booking is search → pick an option → approve
(half with the confirmation's resume, half by typing yes); a browse (${Math.round(BROWSE_SHARE * 100)}%) is
search → another day or price → bookings or goodbye. Time to first token runs from sending the request to
the first \`token\` event; turns/s counts completed turns over the wall time of the whole run. Aim: zero
errors (a 409 would mean double-texting, which these clients never do).

${markdownTable(
  [
    "database",
    "turns",
    "turns/s",
    "ms TTFT p50",
    "ms TTFT p95",
    "ms/turn p50",
    "ms/turn p95",
    "ms/turn max",
    "errors by code",
    "wall s",
    "server CPU ms/turn",
    "server peak RSS MB",
    "server errors logged",
  ],
  rows,
)}

**Errors: ${errorTotal}** (failed turns plus error lines in the server logs, all databases; aim zero:
${errorTotal === 0 ? "met" : "not met"}).

Same-run baseline: before the load, the same server ran ${BASELINE_CONVERSATIONS} conversations of the same kind one at a
time (no other client), after one unmeasured warm-up conversation.
The last three columns are the loaded figures above divided by these: turns/s
shows how much the server gains from concurrency (2 cores, shared with the load generator and other
work on the machine), the latencies how much of a loaded turn is queueing.

${markdownTable(
  [
    "database",
    "turns alone",
    "turns/s alone",
    "ms TTFT p50 alone",
    "ms/turn p50 alone",
    "errors alone",
    "turns/s loaded / alone",
    "TTFT p50 loaded / alone",
    "ms/turn p50 loaded / alone",
  ],
  baselineRows,
)}

What the conversations ended with (a "no" from the booking tool is the model's business, such as a slot
taken a moment earlier by another of the ${CONVERSATIONS} users; it is not an error of the server). Read from
\`--transcripts=<file>\`: "no confirmation offered" is mostly the same race one turn earlier (the pick's
booking attempt finds the slot just taken and the model offers other times), or no provider free at the
asked time, or "the second one" when only one was listed:

${markdownTable(
  ["database", "conversations", "booked", "booking tool said no", "no confirmation offered", "failed turn"],
  outcomeRows,
)}

${machineLine()}; ${loadBefore} at the start, ${loadLine()} at the end.`;
  console.log(md);
  if (WRITE) writeBenchmarkSection("load", md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
