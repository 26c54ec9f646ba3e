import type { Server as HttpServer } from "node:http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type Clock, systemClock } from "../core/clock.js";
import { AppError } from "../core/errors.js";
import { embedProviders, ensureEmbeddingIndex } from "../db/embeddings.js";
import { detectFeatures, migrate } from "../db/migrate.js";
import { createDb, type Db } from "../db/pool.js";
import { createProviderSearch } from "../db/provider-search.js";
import { isEmpty, printProgress, seedDemo } from "../db/seed/index.js";
import { buildGraph, type ProxieGraph } from "../graph/build.js";
import type { TurnRunnerDeps } from "../graph/run.js";
import { createJobs, type Jobs } from "../jobs/index.js";
import { createCheckpointer } from "../memory/checkpointer.js";
import { cachedQueries, memoryVectorCache, redisVectorCache } from "../memory/embedding-cache.js";
import { createPreferenceStore } from "../memory/preferences.js";
import { createRedis } from "../memory/redis.js";
import { redisThreadLocks } from "../memory/thread-locks.js";
import { createModels, type Models } from "../models/index.js";
import { createTools } from "../tools/index.js";
import { createApp } from "./app.js";
import type { AppEnv } from "./app-env.js";
import { createAuth } from "./auth.js";
import { memoryThreadLocks } from "./chat-service.js";
import type { Config } from "./config.js";
import type { NotificationSink } from "./events.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { createRateLimiter } from "./middleware/rate-limit.js";
import { attachRealtime, type Realtime } from "./realtime.js";

export interface Composed {
  app: OpenAPIHono<AppEnv>;
  db: Db;
  graph: ProxieGraph;
  models: Models;
  turns: TurnRunnerDeps;
  features: { vector: boolean };
  notifications: NotificationSink & { listeners: Set<NotificationSink> };
  metrics: Metrics;
  jobs: Jobs;
  /** socket.io on the given HTTP server, receiving this app's notifications. */
  attachRealtime(server: HttpServer): Realtime;
  /** Readiness turns false, then the database closes. */
  close(): Promise<void>;
  startDraining(): void;
}

/**
 * Builds the whole server from its configuration: database (migrated, seeded with demo data when
 * asked and empty), models, memory, tools, graph and HTTP app. Nothing here is a module global,
 * so tests, evals and benchmarks compose their own.
 */
