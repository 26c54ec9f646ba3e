import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import pino from "pino";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import type { Db } from "../../db/pool.js";
import { composeServer } from "../../server/compose.js";
import { loadConfig } from "../../server/config.js";
import { PGLITE_TEMPLATE_DIR, ROOT } from "../../test/templates.js";
import { buildUi } from "../build.js";

/** Where the screenshots of the main screens go (gitignored). */
export const SCREENSHOTS = join(ROOT, "test-results", "ui");

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH; undefined when neither is there. */
export function findChromium(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : undefined;
  try {
    const found = execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/** Flags for a browser on a machine with no network: nothing may phone home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  // playwright-core never downloads a browser: it drives the one it is given.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

export interface TestServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/**
 * The real server as `npm start` composes it (offline models, dev auth, socket.io) on a PGlite
 * database of its own, copied from the migrated test template and seeded with the demo
 * marketplace, listening on a free port, with the web app built (when stale).
 */
export async function startServer(): Promise<TestServer> {
  await buildUi({ log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), "proxie-ui-e2e-"));
  cpSync(PGLITE_TEMPLATE_DIR, dir, { recursive: true });
  // An explicit environment: the PGlite database even when CI points the other tests at PostgreSQL.
  const config = loadConfig({ NODE_ENV: "test", PGLITE_DIR: dir, SEED_DEMO: "true", LOG_LEVEL: "warn" });
  const composed = await composeServer(config, { logger: pino({ level: "silent" }) });
  const server = serve({ fetch: composed.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  composed.attachRealtime(server as unknown as HttpServer);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db: composed.db,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // socket.io's open connections would keep close() waiting.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await composed.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser context of its own (its own sessionStorage): one per signed-in user. */
export async function newUser(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
  context.setDefaultTimeout(20_000);
  return context;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
