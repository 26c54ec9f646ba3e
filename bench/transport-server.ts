/**
 * One side of the transport benchmark, run as a child process by bench/transport.ts:
 * `--variant=ours` is the real app (`createApp`: request id, logging, tracing, metrics, secure
 * headers, body limit, dev-token auth, rate limit, zod validation, the chat service's query for the
 * user's time zone and spend, SSE framing) with the turn runner swapped for the scripted
 * one; `--variant=raw` is a plain `node:http` handler that reads the body and writes the same events
 * from the same generator. Prints one JSON line, `{"port":…,"token":…}`, once listening.
 */

import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type { Principal } from "../core/principal.js";
import type { Db } from "../db/pool.js";
import type { ProxieGraph } from "../graph/build.js";
import type { ChatDeps } from "../server/routes/chat.js";
import { DEFAULT_DATABASE_URL } from "./load-child.js";
import { stringArg } from "./load-stats.js";
import { scratchDatabase } from "./scratch-db.js";
import { scriptedRunTurn } from "./transport-events.js";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/** The raw side: reads and parses the body, then writes each event with `res.write`. */
export function rawHandler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { message?: string };
    if (!req.headers.authorization || !body.message) {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, SSE_HEADERS);
    for await (const e of scriptedRunTurn(undefined, body)) {
      const { type, ...data } = e;
      res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    }
    res.end();
  });
}

function rawServer(): Server {
  return createServer(rawHandler);
}

export type DbChoice = "memory" | "pglite" | "postgres";

/**
 * The statement a turn sends before its first event (the user's time zone and the spend so far),
 * answered from memory: with it the figures are the HTTP and SSE layers' alone.
 */
function memoryDb(): Db {
  return {
    engine: "postgres",
    pool: undefined as unknown as Db["pool"],
    async query<R extends object>(text: string) {
      const rows: object[] = text.startsWith("SELECT z.tz AS time_zone")
        ? [{ time_zone: "America/Chicago", thread: null, user_today: null }]
        : [];
      return { rows: rows as R[], rowCount: rows.length };
    },
    transaction: (fn) => fn(memoryDb()),
    close: async () => {},
  };
}

async function openDb(choice: DbChoice): Promise<Db> {
  if (choice === "memory") return memoryDb();
  const { migrate } = await import("../db/migrate.js");
  const { createDb } = await import("../db/pool.js");
  if (choice === "pglite") {
    const db = await createDb({ kind: "pglite", dir: "memory://" });
    await migrate(db);
    return db;
  }
  // The server's own pool size (10), on a database of the bench's own, dropped at exit.
  const scratch = await scratchDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const db = await createDb({ kind: "postgres", url: scratch.url });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

/**
 * `full`: the app as served (`createApp`). `transport`: the same chat route, chat service and SSE
 * writer, mounted behind the direct-response middleware alone, with the caller's principal set
 * directly: none of the request features (request id, log, tracing and metrics of the request,
 * secure headers, body limit, token check, rate limit). The two together tell the cost of the
 * transport itself from that of the features on the way to it.
 */
export type OursShape = "full" | "transport";

async function oursServer(
  choice: DbChoice,
  shape: OursShape,
): Promise<{ server: Server; token: string; db: Db }> {
  // Imported here so that the raw variant's process loads none of the app.
  const { serve } = await import("@hono/node-server");
  const { fetch, token, db } = await oursApp(choice, shape);
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }) as unknown as Server;
  return { server, token, db };
}

/** Our app as the bench serves it, with a token for its caller, not yet listening. */
export async function oursApp(
  choice: DbChoice,
  shape: OursShape,
): Promise<{
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  token: string;
  db: Db;
}> {
  const { systemClock } = await import("../core/clock.js");
  const { createProviderSearch } = await import("../db/provider-search.js");
  const { createApp } = await import("../server/app.js");
  const { createAuth } = await import("../server/auth.js");
  const { loadConfig } = await import("../server/config.js");
  const { createLogger, logDestination } = await import("../server/logger.js");
  const config = loadConfig({
    NODE_ENV: "development",
    RATE_LIMIT_PER_MINUTE: "100000000",
    LOG_LEVEL: "info",
  });
  const db = await openDb(choice);
  const auth = createAuth(config);
  // Request logs are written as in production (server/logger.ts), to a file that discards them.
  const logger = createLogger(config, { destination: logDestination("/dev/null") });
  const deps = {
    config,
    db,
    auth,
    clock: systemClock,
    search: createProviderSearch({ db, vector: false }),
    notifications: { publish() {} },
    reembedProvider: async () => {},
    logger,
    turns: {
      graph: undefined as unknown as ProxieGraph,
      db,
      chatModelName: "scripted",
      readAnswer: () => undefined,
    },
    runTurn: scriptedRunTurn,
    readiness: [],
  };
  const principal = { userId: "bench-transport", role: "consumer" as const };
  const token = await auth.issueDevToken!(principal);
  const fetch = shape === "full" ? createApp(deps).fetch : (await transportOnly(deps, principal)).fetch;
  return { fetch, token, db };
}

async function transportOnly(
  deps: Omit<ChatDeps, "metrics" | "locks">,
  principal: Principal,
): Promise<{ fetch: (request: Request) => Response | Promise<Response> }> {
  const { createRouter } = await import("../server/router.js");
  const { directResponses } = await import("../server/middleware/direct-response.js");
  const { chatRoutes } = await import("../server/routes/chat.js");
  const { memoryThreadLocks } = await import("../server/chat-service.js");
  const { createMetrics } = await import("../server/metrics.js");
  const app = createRouter();
  app.use(directResponses());
  app.use(async (c, next) => {
    c.set("principal", { ...principal, expiresAt: new Date(Date.now() + 3_600_000) });
    await next();
  });
  app.route("/", chatRoutes({ ...deps, metrics: createMetrics(), locks: memoryThreadLocks() }));
  return app;
}

/**
 * With `--profile=<file>`, SIGUSR2 starts V8's CPU profiler (after the bench's warm-up, so that
 * start-up is left out) and SIGTERM writes the profile before exiting.
 */
function profileOnSignal(file: string | undefined) {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  let started = false;
  process.on("SIGUSR2", () => {
    started = true;
    void session.post("Profiler.enable").then(() => session.post("Profiler.start"));
  });
  return async () => {
    if (!started) return;
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
  };
}

async function main() {
  const variant = stringArg("variant");
  if (variant !== "ours" && variant !== "raw") throw new Error("--variant=ours|raw");
  const shape = (stringArg("shape") ?? "full") as OursShape;
  if (!["full", "transport"].includes(shape)) throw new Error("--shape=full|transport");
  const dbChoice = (stringArg("db") ?? "memory") as DbChoice;
  if (!["memory", "pglite", "postgres"].includes(dbChoice)) throw new Error("--db=memory|pglite|postgres");
  const stopProfile = profileOnSignal(stringArg("profile"));
  const { server, token, db } =
    variant === "raw"
      ? { server: rawServer().listen(0, "127.0.0.1"), token: "raw", db: undefined }
      : await oursServer(dbChoice, shape);
  if (!server.listening) await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port, token })}\n`);
  process.on("SIGTERM", async () => {
    await stopProfile();
    server.closeAllConnections();
    await db?.close();
    process.exit(0);
  });
}

// Run as a child process by bench/transport.ts; bench/transport-cpu.ts imports it instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
