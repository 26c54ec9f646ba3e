import {
  type Attributes,
  INVALID_SPAN_CONTEXT,
  ProxyTracerProvider,
  type Span,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

/**
 * Spans of Proxie's own work: request → graph node → model call → tool → SQL. Without a tracer
 * provider registered (no OTLP endpoint configured) no span is made at all: the API's no-op spans
 * and context switching still cost a few µs on every request and every SQL statement.
 */
const tracer = () => trace.getTracer("proxie");

/** The API's own no-op provider: what the global provider hands out until one is registered. */
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();
const NOT_RECORDED: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** True once a tracer provider is registered (server/tracing.ts). */
export function tracingEnabled(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider && provider.getDelegate() === NOOP_PROVIDER);
}

export async function traced<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return fn(NOT_RECORDED);
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
