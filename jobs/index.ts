import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { BullmqOptions } from "./bullmq.js";
import { createJobHandlers, type JobDeps } from "./handlers.js";
import { inProcessJobs } from "./in-process.js";
import type { Jobs } from "./jobs.js";
import { registerJobMetrics } from "./metrics.js";

export type { JobName, JobPayloads, Jobs } from "./jobs.js";

export interface CreateJobsOptions extends JobDeps {
  /** BullMQ on this Redis; in-process without one. */
  redis?: { url: string; prefix: string } | undefined;
  logger: Logger;
  /** The app's metrics registry: job counts, attempts, failures and durations are scraped with it. */
  registry?: Registry | undefined;
  /** Engine settings for tests (short locks, fast retries). */
  tuning?: Partial<Pick<BullmqOptions, "retry" | "lockDurationMs" | "stalledIntervalMs" | "schedules">>;
}

/**
 * The background jobs of a server: BullMQ when Redis is configured, in-process otherwise. BullMQ is
 * loaded only then: it is a second of start-up that the embedded default does without.
 */
export async function createJobs(opts: CreateJobsOptions): Promise<Jobs> {
  const handlers = createJobHandlers(opts);
  const holder: { counts?: () => Promise<Record<string, number>> } = {};
  const metrics = opts.registry
    ? registerJobMetrics(opts.registry, () => holder.counts?.() ?? Promise.resolve({}))
    : undefined;
  const tuning = opts.tuning ?? {};
  if (!opts.redis) {
    const jobs = inProcessJobs({
      handlers,
      logger: opts.logger,
      metrics,
      ...(tuning.retry ? { retry: tuning.retry } : {}),
      ...(tuning.schedules ? { schedules: tuning.schedules } : {}),
    });
    holder.counts = async () => jobs.counts();
    return jobs;
  }
  const fallback = inProcessJobs({
    handlers,
    logger: opts.logger,
    metrics,
    schedules: [],
    ...(tuning.retry ? { retry: tuning.retry } : {}),
  });
  const { bullmqJobs } = await import("./bullmq.js");
  const jobs = bullmqJobs({
    ...tuning,
    url: opts.redis.url,
    prefix: opts.redis.prefix,
    handlers,
    logger: opts.logger,
    metrics,
    fallback,
  });
  holder.counts = () => jobs.counts();
  return jobs;
}
