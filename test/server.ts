import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { createTestApp } from "./app.js";

/** The app listening on a real port, for tests that need real HTTP (streams, aborts, sockets). */
export async function listen(app: ReturnType<typeof createTestApp>["app"]) {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads an SSE response event by event, as a browser's EventSource would parse it. */
export async function readSse(res: Response, onEvent?: (e: SseEvent) => void): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => {
      const e = { event: m.event ?? "message", data: JSON.parse(m.data) };
      events.push(e);
      onEvent?.(e);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}
