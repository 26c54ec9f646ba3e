/**
 * Background work, the same whichever engine runs it: BullMQ on Redis when `REDIS_URL` is set (jobs
 * survive the replica that enqueued them), or a small in-process queue otherwise (`npm start`).
 *
 * Every job is idempotent and every job has a periodic sweep that re-derives its work from the
 * database, so that a job lost with a process (in-process engine) or failed for good is done by the
 * next sweep: the database is the source of truth, the queue only makes things happen sooner.
 */

/** What each job is given. A job without its id is the sweep: all the work of that kind. */
export interface JobPayloads {
  /** Re-embed one provider after a profile change (all stale providers when no id). */
  "reembed-provider": { providerId?: string };
  /** Tell matching providers about a request (all open requests when no id). */
  "fan-out-request": { requestId?: string };
  /** Open requests past their window and pending offers past their time become expired. */
  "expire-stale": Record<string, never>;
  /** A notification to both sides of every booking that starts within the reminder window. */
  "booking-reminders": Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES: readonly JobName[] = [
  "reembed-provider",
  "fan-out-request",
  "expire-stale",
  "booking-reminders",
];

/** A job's work; it throws to fail the attempt (and be retried). Its result is logged. */
export type JobHandlers = { [K in JobName]: (data: JobPayloads[K]) => Promise<Record<string, unknown>> };

export interface Jobs {
  readonly engine: "bullmq" | "in-process";
  /**
   * Queues a job; resolves once it is stored (BullMQ) or started (in-process). It never throws: when
   * the queue cannot take it (Redis down), the job runs in this process instead.
   */
  enqueue<K extends JobName>(name: K, data: JobPayloads[K]): Promise<void>;
  /** Stops taking jobs and waits for running ones (up to `deadlineMs`). */
  close(opts?: { deadlineMs?: number }): Promise<void>;
}

/** Retries: 5 attempts, 1 s, 2 s, 4 s, 8 s apart. */
export const RETRY = { attempts: 5, backoffMs: 1_000 } as const;

export function backoffDelay(attempt: number, baseMs: number = RETRY.backoffMs): number {
  return baseMs * 2 ** (attempt - 1);
}

/**
 * The sweeps. In-process, the first run of each comes one interval after start, not at start: a
 * server that starts and stops quickly (tests, eval trials on a frozen clock) is not written to
 * behind its back. On BullMQ they are job schedulers shared by the whole deployment: the first run
 * is when the scheduler is first created, then one per interval whichever replicas come and go.
 */
export const SCHEDULES: readonly { job: JobName; everyMs: number }[] = [
  { job: "expire-stale", everyMs: 5 * 60_000 },
  { job: "booking-reminders", everyMs: 10 * 60_000 },
  { job: "fan-out-request", everyMs: 10 * 60_000 },
  { job: "reembed-provider", everyMs: 30 * 60_000 },
];
