import pino from "pino";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { jobHandlers, metricValue } from "../test/jobs.js";
import { inProcessJobs } from "./in-process.js";
import { registerJobMetrics } from "./metrics.js";

const logger = pino({ level: "silent" });

describe("the in-process job engine", () => {
  it("retries a failing job with exponential backoff until it succeeds, and counts each attempt", async () => {
    const registry = new Registry();
    const metrics = registerJobMetrics(registry);
    const at: number[] = [];
    const jobs = inProcessJobs({
      logger,
      metrics,
      schedules: [],
      retry: { attempts: 5, backoffMs: 20 },
      handlers: jobHandlers({
        "fan-out-request": async () => {
          at.push(performance.now());
          if (at.length < 3) throw new Error("database is restarting");
          return { notified: 1 };
        },
      }),
    });
    await jobs.enqueue("fan-out-request", { requestId: "r1" });
    await jobs.idle();
    expect(at).toHaveLength(3);
    // 20 ms, then 40 ms apart (timers may fire a little late, never early).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(19);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(39);
    expect(
      await metricValue(registry, "proxie_job_runs_total", { job: "fan-out-request", outcome: "error" }),
    ).toBe(2);
    expect(
      await metricValue(registry, "proxie_job_runs_total", { job: "fan-out-request", outcome: "ok" }),
    ).toBe(1);
    expect(await metricValue(registry, "proxie_jobs_failed_total", { job: "fan-out-request" })).toBe(0);
    await jobs.close();
  });

  it("gives up after the last attempt and says so in the metrics", async () => {
    const registry = new Registry();
    const metrics = registerJobMetrics(registry);
    let calls = 0;
    const jobs = inProcessJobs({
      logger,
      metrics,
      schedules: [],
      retry: { attempts: 3, backoffMs: 1 },
      handlers: jobHandlers({
        "expire-stale": async () => {
          calls++;
          throw new Error("always broken");
        },
      }),
    });
    await jobs.enqueue("expire-stale", {});
    await jobs.idle();
    expect(calls).toBe(3);
    expect(await metricValue(registry, "proxie_jobs_failed_total", { job: "expire-stale" })).toBe(1);
    await jobs.close();
  });

  it("runs the sweeps on their timers, the first one interval after start", async () => {
    const runs: number[] = [];
    const t0 = performance.now();
    const jobs = inProcessJobs({
      logger,
      schedules: [{ job: "booking-reminders", everyMs: 30 }],
      handlers: jobHandlers({
        "booking-reminders": async () => {
          runs.push(performance.now() - t0);
          return {};
        },
      }),
    });
    await new Promise((r) => setTimeout(r, 110));
    await jobs.close();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[0]).toBeGreaterThanOrEqual(29);
  });

  it("waits for a running job when it closes", async () => {
    let finished = false;
    const jobs = inProcessJobs({
      logger,
      schedules: [],
      handlers: jobHandlers({
        "reembed-provider": async () => {
          await new Promise((r) => setTimeout(r, 50));
          finished = true;
          return {};
        },
      }),
    });
    await jobs.enqueue("reembed-provider", { providerId: "p1" });
    await jobs.close({ deadlineMs: 1_000 });
    expect(finished).toBe(true);
    // Closed: new work is not taken.
    await jobs.enqueue("reembed-provider", { providerId: "p2" });
    expect(jobs.counts()).toEqual({ active: 0, delayed: 0 });
  });
});
