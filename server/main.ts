import type { Server as HttpServer } from "node:http";
import { serve } from "@hono/node-server";
import { API_VERSION } from "./app.js";
import { composeServer } from "./compose.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { createDrain, shutdownGracefully } from "./shutdown.js";
import { initTracing } from "./tracing.js";

/**
 * The composition root: parse config once, build everything, serve, and shut down cleanly: on
 * SIGTERM readiness goes false, new turns go elsewhere, turns in flight finish (server/shutdown.ts).
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config);
  logger.info(
    {
      database: config.database.kind,
      model: config.model.provider,
      auth: config.auth.mode,
      redis: Boolean(config.redisUrl),
    },
    "starting Proxie",
  );
  const stopTracing = initTracing({ endpoint: config.otlpEndpoint, version: API_VERSION });
  const composed = await composeServer(config, { logger });
  const drain = createDrain();
  const server = serve(
    { fetch: drain.fetch(composed.app.fetch), port: config.port, hostname: config.host },
    (info) => {
      logger.info(
        { url: `http://${info.address === "0.0.0.0" ? "localhost" : info.address}:${info.port}` },
        "Proxie is listening",
      );
      // Lines are written in batches (server/logger.ts); whoever waits for this one gets it now.
      logger.flush();
    },
  ) as unknown as HttpServer;
  drain.track(server);
  drain.guardSockets(composed.attachRealtime(server).io);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means now.
      logger.warn({ signal }, "stopping now, without waiting");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    void shutdownGracefully({
      drain,
      server,
      logger,
      startDraining: composed.startDraining,
      close: async () => {
        await composed.close();
        await stopTracing();
      },
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // In the log as JSON like everything else, then the default: a process in an unknown state ends.
  process.on("uncaughtException", (err) => {
    logger.fatal({ err }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (err) => {
    logger.fatal({ err }, "unhandled rejection");
    process.exit(1);
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
