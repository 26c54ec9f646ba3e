import { expect, it } from "vitest";
import { memoryThreadLocks } from "../server/chat-service.js";
import { createRateLimiter } from "../server/middleware/rate-limit.js";
import { describeWithRedis } from "../test/redis.js";
import { cachedQueries, redisVectorCache } from "./embedding-cache.js";
import { redisThreadLocks } from "./thread-locks.js";

describeWithRedis("Redis-backed locks, limits and caches", ({ redis, prefix }) => {
  it("holds one run per thread across replicas and frees it on release", async () => {
    // Two replicas: one Redis, separate local locks.
    const a = redisThreadLocks(redis(), prefix, memoryThreadLocks());
    const b = redisThreadLocks(redis(), prefix, memoryThreadLocks());
    const release = await a.acquire("thread-1");
    expect(release).toBeDefined();
    expect(await b.acquire("thread-1")).toBeUndefined();
    expect(await b.acquire("thread-2")).toBeDefined();
    await release!();
    expect(await b.acquire("thread-1")).toBeDefined();
    a.close();
    b.close();
  });

  it("takes over the lock of a replica that died holding it, without waiting for it to expire", async () => {
    const dying = redisThreadLocks(redis(), prefix, memoryThreadLocks());
    const survivor = redisThreadLocks(redis(), prefix, memoryThreadLocks());
    expect(await dying.acquire("thread-3")).toBeDefined();
    expect(await survivor.acquire("thread-3")).toBeUndefined();
    // Its heartbeat stops (the process is gone) and the lock is never released.
    dying.close();
    expect(await survivor.acquire("thread-3")).toBeDefined();
    survivor.close();
  });

  it("counts requests of one user across replicas", async () => {
    const replicaA = createRateLimiter({ perMinute: 3, redis: redis(), prefix });
    const replicaB = createRateLimiter({ perMinute: 3, redis: redis(), prefix });
    await replicaA.consume("user-1");
    await replicaB.consume("user-1");
    await replicaA.consume("user-1");
    await expect(replicaB.consume("user-1")).rejects.toMatchObject({ remainingPoints: 0 });
  });

  it("caches query embeddings for every replica", async () => {
    let calls = 0;
    const model = {
      modelId: "test",
      dims: 3,
      embedDocuments: async (t: string[]) => t.map(() => [1, 0, 0]),
      embedQuery: async () => {
        calls++;
        return [0.5, 0.25, 0.125];
      },
    };
    const a = cachedQueries(model, redisVectorCache(redis(), `${prefix}emb:`));
    const b = cachedQueries(model, redisVectorCache(redis(), `${prefix}emb:`));
    expect(await a.embedQuery("Skin fade")).toEqual([0.5, 0.25, 0.125]);
    expect(await b.embedQuery("skin fade ")).toEqual([0.5, 0.25, 0.125]);
    expect(calls).toBe(1);
  });
});
