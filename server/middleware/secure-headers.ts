import { Hono, type MiddlewareHandler } from "hono";
import { secureHeaders as honoSecureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.js";
import { startingDirectResponse } from "./direct-response.js";
import { type HeaderLines, headerLines } from "./header-lines.js";

/**
 * Hono's security headers with its defaults, read once from its middleware's own response when this
 * module loads, so that they stay Hono's (and change with it) while costing nothing per request.
 */
export const SECURE_HEADERS: HeaderLines = headerLines(
  (
    await new Hono()
      .use(honoSecureHeaders())
      .get("/", (c) => c.body(null, 204))
      .request("/")
  ).headers,
);

/**
 * Hono's `secureHeaders()`: every response gets the headers, replacing any of the same name, and
 * loses `X-Powered-By`. A response the route writes itself gets them as lines written with its
 * head (see `directResponses`).
 */
export function secureHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const direct = startingDirectResponse(c);
    if (direct) {
      direct.headers.push(SECURE_HEADERS);
      return;
    }
    const headers = c.res.headers;
    for (let i = 0; i < SECURE_HEADERS.flat.length; i += 2)
      headers.set(SECURE_HEADERS.flat[i]!, SECURE_HEADERS.flat[i + 1]!);
    headers.delete("x-powered-by");
  };
}
