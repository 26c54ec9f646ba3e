import type { Registry } from "prom-client";
import type { JobHandlers } from "../jobs/jobs.js";

/** Handlers that do nothing, but for those a test gives. */
export function jobHandlers(over: Partial<JobHandlers>): JobHandlers {
  const none = async () => ({});
  return {
    "reembed-provider": none,
    "fan-out-request": none,
    "expire-stale": none,
    "booking-reminders": none,
    ...over,
  };
}

/** The value of one labelled series of a metric, 0 when it has none yet. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string>) {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  return m?.values.find((x) => Object.entries(labels).every(([k, l]) => x.labels[k] === l))?.value ?? 0;
}
