import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { ThreadLocks } from "../server/chat-service.js";

/** How long a lock outlives a replica that died holding it. Running turns keep renewing it. */
const LOCK_MS = 30_000;
const RENEW_MS = 10_000;

// Deletes or extends the lock only if it is still ours (a token per holder).
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * One run per thread across replicas: a short-lived Redis lock, renewed while the turn runs.
 * If Redis cannot be reached, the local lock still holds for this replica.
 */
export function redisThreadLocks(redis: Redis, prefix: string, local: ThreadLocks): ThreadLocks {
  return {
    async acquire(threadId) {
      const localRelease = await local.acquire(threadId);
      if (!localRelease) return undefined;
      const key = `${prefix}lock:thread:${threadId}`;
      const token = randomUUID();
      let got: string | null;
      try {
        got = await redis.set(key, token, "PX", LOCK_MS, "NX");
      } catch {
        return localRelease;
      }
      if (got !== "OK") {
        await localRelease();
        return undefined;
      }
      const timer = setInterval(() => {
        redis.eval(RENEW, 1, key, token, String(LOCK_MS)).catch(() => {});
      }, RENEW_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await redis.eval(RELEASE, 1, key, token).catch(() => {});
        await localRelease();
      };
    },
  };
}
