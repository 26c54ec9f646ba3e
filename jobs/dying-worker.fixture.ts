/**
 * A replica's job worker that takes one job and hangs in it, for jobs/bullmq.int.test.ts to kill
 * mid-job. Usage: node --import tsx jobs/dying-worker.fixture.ts <redis-url> <prefix>
 */
import pino from "pino";
import { bullmqJobs } from "./bullmq.js";
import { inProcessJobs } from "./in-process.js";
import type { JobHandlers } from "./jobs.js";

const [url, prefix] = process.argv.slice(2);
if (!url || !prefix) throw new Error("usage: dying-worker.fixture.ts <redis-url> <prefix>");
const hang = async (): Promise<Record<string, unknown>> => {
  console.log("started");
  return new Promise(() => {});
};
const handlers: JobHandlers = {
  "reembed-provider": hang,
  "fan-out-request": hang,
  "expire-stale": hang,
  "booking-reminders": hang,
};
const logger = pino({ level: "silent" });
const jobs = bullmqJobs({
  url,
  prefix,
  handlers,
  logger,
  fallback: inProcessJobs({ handlers, logger, schedules: [] }),
  schedules: [],
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
});
await jobs.worker.waitUntilReady();
console.log("ready");
