import type { MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { AppError } from "../../core/errors.js";
import type { AppEnv } from "../app-env.js";
import { setResponseHeader } from "./direct-response.js";

/**
 * Per-user requests per minute. With Redis the count is shared by every replica; when Redis is
 * unreachable, an in-process limiter takes over (the "insurance" limiter) rather than failing open
 * or taking the API down.
 */
export function createRateLimiter(opts: {
  perMinute: number;
  redis?: Redis | undefined;
  prefix: string;
}): RateLimiterAbstract {
  const memory = new RateLimiterMemory({
    points: opts.perMinute,
    duration: 60,
    keyPrefix: `${opts.prefix}rl`,
  });
  if (!opts.redis) return memory;
  return new RateLimiterRedis({
    storeClient: opts.redis,
    points: opts.perMinute,
    duration: 60,
    keyPrefix: `${opts.prefix}rl`,
    insuranceLimiter: memory,
  });
}

export function rateLimit(limiter: RateLimiterAbstract): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { userId } = c.get("principal");
    let remaining: number;
    try {
      remaining = (await limiter.consume(userId)).remainingPoints;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
    await next();
    setResponseHeader(c, "RateLimit-Remaining", String(remaining));
  };
}
