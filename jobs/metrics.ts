import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { JobName } from "./jobs.js";

export interface JobMetrics {
  /** Each attempt of a job, by outcome (ok, error). */
  runs: Counter<"job" | "outcome">;
  /** Jobs given up after their last attempt. */
  failed: Counter<"job">;
  duration: Histogram<"job">;
  /** Where jobs went: bullmq, in-process, or fallback (BullMQ configured but Redis unreachable). */
  enqueued: Counter<"job" | "engine">;
  /** Jobs by state (waiting, active, delayed, failed), read from the engine at scrape time. */
  queued: Gauge<"state">;
}

/**
 * The job metrics, on the app's registry (server/metrics.ts creates one per app). `counts` is read
 * at scrape time; an engine that cannot answer (Redis down) leaves the previous values.
 */
export function registerJobMetrics(
  registry: Registry,
  counts: () => Promise<Record<string, number>> = async () => ({}),
): JobMetrics {
  return {
    runs: new Counter({
      name: "proxie_job_runs_total",
      help: "Background job attempts by job and outcome (ok, error)",
      labelNames: ["job", "outcome"],
      registers: [registry],
    }),
    failed: new Counter({
      name: "proxie_jobs_failed_total",
      help: "Background jobs that failed their last attempt",
      labelNames: ["job"],
      registers: [registry],
    }),
    duration: new Histogram({
      name: "proxie_job_duration_seconds",
      help: "Duration of a background job attempt",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    enqueued: new Counter({
      name: "proxie_jobs_enqueued_total",
      help: "Background jobs queued, by job and engine (bullmq, in-process, fallback)",
      labelNames: ["job", "engine"],
      registers: [registry],
    }),
    queued: new Gauge({
      name: "proxie_jobs_queued",
      help: "Background jobs by state (waiting, active, delayed, failed)",
      labelNames: ["state"],
      registers: [registry],
      async collect() {
        try {
          const c = await counts();
          for (const [state, n] of Object.entries(c)) this.set({ state }, n);
        } catch {
          // The queue's store is down: /readyz and proxie_redis_up say so; the scrape must not fail.
        }
      },
    }),
  };
}

/** Wraps a handler so that each attempt is timed and counted. */
export function instrumented<T>(
  metrics: JobMetrics | undefined,
  job: JobName,
  run: () => Promise<T>,
): Promise<T> {
  const end = metrics?.duration.startTimer({ job });
  return run().then(
    (r) => {
      end?.();
      metrics?.runs.inc({ job, outcome: "ok" });
      return r;
    },
    (err: unknown) => {
      end?.();
      metrics?.runs.inc({ job, outcome: "error" });
      throw err;
    },
  );
}
