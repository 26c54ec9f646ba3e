import { type Api, ApiError, errorOf } from "./client.js";
import { readSse } from "./sse.js";
import type { ChatBody, ChatEvent } from "./types.js";

/**
 * One chat turn over `POST /v1/chat` as a stream of events (SSE read from fetch, so that the
 * bearer token rides in a header, which EventSource cannot send). Errors before the stream starts
 * (bad input, a busy thread, limits) are thrown as ApiError; a turn that fails midway ends with
 * an `error` event instead of `done`.
 */
export async function* streamChat(api: Api, body: ChatBody, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
  const res = await api.fetch("/v1/chat", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });
  if (!res.ok) throw await errorOf(res);
  if (!res.body) throw new ApiError(res.status, "internal", "The chat answer had no body.");
  for await (const m of readSse(res.body)) {
    let data: unknown;
    try {
      data = JSON.parse(m.data);
    } catch {
      continue; // Not an event of the contract.
    }
    yield { type: m.event, ...(data as object) } as ChatEvent;
  }
}
