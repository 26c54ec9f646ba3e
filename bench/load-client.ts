import { chatTurn as apiChatTurn, type ChatBody, type WireEvent } from "../evals/chat-client.js";

/**
 * The benches' side of the public HTTP API: the eval runner's client (evals/chat-client.ts), with
 * every way a turn can fail, a dropped connection or a timeout too, reduced to one error code, so
 * that a load run counts failures instead of stopping at the first.
 */

export { devToken } from "../evals/chat-client.js";
export type { ChatBody };
export type SseEvent = WireEvent;

export interface TurnResult {
  /** HTTP status, or 0 when the request or its stream failed on the way. */
  status: number;
  events: SseEvent[];
  /** From sending the request to the first `token` event (to the reply, for a turn with none). */
  ttftMs: number | null;
  durationMs: number;
  /** The API's error code (HTTP error body or stream `error` event), or a transport failure. */
  error?: string;
}

/** One `POST /v1/chat` turn read as an SSE stream; never throws. */
export async function chatTurn(
  baseUrl: string,
  token: string,
  body: ChatBody,
  opts: { signal?: AbortSignal } = {},
): Promise<TurnResult> {
  const t0 = performance.now();
  try {
    const r = await apiChatTurn(baseUrl, token, body, opts);
    const { status, events, ttftMs, durationMs } = r;
    if (r.error) return { status, events, ttftMs, durationMs, error: r.error.code };
    // A stream that ends without `done` (or `error`) was cut off.
    return {
      status,
      events,
      ttftMs,
      durationMs,
      ...(events.at(-1)?.event !== "done" ? { error: "stream_incomplete" } : {}),
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    const name = (err as Error).name;
    const code = name === "AbortError" ? "aborted" : name === "TimeoutError" ? "timeout" : undefined;
    return {
      status: 0,
      events: [],
      ttftMs: null,
      durationMs: performance.now() - t0,
      error: code ?? cause?.code ?? (err as NodeJS.ErrnoException).code ?? (err as Error).message,
    };
  }
}
