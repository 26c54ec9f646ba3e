import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { InProcessJobs } from "./in-process.js";
import { type JobHandlers, type JobName, type JobPayloads, type Jobs, RETRY, SCHEDULES } from "./jobs.js";
import { instrumented, type JobMetrics } from "./metrics.js";

export const QUEUE_NAME = "proxie-jobs";

export interface BullmqOptions {
  url: string;
  /** `REDIS_KEY_PREFIX`; BullMQ's keys go under `<prefix>bull:`. */
  prefix: string;
  handlers: JobHandlers;
  logger: Logger;
  metrics?: JobMetrics | undefined;
  /** Where a job goes when Redis cannot take it: it runs here, now. */
  fallback: InProcessJobs;
  retry?: { attempts: number; backoffMs: number };
  schedules?: readonly { job: JobName; everyMs: number }[];
  concurrency?: number;
  /**
   * How long a worker holds a job without renewing its lock before the job counts as stalled and
   * another worker takes it over: the time a job waits after its replica died. BullMQ's default.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long `enqueue` waits for Redis before running the job here instead. */
  enqueueTimeoutMs?: number;
}

export interface BullmqJobs extends Jobs {
  queue: Queue;
  worker: Worker;
  counts(): Promise<Record<string, number>>;
}

/**
 * Jobs on BullMQ: stored in Redis, run by a worker on any replica, retried with exponential backoff;
 * a job whose replica dies mid-run is taken over by another worker once its lock expires. Sweeps are
 * job schedulers, one per sweep for the whole deployment however many replicas upsert them.
 */
export function bullmqJobs(opts: BullmqOptions): BullmqJobs {
  const retry = opts.retry ?? RETRY;
  const prefix = `${opts.prefix}bull`;
  const log = onceUntilReady(opts.logger);
  // Producer: fails fast while Redis is away, so that a request never waits on it.
  const producer = new Redis(opts.url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  producer.on("error", log.error);
  producer.on("ready", log.ready);
  // Worker: blocking commands wait for Redis as long as it takes (BullMQ requires it).
  const consumer = new Redis(opts.url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  consumer.on("error", () => {});

  const jobOptions = {
    attempts: retry.attempts,
    backoff: { type: "exponential", delay: retry.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
  };
  const queue = new Queue(QUEUE_NAME, { connection: producer, prefix, defaultJobOptions: jobOptions });
  queue.on("error", log.error);

  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const name = job.name as JobName;
      const handler = opts.handlers[name] as (data: unknown) => Promise<Record<string, unknown>>;
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      return instrumented(opts.metrics, name, () => handler(job.data));
    },
    {
      connection: consumer,
      prefix,
      concurrency: opts.concurrency ?? 4,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 3,
    },
  );
  worker.on("error", log.error);
  worker.on("failed", (job, err) => {
    if (!job) return;
    const last = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (last) opts.metrics?.failed.inc({ job: job.name });
    opts.logger[last ? "error" : "warn"](
      { job: job.name, id: job.id, attempt: job.attemptsMade, err: err.message },
      last ? "job failed for good; its sweep will redo it" : "job failed, retrying",
    );
  });
  worker.on("completed", (job, result) =>
    opts.logger.debug({ job: job.name, id: job.id, result }, "job done"),
  );

  // Upserted by every replica: one scheduler per sweep id, so one run per interval in all.
  let scheduled = false;
  const schedule = async () => {
    if (scheduled) return;
    try {
      for (const { job, everyMs } of opts.schedules ?? SCHEDULES)
        await queue.upsertJobScheduler(
          `sweep:${job}`,
          { every: everyMs },
          { name: job, data: {}, opts: jobOptions },
        );
      scheduled = true;
    } catch (err) {
      opts.logger.warn(
        { err: (err as Error).message },
        "job sweeps not scheduled yet; retrying when Redis is back",
      );
    }
  };
  void schedule();
  producer.on("ready", () => void schedule());

  const timeoutMs = opts.enqueueTimeoutMs ?? 2_000;
  return {
    engine: "bullmq",
    queue,
    worker,
    async enqueue<K extends JobName>(name: K, data: JobPayloads[K]) {
      try {
        await withTimeout(queue.add(name, data), timeoutMs);
        opts.metrics?.enqueued.inc({ job: name, engine: "bullmq" });
      } catch (err) {
        opts.logger.warn(
          { job: name, err: (err as Error).message },
          "Redis cannot take the job; running it here",
        );
        opts.metrics?.enqueued.inc({ job: name, engine: "fallback" });
        await opts.fallback.enqueue(name, data);
      }
    },
    async counts() {
      const c = await withTimeout(queue.getJobCounts("waiting", "active", "delayed", "failed"), 1_000);
      const local = opts.fallback.counts();
      return { ...c, active: (c.active ?? 0) + local.active, delayed: (c.delayed ?? 0) + local.delayed };
    },
    async close({ deadlineMs = 10_000 } = {}) {
      // The worker finishes its running jobs; one that outlives the deadline is taken over elsewhere.
      await Promise.race([
        worker.close(),
        new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref()),
      ]);
      await opts.fallback.close({ deadlineMs });
      await queue.close().catch(() => {});
      producer.disconnect();
      consumer.disconnect();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One warning per outage, not one per reconnection attempt. */
function onceUntilReady(logger: Logger) {
  let warned = false;
  return {
    error: (err: Error) => {
      if (!warned) logger.warn({ err: err.message }, "job queue: Redis is unreachable");
      warned = true;
    },
    ready: () => {
      warned = false;
    },
  };
}
