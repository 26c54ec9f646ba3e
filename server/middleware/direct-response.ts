import { ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";

/**
 * A response its route writes itself, straight to Node's `ServerResponse`, once every middleware
 * has added its headers. The SSE chat stream uses it: a Fetch `Response` with a web stream body,
 * read by the Node adapter, cost more CPU per turn than the rest of the request path together.
 */
export interface DirectResponse {
  /** Writes the head with the route's placeholder's headers, as middleware left them, then the body. */
  start(headers: Headers): void;
  /** The request failed on its way out: nothing may be written. */
  cancel(): void;
}

/** The Node response under the request, when the app is served by @hono/node-server. */
export function nodeResponse(c: Context<AppEnv>): ServerResponse | undefined {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

/**
 * The outermost middleware: when the route asked to write its own response, hands it the final
 * headers and tells the adapter that the response is already taken care of.
 */
export function directResponses(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const direct = c.get("directResponse");
    if (!direct) return;
    if (c.error || c.res.status !== 200) {
      direct.cancel();
      return;
    }
    direct.start(c.res.headers);
    // Cleared first: Hono would otherwise merge the marker into a copy of the placeholder, and
    // the adapter writes copies.
    c.res = undefined;
    c.res = RESPONSE_ALREADY_SENT;
  };
}
