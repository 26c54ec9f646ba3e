import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { Person } from "./scenario.js";

/**
 * The eval runner's side of the public HTTP API: dev sign-in and one chat turn over SSE, timed
 * (time to first token, whole turn) as a client sees it.
 */

export interface WireEvent {
  event: string;
  data: Record<string, unknown>;
  /** Milliseconds since the request was sent. */
  atMs: number;
}

export interface TurnResponse {
  status: number;
  events: WireEvent[];
  /** Time to the first `token` event (or to the reply, for a turn that streamed none). */
  ttftMs: number | null;
  durationMs: number;
  /** An HTTP error's body, or the stream's `error` event. */
  error?: { code: string; message: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = "ApiError";
  }
}

/** A dev-mode token for a scenario person (creates or updates the user, as sign-in does). */
export async function devToken(baseUrl: string, person: Person, userId = person.userId): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/dev/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      userId,
      role: person.role,
      ...(person.name ? { name: person.name } : {}),
      ...(person.zip ? { zip: person.zip } : {}),
      ...(person.timezone ? { timezone: person.timezone } : {}),
    }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new ApiError(res.status, text);
  return (JSON.parse(text) as { token: string }).token;
}

export interface ChatBody {
  threadId?: string;
  message?: string;
  resume?: { decision: "approve" | "reject"; note?: string };
}

/** One `POST /v1/chat` turn, read as an SSE stream. */
export async function chatTurn(
  baseUrl: string,
  token: string,
  body: ChatBody,
  { signal }: { signal?: AbortSignal } = {},
): Promise<TurnResponse> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/v1/chat`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "text/event-stream",
    },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok || !res.body) {
    const text = await res.text();
    let error = { code: `http_${res.status}`, message: text.slice(0, 500) };
    try {
      const parsed = JSON.parse(text) as { error?: { code: string; message: string } };
      if (parsed.error) error = parsed.error;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, events: [], ttftMs: null, durationMs: performance.now() - t0, error };
  }
  const events: WireEvent[] = [];
  let ttftMs: number | null = null;
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => {
      const atMs = performance.now() - t0;
      const event = m.event ?? "message";
      if (ttftMs === null && (event === "token" || event === "message" || event === "confirm")) ttftMs = atMs;
      events.push({ event, data: JSON.parse(m.data) as Record<string, unknown>, atMs });
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
  const failed = events.find((e) => e.event === "error");
  return {
    status: res.status,
    events,
    ttftMs,
    durationMs: performance.now() - t0,
    ...(failed
      ? { error: { code: String(failed.data.code ?? "error"), message: String(failed.data.message ?? "") } }
      : {}),
  };
}
