import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type TrialResult, trialWithoutTurns } from "./run-trial.js";
import type { Scenario } from "./scenario.js";
import type { HostOptions, TrialHost } from "./trial-host.js";

/** Runs trials on N worker processes (or in this process when N is 1), reporting each result as it lands. */

export type WorkerRequest =
  | { type: "init"; options: HostOptions }
  | { type: "trial"; job: number; scenario: Scenario; trial: number }
  | { type: "stop" };

export type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; job: number; result: TrialResult }
  | { type: "failed"; job: number; message: string };

export interface Job {
  scenario: Scenario;
  trial: number;
}

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

function failed(job: Job, message: string): TrialResult {
  return trialWithoutTurns(job.scenario, job.trial, {
    status: "error",
    reasons: [`error: ${message}`],
    mode: "scripted",
  });
}

/** Longer conversations first, so that the last job to finish is a short one. */
function weight(j: Job): number {
  return (
    j.scenario.turns.length + 2 * Object.keys(j.scenario.actors).length + (j.scenario.simulator ? 10 : 0)
  );
}

export async function runJobs(
  jobs: Job[],
  opts: {
    concurrency: number;
    hostOptions: HostOptions;
    /** Runs the trials in this process (concurrency 1, tests). */
    host?: TrialHost;
    onResult?: (r: TrialResult) => void;
  },
): Promise<TrialResult[]> {
  const results: TrialResult[] = new Array(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => weight(jobs[b]!) - weight(jobs[a]!) || a - b);
  if (opts.host || opts.concurrency <= 1) {
    const { createTrialHost } = await import("./trial-host.js");
    const host = opts.host ?? (await createTrialHost(opts.hostOptions));
    try {
      for (const i of order) {
        results[i] = await host.run(jobs[i]!.scenario, jobs[i]!.trial);
        opts.onResult?.(results[i]!);
      }
    } finally {
      if (!opts.host) await host.close();
    }
    return results;
  }

  const queue = [...order];
  const workers = Math.min(opts.concurrency, jobs.length);
  await new Promise<void>((resolve) => {
    let finished = 0;
    let live = 0;
    const start = () => {
      live++;
      const child: ChildProcess = fork(WORKER, [], {
        execArgv: ["--import", "tsx"],
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      let current: number | undefined;
      const next = () => {
        current = queue.shift();
        if (current === undefined) child.send({ type: "stop" } satisfies WorkerRequest);
        else child.send({ type: "trial", job: current, ...jobs[current]! } satisfies WorkerRequest);
      };
      const land = (job: number, r: TrialResult) => {
        results[job] = r;
        finished++;
        opts.onResult?.(r);
      };
      child.on("message", (m: WorkerMessage) => {
        if (m.type === "ready") next();
        else if (m.type === "result") {
          land(m.job, m.result);
          next();
        } else if (m.type === "failed") {
          if (m.job >= 0) land(m.job, failed(jobs[m.job]!, m.message));
          else {
            // The worker could not start: give its queue back and let it go.
            process.stderr.write(`eval worker failed to start: ${m.message}\n`);
            current = undefined;
            child.kill();
            return;
          }
          next();
        }
      });
      child.on("exit", (code) => {
        live--;
        if (current !== undefined) {
          land(current, failed(jobs[current]!, `the worker process exited (code ${code}) during this trial`));
          current = undefined;
          if (queue.length) start();
        }
        if (finished === jobs.length || (live === 0 && !queue.length)) resolve();
        else if (live === 0 && queue.length) {
          // Every worker is gone: run nothing more than reporting what is left as errors.
          for (const j of queue.splice(0)) land(j, failed(jobs[j]!, "no eval worker is left to run it"));
          resolve();
        }
      });
      child.send({ type: "init", options: opts.hostOptions } satisfies WorkerRequest);
    };
    for (let i = 0; i < workers; i++) start();
  });
  return results;
}
