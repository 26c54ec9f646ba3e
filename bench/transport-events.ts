import { randomUUID } from "node:crypto";
import type { TurnEvent, TurnInput } from "../graph/run.js";

/**
 * The fixed turn the transport benchmark streams: what the offline model sends for "I need a fade
 * tomorrow after 5 near 78704" (a search, its result, a 30-token reply), produced instantly so that
 * the figures are the transport's alone.
 */
const REPLY =
  "Here are the best matches for a fade near 78704 (tomorrow after 5):\n1. Clippers & Co., ★4.4: " +
  "Skin Fade $30, free Sat, Nov 28, 5:00 PM\n2. Fresh Fades, ★4.8: Skin Fade $35";

const TOKENS = REPLY.split(/(?<= )/);

export function scriptedEvents(threadId: string): TurnEvent[] {
  const callId = "call_60daedd011cf";
  return [
    { type: "thread", threadId },
    { type: "agent", name: "haircut", title: "Haircut specialist" },
    {
      type: "tool_call",
      id: callId,
      name: "search_providers",
      args: {
        query: "fade",
        category: "haircut",
        zip: "78704",
        after: "2026-11-28T23:00:00.000Z",
        before: "2026-11-29T03:00:00.000Z",
        limit: 5,
      },
    },
    { type: "tool_result", id: callId, name: "search_providers", ok: true, summary: "3 found" },
    ...TOKENS.map((text): TurnEvent => ({ type: "token", text })),
    { type: "message", role: "assistant", agent: "haircut", content: REPLY },
    { type: "done", threadId, usage: { inputTokens: 5112, outputTokens: 114, costUsd: 0 } },
  ];
}

export const EVENTS_PER_TURN = scriptedEvents("x").length;

/** A drop-in for `runTurn` (the `runTurn` seam of `createApp`): the scripted turn, with no waiting. */
export async function* scriptedRunTurn(_deps: unknown, input: TurnInput): AsyncGenerator<TurnEvent> {
  for (const e of scriptedEvents(input.threadId ?? randomUUID())) yield e;
}

/** The chat request every benchmark client sends. */
export const CHAT_BODY = JSON.stringify({ message: "I need a fade tomorrow after 5 near 78704" });
