import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";

/**
 * One structured line per request, with its id (no child logger per request: it costs more than
 * the line itself).
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  // The request line's fields are fixed and none carries a secret (no headers, no query string),
  // so it skips the redaction pass, which costs as much as writing the rest of the line.
  const lines = logger.child({}, { redact: [] });
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const principal = c.get("principal") as { userId: string } | undefined;
    lines.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        route: c.req.routePath,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - t0) * 10) / 10,
        userId: principal?.userId,
      },
      "request",
    );
  };
}
