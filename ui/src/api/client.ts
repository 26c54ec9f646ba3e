/** An error answer of the API: `{"error":{"code","message","details?"}}`, or a network failure. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** A raw request with the bearer token (the chat stream reads the body itself). */
  fetch(path: string, init: RequestInit): Promise<Response>;
  /** A current token, for the socket.io handshake. */
  token(): Promise<string>;
}

/** Reads an error answer; anything that is not the contract's shape becomes `internal`. */
export async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    if (body.error?.code)
      return new ApiError(
        res.status,
        body.error.code,
        body.error.message ?? res.statusText,
        body.error.details,
      );
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return new ApiError(res.status, "internal", `The server answered ${res.status} ${res.statusText}.`);
}

/**
 * The API as the signed-in user. `getToken` is asked before every request, so that short-lived
 * tokens (Clerk's last a minute) are always fresh; `onUnauthorized` signs the user out when the
 * server refuses the token (a dev server that restarted has a new signing key).
 */
export function createApi(getToken: () => Promise<string>, onUnauthorized: () => void): Api {
  async function send(path: string, init: RequestInit): Promise<Response> {
    const token = await getToken();
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers });
    } catch (err) {
      if ((err as Error).name === "AbortError") throw err;
      throw new ApiError(0, "unavailable", "The server cannot be reached. Check that it is running.");
    }
    if (res.status === 401) onUnauthorized();
    return res;
  }

  async function json<T>(path: string, init: RequestInit): Promise<T> {
    const res = await send(path, init);
    if (!res.ok) throw await errorOf(res);
    return (await res.json()) as T;
  }

  return {
    get: (path, signal) => json(path, { signal: signal ?? null }),
    post: (path, body, opts = {}) =>
      json(path, {
        method: "POST",
        signal: opts.signal ?? null,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(opts.idempotencyKey ? { "idempotency-key": opts.idempotencyKey } : {}),
        },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    put: (path, body) =>
      json(path, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    fetch: send,
    token: getToken,
  };
}

/** A message for people from any error the API layer throws. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === "rate_limited") return `${err.message} (too many requests in a minute)`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
