import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { expect, it } from "vitest";
import { initTracing } from "../server/tracing.js";
import { traced, tracingEnabled } from "./tracing.js";

it("makes no span until a tracer provider is registered, then records each one", async () => {
  expect(tracingEnabled()).toBe(false);
  const before = await traced("sql", { "db.statement": "SELECT 1" }, async (span) => {
    expect(span.isRecording()).toBe(false);
    return 41;
  });
  expect(before).toBe(41);

  const exporter = new InMemorySpanExporter();
  const stop = initTracing({ exporter, version: "test" });
  try {
    expect(tracingEnabled()).toBe(true);
    await traced("sql", { "db.statement": "SELECT 2" }, async (span) => {
      expect(span.isRecording()).toBe(true);
    });
    await expect(
      traced("tool search", {}, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(["sql", "tool search"]);
    expect(spans[0]!.attributes["db.statement"]).toBe("SELECT 2");
    expect(spans[1]!.status.message).toBe("boom");
  } finally {
    await stop();
  }
});
