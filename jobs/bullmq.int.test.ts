import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { Queue } from "bullmq";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, expect, it } from "vitest";
import { jobHandlers, metricValue } from "../test/jobs.js";
import { describeWithRedis } from "../test/redis.js";
import { ROOT } from "../test/templates.js";
import { bullmqJobs, QUEUE_NAME } from "./bullmq.js";
import { inProcessJobs } from "./in-process.js";
import type { JobHandlers, JobName } from "./jobs.js";
import { registerJobMetrics } from "./metrics.js";

const logger = pino({ level: "silent" });

function engine(prefix: string, h: JobHandlers, registry?: Registry, url = process.env.REDIS_URL!) {
  const metrics = registry ? registerJobMetrics(registry) : undefined;
  return bullmqJobs({
    url,
    prefix,
    handlers: h,
    logger,
    metrics,
    fallback: inProcessJobs({ handlers: h, logger, metrics, schedules: [] }),
    schedules: [],
    retry: { attempts: 4, backoffMs: 100 },
    lockDurationMs: 1_000,
    stalledIntervalMs: 500,
  });
}

function until<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      const v = probe();
      if (v !== undefined) return resolve(v);
      if (Date.now() - t0 > ms) return reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

// BullMQ keeps its keys under <prefix>bull:, which test/redis.ts deletes with the rest of the prefix.
describeWithRedis("background jobs on BullMQ", ({ prefix, redis }) => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill("SIGKILL");
  });

  it("runs a queued job on a worker and retries a failing one with backoff", async () => {
    const registry = new Registry();
    const seen: { job: JobName; at: number }[] = [];
    const jobs = engine(
      `${prefix}a:`,
      jobHandlers({
        "fan-out-request": async () => {
          seen.push({ job: "fan-out-request", at: performance.now() });
          if (seen.length < 3) throw new Error("database is restarting");
          return { notified: 2 };
        },
      }),
      registry,
    );
    try {
      await jobs.enqueue("fan-out-request", { requestId: "r-1" });
      await until("three attempts", 10_000, () => (seen.length >= 3 ? true : undefined));
      // Exponential: 100 ms, then 200 ms (BullMQ may add its own polling delay, never less).
      expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(95);
      expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(195);
      expect(await metricValue(registry, "proxie_jobs_enqueued_total", { engine: "bullmq" })).toBe(1);
      expect(
        await metricValue(registry, "proxie_job_runs_total", { job: "fan-out-request", outcome: "error" }),
      ).toBe(2);
      const counts = await jobs.counts();
      expect(counts).toMatchObject({ waiting: 0, failed: 0 });
    } finally {
      await jobs.close();
    }
  });

  it("loses no job when the replica running it dies: another worker takes it over", async () => {
    const p = `${prefix}b:`;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "jobs/dying-worker.fixture.ts", process.env.REDIS_URL!, p],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    await until("the doomed worker to be ready", 30_000, () => (out.includes("ready") ? true : undefined));

    const queue = new Queue(QUEUE_NAME, { connection: redis().duplicate(), prefix: `${p}bull` });
    await queue.add("expire-stale", {}, { attempts: 3, backoff: { type: "exponential", delay: 100 } });
    await until("the doomed worker to take the job", 10_000, () =>
      out.includes("started") ? true : undefined,
    );
    child.kill("SIGKILL");
    const t0 = performance.now();

    let done = 0;
    const survivor = engine(
      p,
      jobHandlers({
        "expire-stale": async () => {
          done++;
          return { requests: 0, offers: 0 };
        },
      }),
    );
    try {
      await until("the survivor to finish the job", 15_000, () => (done ? true : undefined));
      // The job waited for the dead worker's lock (1 s) to expire, then ran once.
      expect(performance.now() - t0).toBeGreaterThanOrEqual(500);
      // The handler has returned; BullMQ records the job as completed just after.
      let counts = await queue.getJobCounts("completed", "active", "waiting");
      for (const t1 = Date.now(); counts.completed === 0 && Date.now() - t1 < 5_000; ) {
        await new Promise((r) => setTimeout(r, 20));
        counts = await queue.getJobCounts("completed", "active", "waiting");
      }
      expect(done).toBe(1);
      expect(counts).toMatchObject({
        completed: 1,
        active: 0,
        waiting: 0,
      });
    } finally {
      await survivor.close();
      await queue.close();
    }
  });

  it("runs the job in this process when Redis cannot take it", async () => {
    // A port nobody listens on: Redis is down.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const registry = new Registry();
    let ran = 0;
    const jobs = engine(
      `${prefix}c:`,
      jobHandlers({
        "reembed-provider": async () => {
          ran++;
          return {};
        },
      }),
      registry,
      `redis://127.0.0.1:${port}`,
    );
    try {
      const t0 = performance.now();
      await jobs.enqueue("reembed-provider", { providerId: "p-1" });
      expect(performance.now() - t0).toBeLessThan(3_000);
      await until("the local run", 2_000, () => (ran ? true : undefined));
      expect(await metricValue(registry, "proxie_jobs_enqueued_total", { engine: "fallback" })).toBe(1);
    } finally {
      await jobs.close({ deadlineMs: 1_000 });
    }
  });
});
