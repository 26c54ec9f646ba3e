import { Client } from "langsmith";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOf, feedbackOf, outputsOf, uploadToLangSmith } from "./langsmith.js";
import { computeMetrics, summariseScenarios } from "./metrics.js";
import type { TrialResult } from "./run-trial.js";
import type { RunResults } from "./runner.js";
import { parseScenario } from "./scenario.js";

/** The experiment upload, against a LangSmith API played by msw (enough of it for `evaluate`). */

const API = "https://langsmith.test";
const now = () => new Date().toISOString();

function fakeLangSmith() {
  let dataset: Record<string, unknown> | undefined;
  const examples: Record<string, unknown>[] = [];
  const feedback: { key: string; score: number; comment?: string }[] = [];
  const session = {
    id: "33333333-3333-4333-8333-333333333333",
    tenant_id: "44444444-4444-4444-8444-444444444444",
  };
  const handlers = [
    http.get(`${API}/info`, () =>
      // JSON run batches (not multipart), so that feedback arrives at POST /feedback where this fake sees it.
      HttpResponse.json({
        version: "0.10.0",
        instance_flags: { dataset_examples_multipart_enabled: true },
        batch_ingest_config: { use_multipart_endpoint: false, size_limit: 100, size_limit_bytes: 20_000_000 },
      }),
    ),
    http.get(`${API}/datasets`, () => HttpResponse.json(dataset ? [dataset] : [])),
    http.post(`${API}/datasets`, () => {
      dataset = { id: "11111111-1111-4111-8111-111111111111", name: "proxie-evals", created_at: now() };
      return HttpResponse.json(dataset);
    }),
    http.get(`${API}/datasets/:id`, () => HttpResponse.json(dataset ?? {})),
    http.get(`${API}/examples`, ({ request }) =>
      HttpResponse.json(new URL(request.url).searchParams.get("offset") === "0" ? examples : []),
    ),
    http.get(`${API}/examples/:id`, ({ params }) =>
      HttpResponse.json(examples.find((e) => e.id === params.id) ?? {}),
    ),
    http.post(`${API}/v1/platform/datasets/:id/examples`, async ({ request }) => {
      const form = await request.formData();
      const ids: string[] = [];
      for (const [key, value] of form.entries()) {
        const [id, part] = key.split(".");
        const body = JSON.parse(await (value as Blob).text());
        let e = examples.find((x) => x.id === id);
        if (!e) {
          e = { id, dataset_id: dataset?.id, created_at: now(), modified_at: now(), runs: [] };
          examples.push(e);
          ids.push(id!);
        }
        if (part) e[part] = body;
        else Object.assign(e, body);
      }
      return HttpResponse.json({ example_ids: ids, count: ids.length });
    }),
    http.post(`${API}/sessions`, () =>
      HttpResponse.json({ ...session, name: "proxie-offline-test", start_time: now() }),
    ),
    http.get(`${API}/sessions`, () => HttpResponse.json([{ ...session, name: "proxie-offline-test" }])),
    http.patch(`${API}/sessions/:id`, () => HttpResponse.json({})),
    http.post(`${API}/feedback`, async ({ request }) => {
      feedback.push((await request.json()) as (typeof feedback)[number]);
      return HttpResponse.json({ id: crypto.randomUUID() });
    }),
    http.post(`${API}/runs/batch`, () => HttpResponse.json({})),
    http.post(`${API}/runs/multipart`, () => HttpResponse.json({})),
    http.post(`${API}/runs`, () => HttpResponse.json({})),
    http.patch(`${API}/runs/:id`, () => HttpResponse.json({})),
  ];
  return { handlers, examples, feedback, dataset: () => dataset };
}

const scenario = parseScenario(
  `
id: ls-fade
principal: { role: consumer, userId: eval-c1 }
turns: ["I need a fade tomorrow after 5", "the first one", "yes"]
expect: { db: { bookings: [{ consumer: eval-c1 }] } }
`,
  "ls-fade.yaml",
  "haircut",
);

const trial = (status: TrialResult["status"], index: number): TrialResult => ({
  scenarioId: "ls-fade",
  suite: "haircut",
  title: undefined,
  trial: index,
  status,
  reasons:
    status === "pass"
      ? []
      : [
          'db: bookings: expected a new or changed row {consumer: "eval-c1"}, but the conversation changed no bookings row',
        ],
  checks: [
    { name: "db", ok: status === "pass", reasons: [] },
    { name: "routes", ok: true, reasons: [] },
  ],
  facts: {
    routePairs: [{ expected: "haircut", actual: "haircut" }],
    tools: { truePositive: 1, falsePositive: 0, falseNegative: 0 },
    writes: { turns: 1, confirmed: 1, violations: [] },
  },
  turns: [],
  changes: [],
  usage: { inputTokens: 10, outputTokens: 2, costUsd: 0 },
  mode: "scripted",
  setupMs: 1,
  durationMs: 1,
});

describe("LangSmith results", () => {
  const fake = fakeLangSmith();
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
  afterAll(() => server.close());

  it("map a scenario to an example and a trial to outputs and feedback", () => {
    expect(exampleOf(scenario)).toMatchObject({
      inputs: {
        scenarioId: "ls-fade",
        suite: "haircut",
        turns: [{ as: "principal", say: "I need a fade tomorrow after 5" }, {}, {}],
      },
      reference_outputs: { expect: { db: { bookings: [{ consumer: "eval-c1" }] } } },
    });
    const failed = trial("fail", 0);
    expect(feedbackOf({ ...outputsOf(failed), checks: failed.checks })).toEqual([
      { key: "success", score: 0, comment: failed.reasons[0] },
      { key: "db", score: 0, comment: "ok" },
      { key: "routes", score: 1, comment: "ok" },
    ]);
  });

  it("upload a run as an experiment: the dataset, one run per trial with our verdicts, pass^k", async () => {
    const trials = [trial("pass", 0), trial("fail", 1)];
    const results: RunResults = {
      runId: "test-run",
      startedAt: now(),
      durationMs: 1,
      options: { suites: ["haircut"], model: "offline", k: 2, url: null, concurrency: 1, simulate: false },
      template: null,
      knownGaps: [],
      scenarios: summariseScenarios(trials).map((s) => ({ ...s, knownGap: null })),
      metrics: computeMetrics(trials),
      trials,
    };
    const { experiment } = await uploadToLangSmith(results, [scenario], {
      client: new Client({ apiUrl: API, apiKey: "test-key" }),
    });
    expect(experiment).toBe("proxie-offline-test");
    expect(fake.dataset()).toMatchObject({ name: "proxie-evals" });
    expect(fake.examples).toHaveLength(1);
    const success = fake.feedback.filter((f) => f.key === "success").map((f) => f.score);
    expect(success.sort()).toEqual([0, 1]);
    expect(fake.feedback.find((f) => f.key === "pass^1")?.score).toBe(0.5);
    expect(fake.feedback.find((f) => f.key === "pass^2")?.score).toBe(0);
  }, 60_000);
});
