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
     * A client for subscriptions only (socket.io's Redis adapter). It queues commands until
     * connected: the adapter subscribes the moment it is made, and a subscription refused while
     * connecting is never retried. Its handshake sends nothing but subscriptions: the adapter
     * may subscribe once the connection is open but before ioredis's handshake (client info,
     * ready check) is done, and a subscription is allowed then; the connection is then in
     * subscriber mode, ioredis refuses its own handshake commands, takes that as a failed ready
     * check and reconnects without the subscriptions, and that replica no longer hears the others.
     */
    subscriber?: boolean;
  } = {},
): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: opts.subscriber ?? false,
    ...(opts.subscriber ? { enableReadyCheck: false, disableClientInfo: true } : {}),
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
