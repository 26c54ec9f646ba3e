import { createParser, type EventSourceMessage } from "eventsource-parser";

/**
 * The benches' side of the public HTTP API: dev sign-in and one chat turn over SSE, timed as a
 * client sees it, with every way a turn can fail reduced to one error code.
 */

export interface ChatBody {
  threadId?: string;
  message?: string;
  resume?: { decision: "approve" | "reject"; note?: string };
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface TurnResult {
  /** HTTP status, or 0 when no response came. */
  status: number;
  events: SseEvent[];
  /** From sending the request to the first `token` event (to the reply, for a turn with none). */
  ttftMs: number | null;
  durationMs: number;
  /** The API's error code (HTTP error body or stream `error` event), or a transport failure. */
  error?: string;
}

export async function devToken(
  baseUrl: string,
  user: { userId: string; role: "consumer" | "provider" | "admin"; zip?: string; timezone?: string },
): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/dev/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(user),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`dev token for ${user.userId}: HTTP ${res.status} ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

/** One `POST /v1/chat` turn read as an SSE stream; `onEvent` may abort it through `signal`. */
export async function chatTurn(
  baseUrl: string,
  token: string,
  body: ChatBody,
  opts: { signal?: AbortSignal; onEvent?: (e: SseEvent) => void } = {},
): Promise<TurnResult> {
  const t0 = performance.now();
  const events: SseEvent[] = [];
  let ttftMs: number | null = null;
  let status = 0;
  try {
    const res = await fetch(`${baseUrl}/v1/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "text/event-stream",
      },
      body: JSON.stringify(body),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    status = res.status;
    if (res.status !== 200 || !res.body) {
      const text = await res.text();
      let code = `http_${res.status}`;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // Not JSON: the status says enough.
      }
      return { status, events, ttftMs, durationMs: performance.now() - t0, error: code };
    }
    const parser = createParser({
      onEvent: (m: EventSourceMessage) => {
        const e = { event: m.event ?? "message", data: JSON.parse(m.data) as Record<string, unknown> };
        if (ttftMs === null && ["token", "message", "confirm"].includes(e.event))
          ttftMs = performance.now() - t0;
        events.push(e);
        opts.onEvent?.(e);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
      parser.feed(decoder.decode(chunk, { stream: true }));
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    const name = (err as Error).name;
    const code = name === "AbortError" ? "aborted" : name === "TimeoutError" ? "timeout" : undefined;
    return {
      status,
      events,
      ttftMs,
      durationMs: performance.now() - t0,
      error: code ?? cause?.code ?? (err as NodeJS.ErrnoException).code ?? (err as Error).message,
    };
  }
  const failed = events.find((e) => e.event === "error");
  const last = events.at(-1)?.event;
  return {
    status,
    events,
    ttftMs,
    durationMs: performance.now() - t0,
    ...(failed
      ? { error: String(failed.data.code ?? "error") }
      : last !== "done"
        ? { error: "stream_incomplete" }
        : {}),
  };
}
