import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Db } from "../db/pool.js";
import { createModels, type Models } from "../models/index.js";
import { runTrial, type TrialResult } from "./run-trial.js";
import type { Scenario } from "./scenario.js";
import { createLlmSimulator, simulatorModel } from "./simulator.js";
import { evalServerConfig, localTargets, remoteTargets, type TargetFactory } from "./targets.js";
import type { Template } from "./template.js";

/**
 * What runs trials, in the runner's process or in a worker process: the models (loaded once and
 * shared by every trial it runs), the target factory and, in live runs, the simulated user.
 */

export interface HostOptions {
  model: "offline" | "openai";
  /** Deployed server to evaluate instead of an in-process one. */
  url?: string | undefined;
  databaseUrl?: string | undefined;
  runId: string;
  template?: Pick<Template, "dir" | "stamp" | "built" | "ms"> | undefined;
  /** Play the principal with an LLM when the scenario has a simulator instruction (live runs). */
  simulate: boolean;
  turnTimeoutMs: number;
}

/** Environment of the run's models: offline unless asked, the rest (keys, endpoint) from the process. */
export function modelEnv(model: HostOptions["model"], env = process.env): Record<string, string | undefined> {
  return { ...env, MODEL_PROVIDER: model };
}

/** Where trial databases are copied to: memory (tmpfs) when the machine has it, else the temp dir. */
export function scratchDir(): string {
  return process.platform === "linux" && existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

export interface TrialHost {
  run(s: Scenario, trial: number): Promise<TrialResult>;
  close(): Promise<void>;
}

export async function createTrialHost(
  opts: HostOptions,
  extra: { models?: Models; prepare?: (db: Db, s: Scenario) => Promise<void> } = {},
): Promise<TrialHost> {
  const env = modelEnv(opts.model);
  let targets: TargetFactory;
  if (opts.url) {
    targets = await remoteTargets({ url: opts.url, databaseUrl: opts.databaseUrl, runId: opts.runId });
  } else {
    if (!opts.template) throw new Error("an in-process run needs the eval template");
    const models = extra.models ?? createModels(evalServerConfig("memory://", env));
    targets = localTargets({
      template: { ...opts.template },
      models,
      env,
      parentDir: scratchDir(),
      ...(extra.prepare ? { prepare: extra.prepare } : {}),
    });
  }
  const sim = opts.simulate ? simulatorModel(env) : undefined;
  return {
    run: (s, trial) =>
      runTrial(s, trial, targets, {
        turnTimeoutMs: opts.turnTimeoutMs,
        simulate: (sc) =>
          sim && sc.simulator
            ? createLlmSimulator({
                ...sim,
                instruction: sc.simulator.instruction,
                maxTurns: sc.simulator.maxTurns,
              })
            : undefined,
      }),
    close: () => targets.close(),
  };
}
