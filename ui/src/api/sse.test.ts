import { describe, expect, it } from "vitest";
import { createSseParser, readSse, type SseMessage } from "./sse.js";

function parseAll(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const p = createSseParser((m) => out.push(m));
  for (const c of chunks) p.feed(c);
  p.end();
  return out;
}

describe("SSE parser", () => {
  it("reads named events with JSON data, as the chat API sends them", () => {
    expect(
      parseAll(['event: thread\ndata: {"threadId":"t1"}\n\nevent: token\ndata: {"text":"Hi"}\n\n']),
    ).toEqual([
      { event: "thread", data: '{"threadId":"t1"}' },
      { event: "token", data: '{"text":"Hi"}' },
    ]);
  });

  it("puts events back together whatever the chunk boundaries", () => {
    const stream = 'event: token\ndata: {"text":"a b"}\n\nevent: done\ndata: {}\n\n';
    const whole = parseAll([stream]);
    for (let cut = 1; cut < stream.length; cut++)
      expect(parseAll([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    expect(parseAll(stream.split(""))).toEqual(whole);
  });

  it("accepts CRLF and CR line ends, even a CRLF split across chunks", () => {
    expect(parseAll(["event: a\r", "\ndata: 1\r\n\r", "\nevent: b\rdata: 2\r\r"])).toEqual([
      { event: "a", data: "1" },
      { event: "b", data: "2" },
    ]);
  });

  it("joins multi-line data, skips comments, and names an unnamed event 'message'", () => {
    expect(parseAll([": keep-alive\n\ndata: one\ndata:two\n\n"])).toEqual([
      { event: "message", data: "one\ntwo" },
    ]);
  });

  it("drops an event the stream cut off before its blank line", () => {
    expect(parseAll(["event: a\ndata: 1\n\nevent: b\ndata: 2\n"])).toEqual([{ event: "a", data: "1" }]);
  });

  it("reads a streamed body event by event", async () => {
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        // A multi-byte character split between chunks must survive decoding.
        const bytes = enc.encode('event: token\ndata: {"text":"★"}\n\n');
        c.enqueue(bytes.slice(0, 29));
        c.enqueue(bytes.slice(29));
        c.close();
      },
    });
    const events: SseMessage[] = [];
    for await (const m of readSse(body)) events.push(m);
    expect(events).toEqual([{ event: "token", data: '{"text":"★"}' }]);
  });
});
