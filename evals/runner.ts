import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { createModels } from "../models/index.js";
import { OFFLINE_EMBEDDING_MODEL, OfflineEmbeddings } from "../models/offline/embeddings.js";
import { computeMetrics, type RunMetrics, type ScenarioSummary, summariseScenarios } from "./metrics.js";
import { type Job, runJobs } from "./pool.js";
import type { TrialResult } from "./run-trial.js";
import { loadScenarios, type Scenario } from "./scenario.js";
import { evalServerConfig } from "./targets.js";
import { ensureTemplate, sweepStaleCopies, type Template } from "./template.js";
import { type HostOptions, modelEnv, scratchDir, type TrialHost } from "./trial-host.js";

/** An eval run: load the suites, make sure the template exists, run every trial, compute the metrics. */

export const KNOWN_GAPS_FILE = fileURLToPath(new URL("./known-gaps.yaml", import.meta.url));

const KnownGapsSchema = z
  .array(z.object({ id: z.string(), reason: z.string().min(10) }).strict())
  .default([]);
export type KnownGap = z.infer<typeof KnownGapsSchema>[number];

/** Scenarios that fail because of a known gap of the offline model, each with its reason. */
export function loadKnownGaps(file = KNOWN_GAPS_FILE): KnownGap[] {
  if (!existsSync(file)) return [];
  const parsed = KnownGapsSchema.safeParse(parseYaml(readFileSync(file, "utf8")) ?? []);
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

export interface RunOptions {
  suites?: string[];
  /** Only these scenario ids. */
  ids?: string[];
  model: "offline" | "openai";
  k: number;
  url?: string | undefined;
  databaseUrl?: string | undefined;
  concurrency: number;
  /** Use each scenario's simulator instruction (default: on for live models). */
  simulate?: boolean;
  turnTimeoutMs?: number;
  onResult?: (r: TrialResult, done: number, total: number) => void;
  onStart?: (total: number) => void;
  log?: (line: string) => void;
  /** Run the trials on this host, in this process (tests). */
  host?: TrialHost;
  scenarios?: Scenario[];
}

export interface RunResults {
  runId: string;
  startedAt: string;
  durationMs: number;
  options: {
    suites: string[];
    model: string;
    k: number;
    url: string | null;
    concurrency: number;
    simulate: boolean;
  };
  template: { stamp: string; built: boolean; ms: number } | null;
  knownGaps: KnownGap[];
  scenarios: (ScenarioSummary & { knownGap: string | null })[];
  metrics: RunMetrics;
  trials: TrialResult[];
}

export function newRunId(model: string, at = new Date()): string {
  return `${at.toISOString().replace(/[:.]/g, "-").slice(0, 19)}-${model}`;
}

export async function prepareTemplate(
  model: RunOptions["model"],
  log: (line: string) => void = () => {},
): Promise<Template> {
  const env = modelEnv(model);
  const config = evalServerConfig("memory://", env);
  // The template only needs the embedding model; the offline chat model would train its NLU for nothing.
  const embeddings =
    config.model.embeddingModel === OFFLINE_EMBEDDING_MODEL
      ? OfflineEmbeddings.load()
      : createModels(config).embeddings;
  return ensureTemplate({ embeddings }, { log });
}

export async function runEvals(opts: RunOptions): Promise<RunResults> {
  const t0 = performance.now();
  const startedAt = new Date();
  const runId = newRunId(opts.model, startedAt);
  const log = opts.log ?? (() => {});
  const all = opts.scenarios ?? loadScenarios(opts.suites ?? []);
  const scenarios = opts.ids?.length ? all.filter((s) => opts.ids!.includes(s.id)) : all;
  if (opts.ids?.length && scenarios.length !== opts.ids.length) {
    const known = new Set(scenarios.map((s) => s.id));
    throw new Error(`unknown scenario ids: ${opts.ids.filter((id) => !known.has(id)).join(", ")}`);
  }
  const simulate = opts.simulate ?? opts.model !== "offline";
  const template = opts.url || opts.host ? undefined : await prepareTemplate(opts.model, log);
  if (template) {
    const swept = sweepStaleCopies(scratchDir());
    if (swept) log(`removed ${swept} trial databases that earlier runs left behind`);
  }
  if (template?.built) log(`eval template built in ${(template.ms / 1000).toFixed(1)} s`);

  const hostOptions: HostOptions = {
    model: opts.model,
    url: opts.url,
    databaseUrl: opts.databaseUrl,
    runId: runId.replace(/[^a-zA-Z0-9]/g, "").slice(-12),
    template,
    simulate,
    turnTimeoutMs: opts.turnTimeoutMs ?? (opts.model === "offline" ? 60_000 : 180_000),
  };
  const jobs: Job[] = scenarios.flatMap((scenario) =>
    Array.from({ length: opts.k }, (_, trial) => ({ scenario, trial })),
  );
  opts.onStart?.(jobs.length);
  let done = 0;
  const trials = await runJobs(jobs, {
    concurrency: opts.concurrency,
    hostOptions,
    ...(opts.host ? { host: opts.host } : {}),
    onResult: (r) => opts.onResult?.(r, ++done, jobs.length),
  });
  const gaps = loadKnownGaps();
  const gapOf = new Map(gaps.map((g) => [g.id, g.reason]));
  return {
    runId,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    options: {
      suites: [...new Set(scenarios.map((s) => s.suite))],
      model: opts.model,
      k: opts.k,
      url: opts.url ?? null,
      concurrency: opts.concurrency,
      simulate,
    },
    template: template ? { stamp: template.stamp, built: template.built, ms: Math.round(template.ms) } : null,
    knownGaps: gaps.filter((g) => scenarios.some((s) => s.id === g.id)),
    scenarios: summariseScenarios(trials).map((s) => ({ ...s, knownGap: gapOf.get(s.id) ?? null })),
    metrics: computeMetrics(trials),
    trials: trials.sort(
      (a, b) =>
        a.suite.localeCompare(b.suite) || a.scenarioId.localeCompare(b.scenarioId) || a.trial - b.trial,
    ),
  };
}
