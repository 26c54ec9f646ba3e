import { type Attributes, type Span, SpanStatusCode, trace } from "@opentelemetry/api";

/**
 * Spans of Proxie's own work: request → graph node → model call → tool → SQL. Without a tracer
 * provider registered (no OTLP endpoint configured) the API hands out no-op spans, so this costs
 * nothing in the default setup.
 */
const tracer = () => trace.getTracer("proxie");

export async function traced<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
