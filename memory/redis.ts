import { Redis } from "ioredis";

/**
 * A Redis client that never takes the process down: commands fail fast while Redis is away (each
 * user falls back to its local behaviour) and the client reconnects on its own.
 */
export function createRedis(
  url: string,
  opts: {
    onError?: (err: Error) => void;
    /**
     * Queue commands until connected, for a subscriber: socket.io's Redis adapter subscribes the
     * moment it is made, and a subscription refused while connecting is never retried.
     */
    queueUntilConnected?: boolean;
  } = {},
): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: opts.queueUntilConnected ?? false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  redis.on("error", (err) => opts.onError?.(err));
  return redis;
}

/** Resolves once the client is connected, or rejects after `ms`. */
export function redisReady(redis: Redis, ms = 3_000): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`Redis did not answer within ${ms} ms`));
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", onReady);
  });
}
