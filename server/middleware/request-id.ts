import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { requestHeader, setResponseHeader } from "./direct-response.js";

/** What Hono's `requestId()` accepts from a client: at most 255 word characters, `-` or `=`. */
const CLIENT_ID = /^[\w\-=]{1,255}$/;

/**
 * Hono's `requestId()`, with the header set on the way out through `setResponseHeader`: the
 * client's `X-Request-Id` when it is well formed, a random UUID otherwise, on the context as
 * `requestId` (the log line and error bodies carry it) and on the response. Hono's sets the header
 * before the route answers, which builds a `Headers` for every response, the SSE stream's too.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = requestHeader(c, "x-request-id");
    const id = given && CLIENT_ID.test(given) ? given : crypto.randomUUID();
    c.set("requestId", id);
    await next();
    setResponseHeader(c, "X-Request-Id", id);
  };
}
