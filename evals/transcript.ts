import type { TurnResponse } from "./chat-client.js";

/** What one turn of a scenario looked like from the client's side, kept for judging and the report. */

export interface ToolCallRecord {
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** The tool's result, when it ran in this turn (a write awaiting approval has none yet). */
  ok: boolean | null;
  summary: string | null;
  /** The result of a write called in an earlier turn and approved now: not a new call. */
  resumed?: boolean;
}

export interface ConfirmRecord {
  id: string;
  action: string;
  summary: string;
  details: Record<string, unknown>;
}

export interface Write {
  table: string;
  op: string;
  rows: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface TurnRecord {
  index: number;
  /** `principal` or an actor's name. */
  actor: string;
  input: { say?: string; resume?: "approve" | "reject" };
  threadId: string | null;
  /** Agents the turn went through (`agent` events), in order. */
  agents: string[];
  /** The agent that answered: the reply's agent, else the last one routed to, else the thread's. */
  route: string | null;
  toolCalls: ToolCallRecord[];
  confirm: ConfirmRecord | null;
  /** The reply text, or the confirmation's summary for a turn that ends asking to confirm. */
  reply: string;
  /** Rows written to judged tables during the turn. */
  writes: Write[];
  usage: Usage;
  ttftMs: number | null;
  durationMs: number;
  error?: { code: string; message: string };
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

/** Reads a turn's wire events into a record. `previousRoute` is where the thread stood before. */
export function recordTurn(
  index: number,
  actor: string,
  input: TurnRecord["input"],
  res: TurnResponse,
  previousRoute: string | null,
): TurnRecord {
  const agents: string[] = [];
  const calls = new Map<string, ToolCallRecord>();
  let confirm: ConfirmRecord | null = null;
  let message: { agent: string; content: string } | undefined;
  let threadId: string | null = null;
  let usage: Usage = { ...ZERO_USAGE };
  let streamed = "";
  for (const { event, data } of res.events) {
    if (event === "thread") threadId = String(data.threadId);
    else if (event === "agent") agents.push(String(data.name));
    else if (event === "token") streamed += String(data.text ?? "");
    else if (event === "tool_call")
      calls.set(String(data.id), {
        id: String(data.id),
        name: String(data.name),
        args: (data.args ?? {}) as Record<string, unknown>,
        ok: null,
        summary: null,
      });
    else if (event === "tool_result") {
      const call = calls.get(String(data.id));
      if (call) {
        call.ok = Boolean(data.ok);
        call.summary = String(data.summary ?? "");
      } else {
        // The result of a call made in an earlier turn: a confirmed write, resumed now.
        calls.set(String(data.id), {
          id: String(data.id),
          name: String(data.name),
          args: {},
          ok: Boolean(data.ok),
          summary: String(data.summary ?? ""),
          resumed: true,
        });
      }
    } else if (event === "confirm")
      confirm = {
        id: String(data.id),
        action: String(data.action),
        summary: String(data.summary ?? ""),
        details: (data.details ?? {}) as Record<string, unknown>,
      };
    else if (event === "message")
      message = { agent: String(data.agent), content: String(data.content ?? "") };
    else if (event === "done") usage = (data.usage as Usage | undefined) ?? usage;
  }
  const route = message?.agent ?? agents.at(-1) ?? previousRoute;
  const reply = confirm
    ? [streamed.trim(), confirm.summary].filter(Boolean).join("\n")
    : (message?.content ?? streamed);
  return {
    index,
    actor,
    input,
    threadId,
    agents,
    route,
    toolCalls: [...calls.values()],
    confirm,
    reply,
    writes: [],
    usage,
    ttftMs: res.ttftMs,
    durationMs: res.durationMs,
    ...(res.error ? { error: res.error } : {}),
  };
}
