import { IncomingMessage, ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import type { HeaderLines } from "./header-lines.js";

/**
 * A response its route writes itself, straight to Node's `ServerResponse`, once every middleware
 * has added its headers. The SSE chat stream uses it: a Fetch `Response` with a web stream body,
 * read by the Node adapter, cost more CPU per turn than the rest of the request path together.
 */
export interface DirectResponse {
  /**
   * Fixed header lines: the route's own and those middleware add without touching the
   * placeholder's `Headers` (see `HeaderLines`). They replace placeholder headers of the same name.
   */
  readonly headers: HeaderLines[];
  /** `[name, value, …]` of the headers set for this request alone, on the way out (`setResponseHeader`). */
  readonly ownHeaders: string[];
  /** Writes the head (`[name, value, …]`, as `writeHead` takes it), then the body. */
  start(head: string[]): void;
  /** The request failed on its way out: nothing may be written. */
  cancel(): void;
}

/** The Node response under the request, when the app is served by @hono/node-server. */
export function nodeResponse(c: Context<AppEnv>): ServerResponse | undefined {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

/**
 * A request header, by its lower-case name. Under Node it is read from the request's parsed
 * headers: the adapter's `Headers` stand-in validates the name and scans the value on every read,
 * and a chat request reads five headers. Node's parser has already trimmed the value and refused
 * control characters; a repeated header is joined with ", " (Authorization, Content-Length and
 * Content-Type keep their first value, where the adapter would join them: a joined token or
 * length is refused either way).
 */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return c.req.header(name);
  const value = incoming.headers[name];
  return typeof value === "string" || value === undefined ? value : value.join(", ");
}

/**
 * The route's direct response, if it is going to be written: the route asked for one, and nothing
 * on the way out failed or replaced its placeholder with another status.
 */
export function startingDirectResponse(c: Context<AppEnv>): DirectResponse | undefined {
  const direct = c.get("directResponse");
  return direct && !c.error && c.res.status === 200 ? direct : undefined;
}

/**
 * Sets a header of this request's response, once its route has answered (after `next()`): a direct
 * response writes it with its head; any other response gets it on Hono's `Headers`. Setting it
 * with `c.header` before the route answers would build a `Headers` for the placeholder of a direct
 * response, and iterating that back out for Node cost more than the header's own work.
 */
export function setResponseHeader(c: Context<AppEnv>, name: string, value: string): void {
  const direct = startingDirectResponse(c);
  if (direct) direct.ownHeaders.push(name.toLowerCase(), value);
  else c.header(name, value);
}

/**
 * The outermost middleware: when the route asked to write its own response, hands it the final
 * headers and tells the adapter that the response is already taken care of.
 */
export function directResponses(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const direct = startingDirectResponse(c);
    if (!direct) {
      c.get("directResponse")?.cancel();
      return;
    }
    const head: string[] = [];
    for (const lines of direct.headers) head.push(...lines.flat);
    head.push(...direct.ownHeaders);
    // What middleware set with c.header (CORS) is on the placeholder.
    c.res.headers.forEach((value, name) => {
      if (!direct.headers.some((lines) => lines.names.has(name))) head.push(name, value);
    });
    direct.start(head);
    // Cleared first: Hono would otherwise merge the marker into a copy of the placeholder, and
    // the adapter writes copies.
    c.res = undefined;
    c.res = RESPONSE_ALREADY_SENT;
  };
}
