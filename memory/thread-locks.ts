import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { ThreadLocks } from "../server/chat-service.js";

/** How long a lock outlives a replica that stopped renewing it. Running turns keep renewing it. */
const LOCK_MS = 30_000;
const RENEW_MS = 10_000;
/** A replica is alive while its heartbeat key exists; it refreshes it well within its lifetime. */
const HEARTBEAT_MS = 5_000;
const BEAT_EVERY_MS = 2_000;

// The lock's value is "<replica>:<token>". It is taken when free, or when the replica that holds it
// has stopped beating (it died mid-turn): its thread must not wait out the whole lock.
const ACQUIRE = `
local v = redis.call("get", KEYS[1])
if v then
  local holder = string.match(v, "^([^:]+):")
  if holder and redis.call("exists", ARGV[3] .. holder) == 1 then return 0 end
end
redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2])
return 1`;
// Deletes or extends the lock only if it is still ours.
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisThreadLocks extends ThreadLocks {
  /** Stops this replica's heartbeat (its locks then pass on as soon as the heartbeat key expires). */
  close(): void;
}

/**
 * One run per thread across replicas: a Redis lock renewed while the turn runs, which another
 * replica takes over within seconds once the holder's heartbeat is gone. If Redis cannot be reached,
 * the local lock still holds for this replica.
 */
export function redisThreadLocks(redis: Redis, prefix: string, local: ThreadLocks): RedisThreadLocks {
  const replica = randomUUID().slice(0, 12);
  const heartbeats = `${prefix}replica:`;
  const beat = () => redis.set(`${heartbeats}${replica}`, "1", "PX", HEARTBEAT_MS).catch(() => {});
  void beat();
  const heartbeat = setInterval(beat, BEAT_EVERY_MS);
  heartbeat.unref();
  return {
    async acquire(threadId) {
      const localRelease = await local.acquire(threadId);
      if (!localRelease) return undefined;
      const key = `${prefix}lock:thread:${threadId}`;
      const value = `${replica}:${randomUUID()}`;
      let got: unknown;
      try {
        got = await redis.eval(ACQUIRE, 1, key, value, String(LOCK_MS), heartbeats);
      } catch {
        return localRelease;
      }
      if (got !== 1) {
        await localRelease();
        return undefined;
      }
      const timer = setInterval(() => {
        redis.eval(RENEW, 1, key, value, String(LOCK_MS)).catch(() => {});
      }, RENEW_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await redis.eval(RELEASE, 1, key, value).catch(() => {});
        await localRelease();
      };
    },
    close() {
      clearInterval(heartbeat);
      void redis.del(`${heartbeats}${replica}`).catch(() => {});
    },
  };
}
