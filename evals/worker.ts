import type { WorkerMessage, WorkerRequest } from "./pool.js";
import { createTrialHost, type HostOptions, type TrialHost } from "./trial-host.js";

/**
 * A worker process of an eval run: PGlite runs on the JavaScript thread, so trials only run in
 * parallel in separate processes. Loads the models once, then runs the trials it is sent.
 */

let host: TrialHost | undefined;
const send = (m: WorkerMessage) => process.send?.(m);

process.on("message", async (m: WorkerRequest) => {
  try {
    if (m.type === "init") {
      host = await createTrialHost(m.options as HostOptions);
      send({ type: "ready" });
    } else if (m.type === "trial") {
      if (!host) throw new Error("the worker was not initialised");
      const result = await host.run(m.scenario, m.trial);
      send({ type: "result", job: m.job, result });
    } else if (m.type === "stop") {
      await host?.close();
      process.exit(0);
    }
  } catch (err) {
    send({
      type: "failed",
      job: m.type === "trial" ? m.job : -1,
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
});
