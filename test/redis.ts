import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe } from "vitest";
import { createRedis, redisReady } from "../memory/redis.js";

/**
 * A suite that needs a real Redis: it runs when REDIS_URL is set and is reported as skipped, with
 * the reason, when it is not. Keys get a prefix of their own so that runs never meet.
 */
export function describeWithRedis(
  name: string,
  suite: (ctx: { redis: () => Redis; prefix: string }) => void,
): void {
  const url = process.env.REDIS_URL;
  (url ? describe : describe.skip)(`${name}${url ? "" : " (skipped: REDIS_URL is not set)"}`, () => {
    let redis: Redis | undefined;
    const prefix = `${process.env.REDIS_KEY_PREFIX ?? "proxie-test:"}${randomUUID().slice(0, 8)}:`;
    beforeAll(async () => {
      redis = createRedis(url!);
      await redisReady(redis);
    });
    afterAll(async () => {
      if (!redis) return;
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    });
    suite({
      prefix,
      redis: () => {
        if (!redis) throw new Error("Redis is not connected yet");
        return redis;
      },
    });
  });
}
