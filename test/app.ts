import pino from "pino";
import { fixedClock } from "../core/clock.js";
import type { Role } from "../core/principal.js";
import type { Notification } from "../db/notifications.js";
import { createProviderSearch } from "../db/provider-search.js";
import { buildGraph } from "../graph/build.js";
import { createPreferenceStore } from "../memory/preferences.js";
import { OfflineChatModel } from "../models/offline/chat-model.js";
import { type AppDeps, createApp } from "../server/app.js";
import { createAuth } from "../server/auth.js";
import { loadConfig } from "../server/config.js";
import { createTools } from "../tools/index.js";
import type { TestDb } from "./db.js";

function refuse(): never {
  throw new Error("this test app has no chat model; pass `turns` to chat");
}

export const TEST_NOW = new Date("2026-11-30T12:00:00Z"); // a Monday

/**
 * The real app over a test database, with dev auth, a frozen clock and notifications captured.
 * Chat runs the real graph with the given turn runner; without one, its model refuses to answer.
 */
export function createTestApp(db: TestDb, over: Partial<AppDeps> & { env?: Record<string, string> } = {}) {
  const config = loadConfig({ NODE_ENV: "test", ...over.env });
  const clock = fixedClock(TEST_NOW);
  const published: Notification[] = [];
  const auth = createAuth(config);
  const deps: AppDeps = {
    turns: {
      graph: buildGraph({
        models: { chat: new OfflineChatModel({ policy: refuse }) },
        tools: createTools({
          db,
          clock,
          search: createProviderSearch({ db, vector: false }),
          preferences: createPreferenceStore(db),
          notifications: { publish: (n) => published.push(...n) },
          reembedProvider: async () => {},
        }),
        preferences: createPreferenceStore(db),
        clock,
      }),
      db,
      chatModelName: "offline",
      readAnswer: () => undefined,
    },
    config,
    db,
    auth,
    clock,
    search: createProviderSearch({ db, vector: false }),
    notifications: { publish: (n) => published.push(...n) },
    reembedProvider: async () => {},
    logger: pino({ level: "silent" }),
    readiness: [
      {
        name: "database",
        check: async () => {
          await db.query("SELECT 1");
          return undefined;
        },
      },
    ],
    ...over,
  };
  const app = createApp(deps);

  async function tokenFor(
    userId: string,
    role: Role = "consumer",
    extra: Record<string, string> = {},
  ): Promise<string> {
    const res = await app.request("/v1/dev/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId, role, ...extra }),
    });
    if (res.status !== 200) throw new Error(`dev token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }

  /** A JSON request as `token`; returns the status and the parsed body. */
  async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const res = await app.request(path, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        ...opts.headers,
      },
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === "string"
            ? opts.body
            : JSON.stringify(opts.body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    const body: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body, headers: res.headers };
  }

  return { app, deps, clock, published, tokenFor, call };
}
