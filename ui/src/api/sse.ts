/** One server-sent event: its name (`message` when the stream gives none) and its data lines joined. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * An incremental `text/event-stream` parser: feed it text as it arrives, in chunks cut anywhere,
 * and it calls `onMessage` for each complete event. Follows the WHATWG rules the chat API relies
 * on: `event:` and `data:` fields, one optional space after the colon, multi-line data, comments,
 * and LF, CRLF or CR line ends (a CR at the end of a chunk waits for a possible LF).
 */
export function createSseParser(onMessage: (m: SseMessage) => void) {
  let buffer = "";
  let event = "";
  let data: string[] = [];

  function line(text: string): void {
    if (text === "") {
      if (data.length) onMessage({ event: event || "message", data: data.join("\n") });
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }

  return {
    feed(chunk: string): void {
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) return;
        // A lone CR at the very end may be the first half of a CRLF split across chunks.
        if (match[0] === "\r" && match.index === buffer.length - 1) return;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    /** The stream ended: a trailing CR ends its line; an event without its blank line is dropped. */
    end(): void {
      if (buffer.endsWith("\r")) line(buffer.slice(0, -1));
      buffer = "";
    },
  };
}

/** The events of a streamed response body, in order, as they arrive. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const queue: SseMessage[] = [];
  const parser = createSseParser((m) => queue.push(m));
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length) yield queue.shift()!;
    }
    parser.feed(decoder.decode());
    parser.end();
    while (queue.length) yield queue.shift()!;
  } finally {
    reader.releaseLock();
  }
}
