import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import type { ZodError } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode } from "../../core/errors.js";

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
}

export function errorResponse(c: Context, err: AppError): Response {
  if (err.code === "rate_limited" && typeof err.details?.retryAfterSeconds === "number") {
    c.header("Retry-After", String(Math.ceil(err.details.retryAfterSeconds)));
  }
  return c.json({ error: err.toJSON() }, err.status);
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "bad_request",
  429: "rate_limited",
  503: "unavailable",
};

/**
 * Every error leaves in the contract's shape. Database errors, stacks and SQL are logged with
 * the request id and never shown: the client gets `internal` and the id to quote.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const code = HTTP_CODES[err.status] ?? (err.status >= 500 ? "internal" : "bad_request");
    const message =
      err.status === 400 && /json/i.test(err.message)
        ? "The request body is not valid JSON."
        : err.status === 415
          ? "Send the body as JSON with Content-Type: application/json."
          : err.message || "The request was refused.";
    return new AppError(code, message);
  }
  if (isModelUnavailable(err)) {
    return new AppError(
      "unavailable",
      "Proxie's assistant is busy right now. Your conversation is saved; send your message again in a minute.",
    );
  }
  if (isConnectionError(err))
    return new AppError("unavailable", "The service is temporarily unavailable. Try again shortly.");
  return new AppError("internal", "Something went wrong on our side.");
}

/**
 * The model endpoint said "later" (429, 5xx) or could not be reached, after the client's retries.
 * Only HTTP clients' errors carry a numeric status here (AppError and HTTPException are handled
 * first); LangChain also tags rate limits with an error code.
 */
function isModelUnavailable(err: unknown): boolean {
  const e = err as { status?: unknown; name?: unknown; lc_error_code?: unknown } | null;
  const status = typeof e?.status === "number" ? e.status : undefined;
  const name = typeof e?.name === "string" ? e.name : "";
  return (
    e?.lc_error_code === "MODEL_RATE_LIMIT" ||
    /RateLimit|APIConnection|Timeout|InternalServerError/.test(name) ||
    (status !== undefined && (status === 429 || status >= 500))
  );
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // node-postgres reports a server that went away mid-query with this message and no code.
  if (/Connection terminated unexpectedly/.test((err as Error | null)?.message ?? "")) return true;
  return (
    typeof code === "string" &&
    (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03", "53300"].includes(code) ||
      code.startsWith("08"))
  );
}

/** The app's error handler: a 5xx is logged with its request id, which the client also gets. */
export function onError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    const appError = toAppError(err);
    if (appError.status >= 500) {
      logger.error({ err, requestId: c.get("requestId") }, "request failed");
      const withId = new AppError(appError.code, appError.message, { requestId: c.get("requestId") });
      return errorResponse(c, withId);
    }
    return errorResponse(c, appError);
  };
}

/** Zod issues as a client can use them: where, and what was expected. */
export function validationError(error: ZodError, target: string): AppError {
  const where = target === "json" ? "body" : target;
  const issues = error.issues.slice(0, 20).map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message:
      i.code === "unrecognized_keys"
        ? `unknown field(s): ${(i as { keys: string[] }).keys.join(", ")}`
        : i.message,
  }));
  const first = issues[0];
  return new AppError(
    "bad_request",
    first ? `${first.path}: ${first.message}` : "The request is not valid.",
    { issues },
  );
}

export const STATUS_OF = ERROR_STATUS;
