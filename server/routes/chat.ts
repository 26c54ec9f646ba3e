import type { ServerResponse } from "node:http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Logger } from "pino";
import type { TurnEvent } from "../../graph/run.js";
import type { AppEnv } from "../app-env.js";
import { type ChatServiceDeps, startTurn } from "../chat-service.js";
import { nodeResponse, requestHeader } from "../middleware/direct-response.js";
import { toAppError } from "../middleware/errors.js";
import { headerLines } from "../middleware/header-lines.js";
import { createRouter } from "../router.js";
import { errors } from "../schemas.js";
import type { RouteDeps } from "./deps.js";

export interface ChatDeps extends RouteDeps, Omit<ChatServiceDeps, "config"> {
  logger: Logger;
}

export function chatBodySchema(maxChars: number) {
  return z
    .object({
      threadId: z.uuid().optional().openapi({ description: "omit to start a new conversation" }),
      message: z.string().trim().min(1).max(maxChars).optional(),
      resume: z
        .object({ decision: z.enum(["approve", "reject"]), note: z.string().max(500).optional() })
        .strict()
        .optional()
        .openapi({ description: "answers a pending confirmation" }),
    })
    .strict()
    .refine((b) => Boolean(b.message) !== Boolean(b.resume), {
      message: "send either a message or a resume decision",
    })
    .openapi({ example: { message: "I need a fade tomorrow after 5 near 78704" } });
}

const Usage = z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() });
const ChatJson = z
  .object({
    threadId: z.uuid(),
    agent: z.string(),
    reply: z.string(),
    confirm: z
      .object({
        id: z.string(),
        action: z.string(),
        summary: z.string(),
        details: z.record(z.string(), z.unknown()),
      })
      .optional(),
    toolCalls: z.array(
      z.object({ name: z.string(), args: z.record(z.string(), z.unknown()), ok: z.boolean() }),
    ),
    usage: Usage,
  })
  .openapi("ChatReply");

const SSE_DESCRIPTION = `Server-sent events, in order: \`thread {threadId}\`; \`agent {name,title}\` when the active agent changes;
\`token {text}\`; \`tool_call {id,name,args}\`; \`tool_result {id,name,ok,summary}\`; \`confirm {id,action,summary,details}\`
when a write awaits approval (the turn ends there; answer with \`resume\` or a yes/no message); \`message {role,agent,content}\`;
\`done {threadId,usage}\` last, or \`error {code,message}\` instead of done. A second message on a thread that is still
running gets 409 conflict.`;

export function chatRoute(maxChars: number) {
  return createRoute({
    method: "post",
    path: "/v1/chat",
    tags: ["Chat"],
    summary: "Chat with Proxie's agents (SSE stream by default; JSON with Accept: application/json)",
    description: SSE_DESCRIPTION,
    request: {
      body: { required: true, content: { "application/json": { schema: chatBodySchema(maxChars) } } },
    },
    responses: {
      200: {
        description: "The turn: an SSE stream, or its summary as JSON",
        content: {
          "text/event-stream": {
            schema: z.string().openapi({ example: 'event: thread\ndata: {"threadId":"…"}\n\n' }),
          },
          "application/json": { schema: ChatJson },
        },
      },
      ...errors(400, 401, 404, 409, 413, 429),
    },
  });
}

/** An SSE frame: `event: <name>` and its data as one line of JSON. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A turn event's frame: its type names the event, the rest is the data. Tokens, most of a turn's
 * frames, are written without copying the event into a data object.
 */
export function turnEventFrame(e: TurnEvent): string {
  if (e.type === "token") return `event: token\ndata: {"text":${JSON.stringify(e.text)}}\n\n`;
  const [type, data] = wireEvent(e);
  return sseFrame(type, data);
}

/** Where SSE frames go: the Node response itself, or a web stream where there is none. */
export interface FrameSink {
  write(text: string): void;
  /** Ends the stream after `last` (which may be empty). */
  end(last: string): void;
}

/**
 * Frames produced in one burst (a tool's call and result, tokens that arrived together) leave as
 * one write, once the event loop has run its pending I/O: every write costs a chunked-encoding
 * frame and a socket write, whatever its size, and a turn is mostly one-token frames. A frame
 * waits at most one turn of the event loop.
 */
export function frameBatcher(sink: FrameSink): FrameBatcher {
  return new FrameBatcher(sink);
}

// A class rather than closures: under tsx (`npm start`; production runs compiled) every closure
// made inside a function is named with a property definition each time, and a turn makes one batcher.
class FrameBatcher {
  private pending = "";
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly sink: FrameSink) {}

  push(frame: string): void {
    this.pending += frame;
    this.scheduled ??= setImmediate(flushBatch, this);
  }

  flush(): void {
    this.scheduled = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = "";
    this.sink.write(text);
  }

  /** The last frames and the end of the stream leave together. */
  close(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const text = this.pending;
    this.pending = "";
    this.sink.end(text);
  }
}

const flushBatch = (batcher: FrameBatcher) => batcher.flush();

/** The wire form of a turn event: the SSE event name and its JSON payload. */
export function wireEvent(e: TurnEvent): [string, unknown] {
  const { type, ...data } = e;
  return [type, data];
}

