import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import { traced, tracingEnabled } from "../../core/tracing.js";
import type { AppEnv } from "../app-env.js";
import type { Metrics } from "../metrics.js";

/**
 * Everything recorded of a request, in one middleware: its span (when a tracer is registered), its
 * latency in the route's histogram, and one structured log line with its id. One layer rather than
 * three: each layer of Hono's middleware chain costs a promise and a closure on every request.
 */
export function observeRequests({
  logger,
  metrics,
}: {
  logger: Logger;
  metrics: Pick<Metrics, "httpDuration">;
}): MiddlewareHandler<AppEnv> {
  // The request line's fields are fixed and none carries a secret (no headers, no query string),
  // so it skips the redaction pass, which costs as much as writing the rest of the line. No child
  // logger per request either: it costs more than the line itself.
  const lines = logger.child({}, { redact: [] });
  const record = (c: Context<AppEnv>, t0: number) => {
    const ms = performance.now() - t0;
    const method = c.req.method;
    const route = c.req.routePath;
    const status = c.res.status;
    metrics.httpDuration.observe({ method, route, status: String(status) }, ms / 1000);
    const principal = c.get("principal") as { userId: string } | undefined;
    lines.info(
      {
        requestId: c.get("requestId"),
        method,
        route,
        path: c.req.path,
        status,
        ms: Math.round(ms * 10) / 10,
        userId: principal?.userId,
      },
      "request",
    );
  };
  return async (c, next) => {
    const t0 = performance.now();
    if (!tracingEnabled()) await next();
    else
      await traced(
        `HTTP ${c.req.method}`,
        { "http.request.method": c.req.method, "url.path": c.req.path },
        async (span) => {
          await next();
          span.updateName(`${c.req.method} ${c.req.routePath}`);
          span.setAttributes({ "http.route": c.req.routePath, "http.response.status_code": c.res.status });
        },
      );
    record(c, t0);
  };
}
