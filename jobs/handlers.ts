import type { Clock } from "../core/clock.js";
import { type EmbeddingModel, embedProviders } from "../db/embeddings.js";
import type { Db } from "../db/pool.js";
import type { NotificationSink } from "../server/events.js";
import { remindBookings } from "./booking-reminders.js";
import { expireStale } from "./expire-stale.js";
import { fanOutRequests } from "./fan-out-request.js";
import type { JobHandlers } from "./jobs.js";

export interface JobDeps {
  db: Db;
  clock: Clock;
  embeddings: EmbeddingModel;
  /** Provider search uses vectors only when the `vector` extension is there; no vectors, no re-embedding. */
  vector: boolean;
  /** Stored notifications go out to connected clients (socket.io, across replicas with Redis). */
  notifications: NotificationSink;
}

/** The work of each job; the engines (jobs/in-process.ts, jobs/bullmq.ts) decide where and when it runs. */
export function createJobHandlers(deps: JobDeps): JobHandlers {
  return {
    "reembed-provider": async ({ providerId }) => {
      if (!deps.vector) return { skipped: "no vector extension" };
      return embedProviders(deps.db, deps.embeddings, providerId ? { ids: [providerId] } : {});
    },
    "fan-out-request": async ({ requestId }) => {
      const stored = await fanOutRequests(deps.db, { requestId, now: deps.clock.now() });
      if (stored.length) deps.notifications.publish(stored);
      return { notified: stored.length };
    },
    "expire-stale": async () => expireStale(deps.db, { now: deps.clock.now() }),
    "booking-reminders": async () => {
      const stored = await remindBookings(deps.db, { now: deps.clock.now() });
      if (stored.length) deps.notifications.publish(stored);
      return { reminded: stored.length };
    },
  };
}