export function chatRoutes(deps: ChatDeps) {
  const r = createRouter();
  r.openapi(chatRoute(deps.config.limits.maxMessageChars), async (c) => {
    const { events, abort } = await startTurn(deps, c.get("principal"), c.req.valid("json"));
    // The first step checks ownership and input: its errors are plain HTTP errors, not a stream.
    const first = await events.next();
    const accept = requestHeader(c, "accept") ?? "";
    if (accept.includes("application/json") && !accept.includes("text/event-stream"))
      return jsonTurn(c, first, events, abort);
    return sseTurn(c, first, events, abort, deps.logger);
  });
  return r;
}

/**
 * Calls `onGone` if the client goes away before its answer is complete. Under Node it listens on
 * the response: reading `c.req.raw.signal` would make the adapter build a Fetch Request and an
 * AbortController for every request.
 */
function whenClientGone(c: Context<AppEnv>, onGone: () => void): () => void {
  const outgoing = nodeResponse(c);
  if (outgoing) {
    const onClose = () => {
      if (!outgoing.writableFinished) onGone();
    };
    outgoing.once("close", onClose);
    return () => outgoing.off("close", onClose);
  }
  const signal = c.req.raw.signal;
  signal.addEventListener("abort", onGone);
  return () => signal.removeEventListener("abort", onGone);
}

async function jsonTurn(
  c: Context<AppEnv>,
  first: IteratorResult<TurnEvent>,
  turn: AsyncGenerator<TurnEvent>,
  abort: AbortController,
) {
  const stopWatching = whenClientGone(c, () => abort.abort());
  const events: TurnEvent[] = first.done ? [] : [first.value];
  try {
    for await (const e of turn) events.push(e);
  } finally {
    stopWatching();
  }
  const find = <T extends TurnEvent["type"]>(t: T) =>
    events.filter((e): e is Extract<TurnEvent, { type: T }> => e.type === t);
  const results = new Map(find("tool_result").map((r) => [r.id, r.ok]));
  const done = find("done")[0]!;
  const confirm = find("confirm")[0];
  const message = find("message")[0];
  const agent = find("agent").at(-1)?.name ?? message?.agent ?? "general";
  return c.json(
    {
      threadId: done.threadId,
      agent,
      reply: message?.content ?? "",
      ...(confirm
        ? {
            confirm: {
              id: confirm.id,
              action: confirm.action,
              summary: confirm.summary,
              details: confirm.details,
            },
          }
        : {}),
      toolCalls: find("tool_call").map((t) => ({
        name: t.name,
        args: t.args,
        ok: results.get(t.id) ?? false,
      })),
      usage: done.usage,
    },
    200,
  );
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
const SSE_HEADER_LINES = headerLines(SSE_HEADERS);

/** Streams the turn's events into `sink`; an error after the first event becomes an `error` event. */
async function pumpTurn(
  sink: FrameSink,
  first: IteratorResult<TurnEvent>,
  turn: AsyncGenerator<TurnEvent>,
  abort: AbortController,
  logger: Logger,
) {
  const out = frameBatcher(sink);
  const { signal } = abort;
  try {
    if (!first.done) out.push(turnEventFrame(first.value));
    for await (const e of turn) {
      if (signal.aborted) break;
      out.push(turnEventFrame(e));
    }
  } catch (err) {
    if (!signal.aborted) {
      const appError = toAppError(err);
      if (appError.status >= 500) logger.error({ err }, "chat turn failed");
      out.push(sseFrame("error", { code: appError.code, message: appError.message }));
    }
  } finally {
    out.close();
  }
}

function sseTurn(
  c: Context<AppEnv>,
  first: IteratorResult<TurnEvent>,
  turn: AsyncGenerator<TurnEvent>,
  abort: AbortController,
  logger: Logger,
): Response {
  const stop = () => {
    // The client went away: stop the run (model and tools see the abort) and free the thread.
    abort.abort();
    void turn.return(undefined).catch(() => {});
  };
  const outgoing = nodeResponse(c);
  if (outgoing) {
    whenClientGone(c, stop);
    c.set("directResponse", {
      headers: [SSE_HEADER_LINES],
      ownHeaders: [],
      start(head) {
        outgoing.writeHead(200, head);
        void pumpTurn(nodeSink(outgoing), first, turn, abort, logger);
      },
      cancel: stop,
    });
    // A placeholder that carries the status and any header set with c.header (CORS); the request
    // id, the rate limit and the security headers are added to the direct response on the way out.
    return c.body(null, 200);
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      void pumpTurn(
        {
          write: (text) => {
            try {
              controller.enqueue(encoder.encode(text));
            } catch {
              // The client went away; cancel stops the turn.
            }
          },
          end: (last) => {
            try {
              if (last) controller.enqueue(encoder.encode(last));
              controller.close();
            } catch {
              // Already closed by a client that went away.
            }
          },
        },
        first,
        turn,
        abort,
        logger,
      );
    },
    cancel: stop,
  });
  whenClientGone(c, () => abort.abort());
  return c.body(stream, 200, SSE_HEADERS);
}

/**
 * Frames written straight to the Node response (see `directResponses`). Node buffers what a slow
 * client cannot take yet; a turn's output is bounded by the model's output limit.
 */
function nodeSink(outgoing: ServerResponse): FrameSink {
  return {
    write(text) {
      if (!outgoing.destroyed) outgoing.write(text);
    },
    end(last) {
      if (outgoing.destroyed) return;
      outgoing.end(last);
    },
  };
}
