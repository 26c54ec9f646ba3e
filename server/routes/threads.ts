import { createRoute, z } from "@hono/zod-openapi";
import type { BaseMessage } from "@langchain/core/messages";
import { listThreads, ownThread } from "../../db/threads.js";
import { pendingConfirm, type TurnRunnerDeps } from "../../graph/run.js";
import { createRouter } from "../router.js";
import { errors, IdParam } from "../schemas.js";
import type { RouteDeps } from "./deps.js";

const listRoute = createRoute({
  method: "get",
  path: "/v1/threads",
  tags: ["Chat"],
  summary: "My conversations, latest first",
  responses: {
    200: {
      description: "Threads",
      content: {
        "application/json": {
          schema: z.object({
            threads: z.array(
              z.object({
                threadId: z.uuid(),
                title: z.string(),
                agent: z.string().nullable(),
                updatedAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    ...errors(401),
  },
});

const getRouteDef = createRoute({
  method: "get",
  path: "/v1/threads/{id}",
  tags: ["Chat"],
  summary: "One of my conversations: its messages and any write awaiting approval",
  request: { params: IdParam },
  responses: {
    200: {
      description: "The thread",
      content: {
        "application/json": {
          schema: z.object({
            threadId: z.uuid(),
            agent: z.string().nullable(),
            messages: z.array(
              z.object({
                role: z.enum(["user", "assistant"]),
                content: z.string(),
                agent: z.string().optional(),
              }),
            ),
            pendingConfirm: z
              .object({
                id: z.string(),
                action: z.string(),
                summary: z.string(),
                details: z.record(z.string(), z.unknown()),
              })
              .optional(),
          }),
        },
      },
    },
    ...errors(401, 404),
  },
});

export function threadRoutes(deps: RouteDeps & { turns: TurnRunnerDeps }) {
  const r = createRouter();
  r.openapi(listRoute, async (c) => {
    const threads = await listThreads(deps.db, c.get("principal").userId);
    return c.json(
      {
        threads: threads.map((t) => ({
          threadId: t.id,
          title: t.title,
          agent: t.agent,
          updatedAt: t.updatedAt.toISOString(),
        })),
      },
      200,
    );
  });
  r.openapi(getRouteDef, async (c) => {
    const thread = await ownThread(deps.db, c.req.valid("param").id, c.get("principal").userId);
    const state = await deps.turns.graph.getState({ configurable: { thread_id: thread.id } });
    const messages = ((state.values as { messages?: BaseMessage[] }).messages ?? []).flatMap(transcriptEntry);
    const pending = await pendingConfirm(deps.turns.graph, thread.id);
    return c.json(
      {
        threadId: thread.id,
        agent: (state.values as { activeAgent?: string | null }).activeAgent ?? thread.agent,
        messages,
        ...(pending ? { pendingConfirm: pending } : {}),
      },
      200,
    );
  });
  return r;
}

/** What a person sees of the transcript: their messages and the agents' text, not tool traffic. */
function transcriptEntry(m: BaseMessage): { role: "user" | "assistant"; content: string; agent?: string }[] {
  const content = typeof m.content === "string" ? m.content : "";
  if (m.getType() === "human") return [{ role: "user", content }];
  if (m.getType() === "ai" && content)
    return [{ role: "assistant", content, ...(m.name ? { agent: m.name } : {}) }];
  return [];
}
