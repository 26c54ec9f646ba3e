import type { Logger } from "pino";
import {
  backoffDelay,
  type JobHandlers,
  type JobName,
  type JobPayloads,
  type Jobs,
  RETRY,
  SCHEDULES,
} from "./jobs.js";
import { instrumented, type JobMetrics } from "./metrics.js";

export interface InProcessOptions {
  handlers: JobHandlers;
  logger: Logger;
  metrics?: JobMetrics | undefined;
  retry?: { attempts: number; backoffMs: number };
  /** The sweeps to run on timers; none for a fallback queue (the main engine schedules them). */
  schedules?: readonly { job: JobName; everyMs: number }[];
}

export interface InProcessJobs extends Jobs {
  /** Attempts running and retries waiting, for the queue gauge. */
  counts(): { active: number; delayed: number };
  /** Resolves when nothing runs and no retry waits (tests). */
  idle(): Promise<void>;
}

/**
 * The embedded engine: jobs run in this process as soon as they are queued, are retried with
 * exponential backoff, and are gone if the process dies (the sweeps then redo their work).
 */
export function inProcessJobs(opts: InProcessOptions): InProcessJobs {
  const retry = opts.retry ?? RETRY;
  const running = new Set<Promise<void>>();
  const waiting = new Set<NodeJS.Timeout>();
  const timers = (opts.schedules ?? SCHEDULES).map(({ job, everyMs }) => {
    const t = setInterval(() => void enqueue(job, {}), everyMs);
    t.unref();
    return t;
  });
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  function settle(): void {
    if (running.size || waiting.size) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  }

  function attempt<K extends JobName>(name: K, data: JobPayloads[K], n: number): void {
    const run = instrumented(opts.metrics, name, () => opts.handlers[name](data))
      .then(
        (result) => opts.logger.debug({ job: name, data, attempt: n, result }, "job done"),
        (err: unknown) => {
          if (n < retry.attempts && !closed) {
            const delay = backoffDelay(n, retry.backoffMs);
            opts.logger.warn(
              { job: name, attempt: n, delay, err: (err as Error).message },
              "job failed, retrying",
            );
            const timer = setTimeout(() => {
              waiting.delete(timer);
              attempt(name, data, n + 1);
            }, delay);
            timer.unref();
            waiting.add(timer);
          } else {
            opts.metrics?.failed.inc({ job: name });
            opts.logger.error(
              { job: name, data, attempt: n, err },
              "job failed for good; its sweep will redo it",
            );
          }
        },
      )
      .finally(() => {
        running.delete(run);
        settle();
      });
    running.add(run);
  }

  async function enqueue<K extends JobName>(name: K, data: JobPayloads[K]): Promise<void> {
    if (closed) return;
    opts.metrics?.enqueued.inc({ job: name, engine: "in-process" });
    attempt(name, data, 1);
  }

  return {
    engine: "in-process",
    enqueue,
    counts: () => ({ active: running.size, delayed: waiting.size }),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      }),
    async close({ deadlineMs = 10_000 } = {}) {
      closed = true;
      for (const t of timers) clearInterval(t);
      // A retry that has not started yet is dropped: the sweep after the next start does its work.
      for (const t of waiting) clearTimeout(t);
      waiting.clear();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, deadlineMs);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
