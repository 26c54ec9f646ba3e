import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * An OpenAI-compatible endpoint on a real port, for server processes started by tests
 * (MODEL_PROVIDER=openai, OPENAI_BASE_URL=<url>): it answers /v1/chat/completions like a model that
 * books a haircut, streams a slow story on request, and fails on command (429, 500, hang, reset).
 */

interface ChatRequest {
  model: string;
  stream?: boolean;
  tools?: { function: { name: string } }[];
  messages: { role: string; content: string | null }[];
}

export type Answer = { content?: string; call?: { name: string; args: Record<string, unknown> } };

/** What the next requests get instead of an answer. */
export type Fault = "429" | "500" | "hang" | "reset";

export interface FakeOpenAI {
  /** `OPENAI_BASE_URL` for the server. */
  baseUrl: string;
  /** Every chat request's arrival (ms, performance.now) and what it got. */
  calls: { at: number; outcome: string; lastUser: string }[];
  /** The next `times` chat requests fail with `fault`. */
  fail(fault: Fault, times?: number): void;
  /** The milliseconds between streamed words of a story (0: all at once). */
  storyDelayMs: number;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const fake: FakeOpenAI = {
    baseUrl: "",
    calls: [],
    storyDelayMs: 0,
    fail(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (!req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { message: "not here" } }));
    }
    const body = JSON.parse(raw) as ChatRequest;
    const lastUser = String([...body.messages].reverse().find((m) => m.role === "user")?.content ?? "");
    const fault = faults.shift();
    fake.calls.push({ at: performance.now(), outcome: fault ?? "ok", lastUser });
    if (fault === "429") {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      return res.end(JSON.stringify({ error: { message: "Rate limit reached", type: "rate_limit" } }));
    }
    if (fault === "500") {
      res.writeHead(500, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { message: "The server had an error", type: "server_error" } }));
    }
    if (fault === "hang") return; // never answers
    if (fault === "reset") return req.socket.destroy();

    const answer = decide(body);
    const expensive = body.messages.some((m) => m.role === "user" && /expensive/i.test(String(m.content)));
    // $0.10 + $0.10 per call at gpt-4.1-mini prices ($0.40 a turn of two calls): budgets run out fast.
    const usage = expensive
      ? { prompt_tokens: 250_000, completion_tokens: 62_500, total_tokens: 312_500 }
      : { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };
    const slow = /story/i.test(lastUser) && answer.content ? fake.storyDelayMs : 0;
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const part of chunks(answer, body.model, usage)) {
      if (res.destroyed) return;
      res.write(part);
      if (slow) await new Promise((r) => setTimeout(r, slow));
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}

/** What a real model would answer at each step: route, search, check availability, book, chat. */
function decide(req: ChatRequest): Answer {
  const tools = (req.tools ?? []).map((t) => t.function.name);
  const last = req.messages.at(-1)!;
  const text = String(last.content ?? "");
  if (tools.length === 1 && tools[0] === "route") {
    const agent = /fade|haircut|book/i.test(text) ? "haircut" : "general";
    return { call: { name: "route", args: { agent, continuation: false } } };
  }
  if (last.role === "user" && /story/i.test(text)) {
    return {
      content: `Once upon a time ${"a barber kept a very tidy shop and ".repeat(12)}everyone was happy.`,
    };
  }
  if (
    last.role === "user" &&
    /fade/i.test(text) &&
    !/book/i.test(text) &&
    tools.includes("search_providers")
  ) {
    return {
      call: { name: "search_providers", args: { query: "skin fade", category: "haircut", zip: "78704" } },
    };
  }
  if (last.role === "user" && /book/i.test(text) && tools.includes("check_availability")) {
    const search = req.messages.filter((m) => m.role === "tool").map((m) => JSON.parse(String(m.content)));
    const option = search.find((s) => s.providers)?.providers[0];
    if (!option) return { content: "Which provider would you like?" };
    return {
      call: {
        name: "check_availability",
        args: { providerId: option.providerId, serviceId: option.service.serviceId },
      },
    };
  }
  if (last.role === "tool") {
    const result = JSON.parse(String(last.content));
    if (result.slots?.length) {
      return {
        call: {
          name: "create_booking",
          args: {
            providerId: result.providerId,
            serviceId: result.service.serviceId,
            startsAt: result.slots[0].startsAt,
          },
        },
      };
    }
    if (result.status === "booked")
      return { content: `Done! You're booked at ${result.booking.providerName} on ${result.booking.local}.` };
    if (result.providers?.length)
      return { content: `I found ${result.providers[0].name}. Want me to book the first free time?` };
    return { content: "That did not work; shall I try something else?" };
  }
  return { content: "Hello! I can book haircuts, cleaning and plumbing near you." };
}

/** The OpenAI wire format, streamed: content word by word, tool-call arguments split across chunks. */
export function chunks(body: Answer, model: string, usage: Record<string, number>): string[] {
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const parts: string[] = [chunk({ role: "assistant", content: "" })];
  if (body.call) {
    const args = JSON.stringify(body.call.args);
    const callId = `call_${Math.random().toString(36).slice(2, 10)}`;
    parts.push(
      chunk({
        tool_calls: [
          { index: 0, id: callId, type: "function", function: { name: body.call.name, arguments: "" } },
        ],
      }),
    );
    for (let i = 0; i < args.length; i += 17)
      parts.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 17) } }] }));
    parts.push(chunk({}, "tool_calls"));
  } else {
    for (const word of (body.content ?? "").match(/\S+\s*/g) ?? []) parts.push(chunk({ content: word }));
    parts.push(chunk({}, "stop"));
  }
  parts.push(
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 1, model, choices: [], usage })}\n\n`,
  );
  parts.push("data: [DONE]\n\n");
  return parts;
}