export async function composeServer(
  config: Config,
  { logger, clock = systemClock, models: givenModels }: { logger: Logger; clock?: Clock; models?: Models },
): Promise<Composed> {
  const db = await createDb(
    config.database.kind === "postgres" ? config.database : { kind: "pglite", dir: config.database.dir },
  );
  try {
    const report = await migrate(db);
    if (report.applied.length) logger.info({ applied: report.applied }, "database migrated");
    const features = await detectFeatures(db);
    if (!features.vector) {
      logger.warn("the vector extension is not available: provider search uses full text only");
    }
    const models = givenModels ?? createModels(config);
    if (features.vector) await ensureEmbeddingIndex(db, models.embeddings.modelId, models.embeddings.dims);

    if (config.seedDemo && (await isEmpty(db))) {
      const t0 = performance.now();
      // Progress goes to the terminal as a line rewritten in place (or a line per quarter in a log).
      try {
        const seeded = await seedDemo(db, { onProgress: printProgress(process.stderr) });
        logger.info(
          { ...seeded, providerIds: undefined, ms: Math.round(performance.now() - t0) },
          "demo marketplace seeded",
        );
      } catch (err) {
        // Another replica seeded the same empty database first: its data is as good as ours.
        if (!(err instanceof AppError && err.code === "conflict")) throw err;
        logger.info("demo marketplace already seeded by another process");
      }
    }
    if (features.vector) {
      const t0 = performance.now();
      const r = await embedProviders(db, models.embeddings, {
        onProgress: (done, total) => {
          if (done === total || done % 500 === 0) logger.info({ done, total }, "embedding providers");
        },
      });
      if (r.embedded)
        logger.info(
          { ...r, model: models.embeddings.modelId, ms: Math.round(performance.now() - t0) },
          "providers embedded",
        );
    }

    const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
    const metrics = createMetrics({ db });
    if (redis) {
      redis.main.on("ready", () => metrics.redisUp.set(1));
      redis.main.on("close", () => metrics.redisUp.set(0));
    }
    const prefix = config.redisKeyPrefix;
    const limiter = createRateLimiter({ perMinute: config.limits.ratePerMinute, redis: redis?.main, prefix });
    const redisLocks = redis ? redisThreadLocks(redis.main, prefix, memoryThreadLocks()) : undefined;
    const locks = redisLocks ?? memoryThreadLocks();
    const checkpointer = await createCheckpointer(db);
    const preferences = createPreferenceStore(db);
    const vectorCache = redis ? redisVectorCache(redis.main, `${prefix}emb:`) : memoryVectorCache();
    const embeddings = cachedQueries(models.embeddings, vectorCache);
    const search = createProviderSearch({ db, embeddings, vector: features.vector });
    const listeners = new Set<NotificationSink>();
    const deliver = (n: Parameters<NotificationSink["publish"]>[0]) => {
      for (const l of listeners) l.publish(n);
    };
    // Background jobs (jobs/): BullMQ on Redis when configured, in-process otherwise.
    const jobs = await createJobs({
      db,
      clock,
      embeddings: models.embeddings,
      vector: features.vector,
      notifications: { publish: deliver },
      redis: config.redisUrl ? { url: config.redisUrl, prefix } : undefined,
      logger,
      registry: metrics.registry,
    });
    const notifications = {
      listeners,
      publish: (n: Parameters<NotificationSink["publish"]>[0]) => {
        deliver(n);
        // A new request's matching providers are (re)checked by the fan-out job, on any replica.
        for (const requestId of new Set(
          n.filter((x) => x.kind === "request").map((x) => x.payload.requestId),
        ))
          if (typeof requestId === "string") void jobs.enqueue("fan-out-request", { requestId });
      },
    };
    const reembedProvider = (providerId: string) => jobs.enqueue("reembed-provider", { providerId });
    const tools = createTools({ db, clock, search, preferences, notifications, reembedProvider });
    const graph = buildGraph({
      models,
      tools,
      checkpointer,
      preferences,
      clock,
      maxToolSteps: config.limits.maxToolSteps,
    });
    const auth = createAuth(config);
    let draining = false;
    const turns: TurnRunnerDeps = {
      graph,
      db,
      chatModelName: models.chatModelName,
      readAnswer: models.readAnswer,
    };
    const app = createApp({
      config,
      db,
      auth,
      clock,
      search,
      notifications,
      reembedProvider,
      logger,
      turns,
      metrics,
      rateLimiter: limiter,
      locks,
      draining: () => draining,
      readiness: [
        {
          name: "database",
          check: async () => {
            await db.query("SELECT 1");
            return {
              engine: db.engine,
              vector: features.vector,
              search: features.vector ? "hybrid" : "full text only",
            };
          },
        },
        {
          name: "model",
          check: async () => ({
            provider: config.model.provider,
            chat: models.chatModelName,
            embeddings: models.embeddings.modelId,
          }),
        },
        ...(redis
          ? [
              {
                name: "redis",
                critical: false,
                // Redis down degrades this replica, it does not stop it: still ready, and saying so.
                check: async () => redisStatus(redis.main),
              },
            ]
          : []),
      ],
    });
    const realtimes: Realtime[] = [];
    return {
      app,
      db,
      graph,
      models,
      turns,
      features,
      notifications,
      metrics,
      jobs,
      attachRealtime(server) {
        const rt = attachRealtime(server, {
          config,
          db,
          clock,
          turns,
          locks,
          metrics,
          auth,
          logger,
          limiter,
          corsOrigins: config.corsOrigins,
          redis: redis
            ? { pub: publishOrDrop(redis.main), sub: redis.sub, key: `${prefix}socket.io` }
            : undefined,
        });
        listeners.add(rt);
        realtimes.push(rt);
        return rt;
      },
      startDraining: () => {
        draining = true;
      },
      close: async () => {
        draining = true;
        await jobs.close({ deadlineMs: 10_000 });
        redisLocks?.close();
        for (const rt of realtimes) await rt.close();
        redis?.main.disconnect();
        redis?.sub.disconnect();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Two connections: socket.io's Redis adapter needs one of its own for subscribing. */
export function connectRedis(url: string, logger: Logger) {
  // Each client warns once per outage, not once per retry. The subscriber's outage matters on
  // its own: while it is down, this replica misses the others' notifications.
  const watched = (client: "main" | "subscriber") => {
    let warned = false;
    const redis = createRedis(url, {
      subscriber: client === "subscriber",
      onError: (err) => {
        if (!warned)
          logger.warn(
            { err: err.message, client },
            client === "main"
              ? "Redis is unreachable; using local limits and caches until it returns"
              : "Redis subscriber is unreachable; other replicas' notifications are missed until it returns",
          );
        warned = true;
      },
    });
    redis.on("ready", () => {
      if (warned) logger.info({ client }, "Redis is back");
      warned = false;
    });
    return redis;
  };
  return { main: watched("main"), sub: watched("subscriber") };
}

/**
 * Redis as /readyz reports it: a failing, non-critical check. Down is not unready: the replica
 * serves with per-replica rate limits, notifications reach only its own sockets, and jobs run
 * in-process until Redis returns.
 */
async function redisStatus(redis: Redis): Promise<undefined> {
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("no answer within 1000 ms")), 1_000).unref(),
      ),
    ]);
    return undefined;
  } catch (err) {
    throw new Error(
      `Redis is unreachable (${(err as Error).message}); degraded: per-replica rate limits, notifications reach only this replica's sockets, jobs run in-process`,
    );
  }
}

/**
 * socket.io's Redis adapter publishes without awaiting; with Redis down that rejection would go
 * unhandled and end the process. Dropped instead: the adapter still delivers to local sockets.
 */
function publishOrDrop(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, key) {
      if (key === "publish")
        return (...args: Parameters<Redis["publish"]>) => target.publish(...args).catch(() => 0);
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
