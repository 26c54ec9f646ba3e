import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { signJwt } from "@clerk/backend/jwt";
import { createParser } from "eventsource-parser";
import { Redis } from "ioredis";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import type { Role } from "../core/principal.js";
import { PG_TEMPLATE_DB, ROOT, withDatabase } from "./templates.js";

/**
 * A real server process, `node --import tsx server/main.ts` (or `entry`, e.g. the compiled
 * `dist/server/main.js` the image runs): its own environment (nothing inherited but PATH and
 * HOME), JSON logs, a port of its own choosing.
 */
export interface Replica {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

export async function startReplica(
  name: string,
  env: Record<string, string>,
  entry: string[] = ["--import", "tsx", "server/main.ts"],
): Promise<Replica> {
  const proc = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  let buffered = "";
  proc.stdout!.on("data", (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  proc.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 90 s\n${stderr}`)), 90_000);
    const poll = setInterval(() => {
      const line = logs.find((l) => l.msg === "Proxie is listening");
      if (line) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(String(line.url).replace("localhost", "127.0.0.1"));
      }
    }, 25);
    void exited.then(({ code }) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening\n${stderr}`));
    });
  });
  return {
    name,
    url,
    pid: proc.pid!,
    proc,
    logs,
    exited,
    kill: (signal = "SIGTERM") => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    },
  };
}

/**
 * Tokens for replicas in Clerk mode: one key pair for the whole deployment, as with Clerk itself.
 * (Dev tokens are signed by a key each process makes at start, so they do not cross replicas.)
 */
/**
 * What every test replica shares besides its database: the fake OpenAI endpoint as its model, the
 * offline embeddings, and Clerk tokens signed by `keys`.
 */
export function replicaModelEnv(
  modelBaseUrl: string,
  keys: { publicKeyPem: string },
): Record<string, string> {
  return {
    MODEL_PROVIDER: "openai",
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: modelBaseUrl,
    EMBEDDING_MODEL: "offline-glove-100",
    CLERK_JWT_KEY: keys.publicKeyPem,
  };
}

export function clerkKeys() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JsonWebKey;
  return {
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    async sign(userId: string, role: Role = "consumer"): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      return signJwt({ sub: userId, iat: now, nbf: now - 5, exp: now + 3600, metadata: { role } }, jwk, {
        algorithm: "RS256",
        header: { typ: "JWT", kid: "test" },
      });
    },
  };
}

/** A fresh, migrated PostgreSQL database of the test's own (a copy of the test template). */
export async function createPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `proxie_replicas_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(url, `CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
  return {
    url: withDatabase(url, name),
    drop: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Removes what replicas left in Redis under their prefix (BullMQ's schedulers and streams stay otherwise). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** A JSON call to a replica. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (metrics, SSE): the text itself.
  }
  return { status: res.status, body, headers: res.headers };
}

/** Polls until `probe` returns something other than undefined. */
export async function eventually<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() - t0 > ms)
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One sample of a metric from a Prometheus text page. */
export function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** A whole SSE turn: its events, or what arrived before the stream broke. */
export async function chatTurn(
  url: string,
  token: string,
  body: unknown,
  onEvent?: (e: { event: string; data: Record<string, unknown> }) => void,
) {
  const res = await fetch(`${url}/v1/chat`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    // A turn that never ends fails here, named, rather than as the test's own timeout.
    signal: AbortSignal.timeout(20_000),
  });
  if (!res.headers.get("content-type")?.startsWith("text/event-stream"))
    return { status: res.status, events: [], body: await res.json(), broken: false };
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const parser = createParser({
    onEvent: (m) => {
      const e = { event: m.event ?? "message", data: JSON.parse(m.data) as Record<string, unknown> };
      events.push(e);
      onEvent?.(e);
    },
  });
  const decoder = new TextDecoder();
  let broken = false;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
      parser.feed(decoder.decode(chunk, { stream: true }));
  } catch (err) {
    if ((err as Error).name === "TimeoutError")
      throw new Error(`a chat turn on ${url} did not end within 20 s`);
    // The server went away mid-stream: what arrived is what the client has.
    broken = true;
  }
  return { status: res.status, events, body: undefined, broken };
}

/** The next day, two or more days ahead, on which a Monday-to-Saturday provider works. */
export function workingDay(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A socket.io client of a replica, connected (over WebSocket, without reconnecting) before it is returned. */
export async function connectedSocket(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
