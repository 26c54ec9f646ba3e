import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Logger } from "pino";
import { AppError } from "../../core/errors.js";
import { getUser } from "../../db/users.js";
import { runTurn, type TurnEvent, type TurnRunnerDeps } from "../../graph/run.js";
import type { AppEnv } from "../app-env.js";
import { toAppError } from "../middleware/errors.js";
import { createRouter } from "../router.js";
import { errors } from "../schemas.js";
import type { RouteDeps } from "./deps.js";

export interface ChatDeps extends RouteDeps {
  turns: TurnRunnerDeps;
  logger: Logger;
  locks: ThreadLocks;
}

/** One run per thread at a time (across replicas when backed by Redis). */
export interface ThreadLocks {
  /** Returns a release function, or undefined when the thread is busy. */
  acquire(threadId: string): Promise<(() => Promise<void>) | undefined>;
}

export function memoryThreadLocks(): ThreadLocks {
  const busy = new Set<string>();
  return {
    async acquire(id) {
      if (busy.has(id)) return undefined;
      busy.add(id);
      return async () => {
        busy.delete(id);
      };
    },
  };
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

const encoder = new TextEncoder();

export function sseFrame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The wire form of a turn event: the SSE event name and its JSON payload. */
export function wireEvent(e: TurnEvent): [string, unknown] {
  const { type, ...data } = e;
  return [type, data];
}

export function chatRoutes(deps: ChatDeps) {
  const r = createRouter();
  r.openapi(chatRoute(deps.config.limits.maxMessageChars), async (c) => {
    const body = c.req.valid("json");
    const principal = c.get("principal");
    const user = await getUser(deps.db, principal.userId);
    const timeZone = user?.timezone ?? "America/Chicago";
    const release = body.threadId ? await deps.locks.acquire(body.threadId) : undefined;
    if (body.threadId && !release) {
      throw new AppError(
        "conflict",
        "This conversation is still answering your previous message. Wait for it to finish, then send again.",
      );
    }
    const abort = new AbortController();
    const turn = runTurn(deps.turns, body, { principal, timeZone, signal: abort.signal });
    // The first step checks ownership and input: its errors are plain HTTP errors, not a stream.
    let first: IteratorResult<TurnEvent>;
    try {
      first = await turn.next();
    } catch (err) {
      await release?.();
      throw err;
    }
    const wantsJson =
      (c.req.header("accept") ?? "").includes("application/json") &&
      !(c.req.header("accept") ?? "").includes("text/event-stream");
    if (wantsJson) return jsonTurn(c, first, turn, abort, release);
    return sseTurn(c, first, turn, abort, release, deps.logger);
  });
  return r;
}

async function jsonTurn(
  c: Context<AppEnv>,
  first: IteratorResult<TurnEvent>,
  turn: AsyncGenerator<TurnEvent>,
  abort: AbortController,
  release: (() => Promise<void>) | undefined,
) {
  const onClose = () => abort.abort();
  c.req.raw.signal.addEventListener("abort", onClose);
  const events: TurnEvent[] = first.done ? [] : [first.value];
  try {
    for await (const e of turn) events.push(e);
  } finally {
    c.req.raw.signal.removeEventListener("abort", onClose);
    await release?.();
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

function sseTurn(
  c: Context<AppEnv>,
  first: IteratorResult<TurnEvent>,
  turn: AsyncGenerator<TurnEvent>,
  abort: AbortController,
  release: (() => Promise<void>) | undefined,
  logger: Logger,
): Response {
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    await release?.();
  };
  // A ReadableStream of pre-encoded frames: measurably cheaper than Hono's streamSSE helper.
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        if (!first.done) controller.enqueue(sseFrame(...wireEvent(first.value)));
        for await (const e of turn) {
          if (abort.signal.aborted) break;
          controller.enqueue(sseFrame(...wireEvent(e)));
        }
      } catch (err) {
        if (!abort.signal.aborted) {
          const appError = toAppError(err);
          if (appError.status >= 500) logger.error({ err }, "chat turn failed");
          controller.enqueue(sseFrame("error", { code: appError.code, message: appError.message }));
        }
      } finally {
        await finish();
        try {
          controller.close();
        } catch {
          // Already closed by a client that went away.
        }
      }
    },
    async cancel() {
      // The client went away: stop the run (model and tools see the abort) and free the thread.
      abort.abort();
      await turn.return(undefined).catch(() => {});
      await finish();
    },
  });
  c.req.raw.signal.addEventListener("abort", () => abort.abort());
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-request-id": c.get("requestId"),
    },
  });
}
