import { Client } from "langsmith";
import { type EvaluationResult, evaluate } from "langsmith/evaluation";
import type { Example } from "langsmith/schemas";
import type { TrialResult } from "./run-trial.js";
import type { RunResults } from "./runner.js";
import type { Scenario } from "./scenario.js";

/**
 * Results as a LangSmith experiment (when LANGSMITH_API_KEY is set): each scenario is an example of
 * the dataset `proxie-evals` (created or completed on first use), each trial a run of the
 * experiment, and our verdicts its feedback. The trials are not run again: the experiment's
 * target hands back the results this run already judged, so LangSmith shows exactly them.
 */

export const DATASET = "proxie-evals";

/** What an example holds: the scenario's conversation as input, its expectations as reference. */
export function exampleOf(s: Scenario) {
  return {
    inputs: {
      scenarioId: s.id,
      suite: s.suite,
      principal: s.principal,
      turns: s.turns.map((t) => ({
        as: t.as ?? "principal",
        ...(t.say ? { say: t.say } : { resume: t.resume }),
      })),
      ...(s.simulator ? { instruction: s.simulator.instruction } : {}),
    },
    reference_outputs: { expect: s.expect },
    metadata: { scenarioId: s.id, suite: s.suite },
  };
}

/** A trial's outputs as the experiment shows them. */
export function outputsOf(r: TrialResult) {
  return {
    status: r.status,
    reasons: r.reasons,
    transcript: r.turns.map((t) => ({
      actor: t.actor,
      user: t.input.say ?? `[${t.input.resume}]`,
      agent: t.route,
      tools: t.toolCalls.map((c) => c.name),
      confirm: t.confirm?.summary ?? null,
      reply: t.reply,
    })),
    changes: r.changes,
    usage: r.usage,
  };
}

/** Our checks as feedback: success, then one key per check (1 passed, 0 failed). */
export function feedbackOf(
  outputs: ReturnType<typeof outputsOf> & { checks?: TrialResult["checks"] },
): EvaluationResult[] {
  const out: EvaluationResult[] = [
    {
      key: "success",
      score: outputs.status === "pass" ? 1 : 0,
      comment: outputs.reasons.join("\n") || "passed",
    },
  ];
  for (const c of outputs.checks ?? []) {
    if (c.skipped) continue;
    out.push({ key: c.name, score: c.ok ? 1 : 0, comment: c.reasons.join("\n") || "ok" });
  }
  return out;
}

async function syncDataset(client: Client, scenarios: Scenario[]): Promise<Example[]> {
  if (!(await client.hasDataset({ datasetName: DATASET }))) {
    await client.createDataset(DATASET, {
      description: "Proxie eval scenarios (evals/scenarios), one example each",
    });
  }
  const known = new Map<string, Example>();
  for await (const e of client.listExamples({ datasetName: DATASET })) {
    const id = (e.metadata as { scenarioId?: string } | undefined)?.scenarioId;
    if (id) known.set(id, e);
  }
  const missing = scenarios.filter((s) => !known.has(s.id));
  if (missing.length) {
    const created = await client.createExamples(
      missing.map((s) => ({ ...exampleOf(s), dataset_name: DATASET })),
    );
    for (const e of created) {
      const id = (e.metadata as { scenarioId?: string } | undefined)?.scenarioId;
      if (id) known.set(id, e);
    }
  }
  return scenarios.map((s) => known.get(s.id)).filter((e): e is Example => Boolean(e));
}

export async function uploadToLangSmith(
  results: RunResults,
  scenarios: Scenario[],
  { client = new Client() }: { client?: Client } = {},
): Promise<{ experiment: string }> {
  const ran = new Set(results.trials.filter((t) => t.status !== "skipped").map((t) => t.scenarioId));
  const examples = await syncDataset(
    client,
    scenarios.filter((s) => ran.has(s.id)),
  );
  // Each repetition of an example takes the next trial of its scenario.
  const queues = new Map<string, TrialResult[]>();
  for (const t of results.trials.filter((x) => x.status !== "skipped")) {
    queues.set(t.scenarioId, [...(queues.get(t.scenarioId) ?? []), t]);
  }
  const experiment = await evaluate(
    async (inputs: { scenarioId: string }) => {
      const trial = queues.get(inputs.scenarioId)?.shift();
      if (!trial) throw new Error(`no trial left for ${inputs.scenarioId}`);
      return { ...outputsOf(trial), checks: trial.checks };
    },
    {
      data: examples,
      evaluators: [
        ({ outputs }: { outputs: Record<string, unknown> }) => ({
          results: feedbackOf(outputs as Parameters<typeof feedbackOf>[0]),
        }),
      ],
      summaryEvaluators: [
        () => ({
          results: [
            ...results.metrics.passHatK.map((p) => ({ key: `pass^${p.k}`, score: p.value })),
            { key: "routing_accuracy", score: results.metrics.routing.accuracy },
            { key: "tool_precision", score: results.metrics.tools.precision },
            { key: "tool_recall", score: results.metrics.tools.recall },
            { key: "confirmed_writes", score: results.metrics.confirmations.rate },
          ],
        }),
      ],
      experimentPrefix: `proxie-${results.options.model}`,
      description: `Proxie evals ${results.runId}`,
      metadata: { runId: results.runId, ...results.options },
      numRepetitions: results.options.k,
      maxConcurrency: 1,
      client,
    },
  );
  return { experiment: experiment.experimentName };
}
