import type { MiddlewareHandler } from "hono";
import { bodyLimit as countingBodyLimit } from "hono/body-limit";
import { requestHeader } from "./direct-response.js";

interface BodyLimitOptions {
  maxSize: number;
  onError: Parameters<typeof countingBodyLimit>[0]["onError"] & {};
}

/**
 * Hono's body limit, without its cost on requests whose size is known before the body is read.
 * `bodyLimit` starts by reading `c.req.raw.body`, which makes the Node adapter build a full Fetch
 * `Request` with a web stream over the socket for every request, even a GET. A GET or HEAD has no
 * body to count, and a declared Content-Length (without Transfer-Encoding) is enforced by Node's
 * HTTP parser, so the header alone decides; a chunked body is still counted as it streams in.
 */
export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const counting = countingBodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = requestHeader(c, "content-length");
    if (length !== undefined && requestHeader(c, "transfer-encoding") === undefined) {
      return Number(length) > options.maxSize ? options.onError(c) : next();
    }
    return counting(c, next);
  };
}
