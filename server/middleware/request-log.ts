import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";

/**
 * One structured line per request, with its id; a child logger with the id is put on the context.
 * Headers are not logged: they carry tokens.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    const log = logger.child({ requestId: c.get("requestId") });
    c.set("log", log);
    await next();
    const principal = c.get("principal") as { userId: string } | undefined;
    log.info(
      {
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
