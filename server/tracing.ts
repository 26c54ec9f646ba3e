import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * Registers the OpenTelemetry tracer provider: spans go to the OTLP/HTTP endpoint when one is
 * configured (or to the given exporter, in tests). Returns a shutdown that flushes what is queued.
 */
export function initTracing(opts: {
  endpoint?: string | undefined;
  exporter?: SpanExporter;
  version: string;
}): () => Promise<void> {
  const exporter =
    opts.exporter ??
    (opts.endpoint
      ? new OTLPTraceExporter({ url: `${opts.endpoint.replace(/\/$/, "")}/v1/traces` })
      : undefined);
  if (!exporter) return async () => {};
  // A given exporter (tests) sees each span as it ends; the network exporter gets batches.
  const processors: SpanProcessor[] = [
    opts.exporter
      ? new SimpleSpanProcessor(exporter)
      : new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 }),
  ];
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": "proxie", "service.version": opts.version }),
    spanProcessors: processors,
  });
  provider.register();
  return () => provider.shutdown();
}
