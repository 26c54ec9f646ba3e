/**
 * Does the server give back what it takes? The whole server (`composeServer`: PGlite in memory,
 * demo data, offline model, socket.io attached) runs in this process, started with `--expose-gc`,
 * so that the heap can be read after a full collection without any debug endpoint in the app.
 *   1. Heap after 1,000 chat turns vs after 100 (aim ≤ 1.1x), with the trend in between.
 *   2. 500 clients that disconnect mid-stream: how long until open sockets and turns in flight
 *      (`proxie_chat_turns_in_flight`) are back to where they started (aim ≤ 5 s).
 * `npm run bench:hygiene [-- --turns=1000 --baseline=100 --concurrency=8 --disconnects=500 --profile]`.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import { request } from "node:http";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import pino from "pino";
import { composeServer } from "../server/compose.js";
import { loadConfig } from "../server/config.js";
import { sleep } from "./load-child.js";
import { devToken } from "./load-client.js";
import { conversation, runConversation } from "./load-conversations.js";
import { flagArg, loadLine, median, numberArg } from "./load-stats.js";
import { machineLine, markdownTable, writeBenchmarkSection } from "./report.js";
import { summariseProfile } from "./transport-profile.js";

const TURNS = numberArg("turns", 1000);
const BASELINE = numberArg("baseline", 100);
const STEP = numberArg("step", 100);
const CONCURRENCY = numberArg("concurrency", 8);
const DISCONNECTS = numberArg("disconnects", 500);
const SETTLE_LIMIT_S = numberArg("settle-limit", 30);
const PROFILE = flagArg("profile");
const WRITE = !flagArg("no-write");

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap after full collections, once finalizers and weak references had their turn. */
async function settledMemory() {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Hands out turns in phases: workers wait for the next `raise`, so that the heap is read between turns. */
function turnGate() {
  let issued = 0;
  let limit = 0;
  let completed = 0;
  let stopped = false;
  const waiting: (() => void)[] = [];
  let onCompleted: (() => void) | undefined;
  return {
    async take(): Promise<boolean> {
      while (!stopped && issued >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      if (stopped) return false;
      issued++;
      return true;
    },
    done() {
      completed++;
      onCompleted?.();
    },
    /** Lets `to - issued` more turns run and resolves when every turn issued so far has ended. */
    async runUntil(to: number) {
      limit = to;
      for (const w of waiting.splice(0)) w();
      await new Promise<void>((resolve) => {
        onCompleted = () => {
          if (completed >= limit) resolve();
        };
        onCompleted();
      });
    },
    stop() {
      stopped = true;
      for (const w of waiting.splice(0)) w();
    },
  };
}

interface DisconnectStats {
  disconnected: number;
  finishedFirst: number;
  failed: Map<string, number>;
  afterEvents: number[];
  lastDisconnectAt: number;
}

/** A client that reads `afterEvents` SSE events of a turn, then drops the connection. */
function disconnectingClient(url: string, token: string, afterEvents: number, stats: DisconnectStats) {
  return new Promise<void>((resolve) => {
    const body = JSON.stringify({ message: "I need a fade tomorrow after 5 near 78704" });
    const req = request(
      `${url}/v1/chat`,
      {
        method: "POST",
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          accept: "text/event-stream",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          stats.failed.set(`HTTP ${res.statusCode}`, (stats.failed.get(`HTTP ${res.statusCode}`) ?? 0) + 1);
          res.resume();
          res.on("end", resolve);
          return;
        }
        let events = 0;
        res.on("data", (chunk: Buffer) => {
          for (let i = chunk.indexOf("\n\n"); i >= 0; i = chunk.indexOf("\n\n", i + 2)) events++;
          if (events >= afterEvents && !req.destroyed) {
            req.destroy();
            stats.disconnected++;
            stats.afterEvents.push(events);
            stats.lastDisconnectAt = performance.now();
            resolve();
          }
        });
        res.on("end", () => {
          if (!req.destroyed) stats.finishedFirst++;
          resolve();
        });
        res.on("error", () => resolve());
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (req.destroyed && stats.afterEvents.length) return resolve();
      stats.failed.set(err.code ?? err.message, (stats.failed.get(err.code ?? err.message) ?? 0) + 1);
      resolve();
    });
    req.end(body);
  });
}

async function main() {
  if (!gc) throw new Error("run with node --expose-gc (npm run bench:hygiene does)");
  const loadBefore = loadLine();
  const t0 = performance.now();
  const config = loadConfig({
    NODE_ENV: "development",
    PORT: "0",
    HOST: "127.0.0.1",
    PGLITE_DIR: "memory://",
    SEED_DEMO: "true",
    MODEL_PROVIDER: "offline",
    AUTH_MODE: "dev",
    RATE_LIMIT_PER_MINUTE: "1000000",
    LOG_LEVEL: "warn",
  });
  const logger = pino({ level: "warn" });
  const composed = await composeServer(config, { logger });
  const server = serve({
    fetch: composed.app.fetch,
    port: 0,
    hostname: "127.0.0.1",
  }) as unknown as HttpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  composed.attachRealtime(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.error(`hygiene: server up in ${((performance.now() - t0) / 1000).toFixed(0)} s; ${loadBefore}`);

  const inFlight = async () => (await composed.metrics.turnsInFlight.get()).values[0]?.value ?? 0;
  const connections = () =>
    new Promise<number>((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));

  // 1. Heap over turns.
  const runId = `h${process.pid}${Date.now().toString(36)}`;
  const gate = turnGate();
  let next = 0;
  const errors = new Map<string, number>();
  const worker = async () => {
    for (;;) {
      const n = next++;
      const c = conversation(n, runId, 0.35);
      const token = await devToken(url, { ...c.user, role: "consumer" });
      let ended = false;
      await runConversation(url, token, c, {
        turnTimeoutMs: 300_000,
        beforeTurn: async () => {
          ended = !(await gate.take());
          return !ended;
        },
        afterTurn: (t) => {
          if (t.error) errors.set(t.error, (errors.get(t.error) ?? 0) + 1);
          gate.done();
        },
      });
      if (ended) return;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  const samples: { turns: number; heap: number; rss: number; external: number; seconds: number }[] = [];
  const checkpoints = [BASELINE];
  for (let k = Math.ceil((BASELINE + 1) / STEP) * STEP; k <= TURNS; k += STEP) checkpoints.push(k);
  if (checkpoints.at(-1) !== TURNS) checkpoints.push(TURNS);
  const phase0 = performance.now();
  for (const k of checkpoints) {
    await gate.runUntil(k);
    const m = await settledMemory();
    samples.push({
      turns: k,
      heap: m.heapUsed,
      rss: m.rss,
      external: m.external,
      seconds: (performance.now() - phase0) / 1000,
    });
    console.error(`  after ${k} turns: heap ${mb(m.heapUsed)} MB, rss ${mb(m.rss)} MB`);
  }
  gate.stop();
  await Promise.all(workers);
  const base = samples[0]!;
  const last = samples.at(-1)!;
  const heapRatio = last.heap / base.heap;

  // 2. Clients that go away mid-stream.
  await sleep(6_000); // idle keep-alive sockets of the turns above time out (5 s on the server)
  const start = { connections: await connections(), inFlight: await inFlight() };
  const dropToken = await devToken(url, { userId: `${runId}-dropper`, role: "consumer", zip: "78704" });
  const stats: DisconnectStats = {
    disconnected: 0,
    finishedFirst: 0,
    failed: new Map(),
    afterEvents: [],
    lastDisconnectAt: 0,
  };
  const dropStart = performance.now();
  // Each drops after 1 to 8 events: before the search, during it, or while tokens stream.
  await Promise.all(
    Array.from({ length: DISCONNECTS }, (_, i) => disconnectingClient(url, dropToken, 1 + (i % 8), stats)),
  );
  const allGone = performance.now();
  const peak = { connections: await connections(), inFlight: await inFlight() };
  let socketsBackMs: number | undefined;
  let runsBackMs: number | undefined;
  while (
    (socketsBackMs === undefined || runsBackMs === undefined) &&
    performance.now() - allGone < SETTLE_LIMIT_S * 1000
  ) {
    const now = performance.now();
    if (socketsBackMs === undefined && (await connections()) <= start.connections)
      socketsBackMs = now - allGone;
    if (runsBackMs === undefined && (await inFlight()) <= start.inFlight) runsBackMs = now - allGone;
    await sleep(10);
  }
  const end = { connections: await connections(), inFlight: await inFlight() };

  // 3. Optional: where a turn's CPU goes, over more turns of the same kind.
  let profileMd = "";
  if (PROFILE) profileMd = await profileTurns(url, runId);

  composed.startDraining();
  server.close();
  await composed.close();

  const ok = (b: boolean) => (b ? "met" : "not met");
  const within = (x: number | undefined) => x !== undefined && x <= 5000;
  const show = (x: number | undefined) =>
    x === undefined ? `not within ${SETTLE_LIMIT_S} s` : `${x.toFixed(0)} ms`;
  const md = `## Hygiene: memory over turns, clean-up after disconnects

\`npm run bench:hygiene\`: the whole server (\`composeServer\`: PGlite in memory, demo data, offline model,
socket.io attached) in the bench process, run with \`--expose-gc\`; heap is \`heapUsed\` after four full
collections. Turns are the load bench's conversations (bookings and browses, a new user each), ${CONCURRENCY} at
a time, paused at each checkpoint so that none is in flight when the heap is read. Aims: heap after
${TURNS} turns ≤ 1.1x heap after ${BASELINE}; after ${DISCONNECTS} clients disconnect mid-stream, open sockets and turns
in flight back to their starting count within 5 s.

${markdownTable(
  ["after turns", "heap MB", "vs first", "RSS MB", "external MB", "s since first turn"],
  samples.map((s) => [
    s.turns,
    mb(s.heap),
    `${(s.heap / base.heap).toFixed(2)}x`,
    mb(s.rss),
    mb(s.external),
    s.seconds.toFixed(0),
  ]),
)}

**Heap after ${TURNS} turns / after ${BASELINE}: ${heapRatio.toFixed(2)}x** (aim ≤ 1.1x: ${ok(heapRatio <= 1.1)}).
Turn errors: ${errors.size ? [...errors].map(([k, v]) => `${k}: ${v}`).join(", ") : "none"}.

${markdownTable(
  ["", "open sockets", "turns in flight"],
  [
    ["before the clients", start.connections, start.inFlight],
    ["when the last one had gone", peak.connections, peak.inFlight],
    [`back to the start after`, show(socketsBackMs), show(runsBackMs)],
    [`at the end`, end.connections, end.inFlight],
  ],
)}

${DISCONNECTS} clients (one user, new conversations) each sent a turn and dropped the connection after 1 to 8
events (median ${median(stats.afterEvents)}); ${stats.disconnected} dropped mid-stream, ${stats.finishedFirst} got their whole turn
first, ${[...stats.failed].map(([k, v]) => `${v} failed (${k})`).join(", ") || "none failed"}. The last one was gone
${((allGone - dropStart) / 1000).toFixed(1)} s after the first was sent. Times run from the last disconnect
(aim ≤ 5 s: sockets ${ok(within(socketsBackMs))}, turns in flight ${ok(within(runsBackMs))}).

${profileMd ? `${profileMd}\n\n` : ""}${machineLine()}; ${loadBefore} at the start, ${loadLine()} at the end.`;
  console.log(md);
  if (WRITE) writeBenchmarkSection("hygiene", md);
  process.exit(0);
}

/** A V8 CPU profile of 100 more turns (4 at a time), summarised by owner. */
async function profileTurns(url: string, runId: string): Promise<string> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  let next = 10_000;
  let turns = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (turns < 100) {
        const c = conversation(next++, runId, 0.35);
        const token = await devToken(url, { ...c.user, role: "consumer" });
        const r = await runConversation(url, token, c, { turnTimeoutMs: 300_000 });
        turns += r.turns.length;
      }
    }),
  );
  const wall = performance.now() - started;
  const { profile } = await session.post("Profiler.stop");
  const dir = mkdtempSync(join(tmpdir(), "proxie-hygiene-prof-"));
  writeFileSync(join(dir, "turns.cpuprofile"), JSON.stringify(profile));
  const s = summariseProfile(dir, 25);
  rmSync(dir, { recursive: true, force: true });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `### Where a turn's CPU goes (\`--profile\`: ${turns} turns, PGlite, offline model, bench clients included)

${(s.totalMs / turns).toFixed(0)} ms of main-thread CPU per turn (${(wall / turns).toFixed(0)} ms wall per turn, 4 at a time).

${markdownTable(
  ["owner", "share"],
  s.byOwner.slice(0, 15).map((o) => [o.owner, pct(o.share)]),
)}

${markdownTable(
  ["function", "owner", "share"],
  s.byFunction.slice(0, 15).map((f) => [f.name.replace(/\|/g, "\\|"), f.owner, pct(f.share)]),
)}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
