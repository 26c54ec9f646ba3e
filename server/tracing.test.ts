import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfflineDecision, OfflineTurnInput } from "../models/offline/chat-model.js";
import { createTestApp } from "../test/app.js";
import { openTestDb, type TestDb } from "../test/db.js";
import { makeProvider } from "../test/fixtures.js";
import { createTestGraph } from "../test/graph.js";
import { initTracing } from "./tracing.js";

function searcher(input: OfflineTurnInput): OfflineDecision {
  if (input.tools.length === 1 && input.tools[0]!.name === "route") {
    return { content: "", toolCalls: [{ name: "route", args: { agent: "haircut", continuation: false } }] };
  }
  if (input.messages.at(-1)?.getType() === "human") {
    return {
      content: "",
      toolCalls: [
        { name: "search_providers", args: { query: "trace fades", category: "haircut", zip: "78704" } },
      ],
    };
  }
  return { content: "Here are some barbers." };
}

// One engine is enough: the tracer provider is process-wide, and the spans are ours, not the database's.
describe("OpenTelemetry traces", () => {
  const exporter = new InMemorySpanExporter();
  let stop: () => Promise<void>;
  let testDb: TestDb;
  const db = () => testDb;
  beforeAll(async () => {
    stop = initTracing({ exporter, version: "test" });
    testDb = await openTestDb();
  });
  afterAll(async () => {
    await stop();
    await testDb?.close();
  });

  it("nests request → graph node → model call and tool → SQL", async () => {
    await makeProvider(db(), { name: "Trace Fades" });
    const g = await createTestGraph(db(), searcher);
    const t = createTestApp(db(), { turns: g.deps });
    const token = await t.tokenFor("trace-user");
    exporter.reset();
    const res = await t.app.request("/v1/chat", {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({ message: "find me a barber" }),
    });
    expect(res.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => byId.get(s.parentSpanContext?.spanId ?? "");
    const chain = (s: ReadableSpan): string[] => {
      const names: string[] = [];
      for (let p: ReadableSpan | undefined = s; p; p = parentOf(p)) names.unshift(p.name);
      return names;
    };
    const toolSql = spans.find((s) => s.name === "sql" && chain(s).includes("tool search_providers"));
    expect(chain(toolSql!)).toEqual(["POST /v1/chat", "graph.node tools", "tool search_providers", "sql"]);
    const model = spans.find((s) => s.name === "model.call" && chain(s).includes("graph.node haircut"));
    expect(chain(model!)).toEqual(["POST /v1/chat", "graph.node haircut", "model.call"]);
    expect(toolSql!.attributes["db.statement"]).toMatch(/FROM providers/);
  });
});
