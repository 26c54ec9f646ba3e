import type { BaseMessage } from "@langchain/core/messages";
import { type AgentContext, parseContext } from "../../../agents/context.js";
import { isNotApproved } from "./tool-results.js";

/** A tool call the assistant made, and what the tool answered (absent while it waits for approval). */
export interface ToolStep {
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** The agent that made the call (the AI message's name), when known. */
  agent: string | undefined;
  result: ToolResult | undefined;
}

/**
 * A tool's JSON answer. Only structured fields are ever read from it by the policies (see
 * tool-results.ts): free text inside it (bios, reviews, offer messages) is data, never a command.
 */
export interface ToolResult {
  ok: boolean;
  status: string | undefined;
  code: string | undefined;
  body: Record<string, unknown>;
}

/** One user message and everything the assistant did about it. */
export interface Turn {
  /** The user's words; undefined for what came before the first user message. */
  human: string | undefined;
  steps: ToolStep[];
  /** The assistant's texts, in order. */
  replies: string[];
  /** The agent whose message ended the turn (agent nodes name their messages). */
  agent: string | undefined;
}

/** The conversation as a policy reads it, rebuilt from the messages on every call. */
export interface Dialogue {
  context: AgentContext;
  turns: Turn[];
  /** The last message is a tool result: the policy is continuing its own turn, not answering the user. */
  reacting: boolean;
  /** Text of every message in order, for deterministic variation of the wording. */
  fingerprint: string;
}

const FALLBACK_CONTEXT: AgentContext = {
  agent: "general",
  role: "consumer",
  now: new Date(0).toISOString(),
  timeZone: "America/Chicago",
};

export function textOf(m: BaseMessage): string {
  const c = m.content;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) {
    return c
      .map((part) =>
        typeof part === "string" ? part : part.type === "text" && "text" in part ? String(part.text) : "",
      )
      .join("");
  }
  return "";
}

export function parseToolResult(content: string): ToolResult {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    // A result that is not JSON is treated as a failure without a code.
  }
  const error = body.error && typeof body.error === "object" ? (body.error as Record<string, unknown>) : {};
  return {
    ok: body.ok === true,
    status: typeof body.status === "string" ? body.status : undefined,
    code: typeof error.code === "string" ? error.code : undefined,
    body,
  };
}

/** Splits the messages into the system context and turns, matching tool results to their calls. */
export function readDialogue(messages: BaseMessage[]): Dialogue {
  let context: AgentContext | undefined;
  const turns: Turn[] = [];
  const byId = new Map<string, ToolStep>();
  let current: Turn = { human: undefined, steps: [], replies: [], agent: undefined };
  const fingerprint: string[] = [];
  for (const m of messages) {
    const type = m.getType();
    const text = textOf(m);
    fingerprint.push(`${type}:${text}`);
    if (type === "system") {
      context ??= parseContext(text);
      continue;
    }
    if (type === "human") {
      if (current.human !== undefined || current.steps.length || current.replies.length) turns.push(current);
      current = { human: text, steps: [], replies: [], agent: undefined };
      continue;
    }
    if (type === "ai") {
      const name = m.name;
      if (name) current.agent = name;
      if (text.trim()) current.replies.push(text);
      const calls = (m as { tool_calls?: { id?: string; name: string; args: Record<string, unknown> }[] })
        .tool_calls;
      for (const call of calls ?? []) {
        const step: ToolStep = {
          id: call.id ?? "",
          name: call.name,
          args: call.args ?? {},
          agent: name,
          result: undefined,
        };
        current.steps.push(step);
        if (call.id) byId.set(call.id, step);
      }
      continue;
    }
    if (type === "tool") {
      const id = (m as { tool_call_id?: string }).tool_call_id ?? "";
      const step = byId.get(id);
      if (step) step.result = parseToolResult(text);
    }
  }
  if (current.human !== undefined || current.steps.length || current.replies.length) turns.push(current);
  const last = messages.at(-1);
  return {
    context: context ?? FALLBACK_CONTEXT,
    turns,
    reacting: last?.getType() === "tool",
    fingerprint: fingerprint.join("\n"),
  };
}

/** The latest user message, or "" when there is none. */
export function latestHuman(d: Dialogue): string {
  for (let i = d.turns.length - 1; i >= 0; i--) {
    const h = d.turns[i]!.human;
    if (h !== undefined) return h;
  }
  return "";
}

/** The turn the policy is answering: the one opened by the latest user message. */
export function currentTurn(d: Dialogue): Turn {
  return d.turns.at(-1) ?? { human: undefined, steps: [], replies: [], agent: undefined };
}

/** Tool steps of earlier turns and this one, oldest first, optionally only those of one agent. */
export function allSteps(d: Dialogue, agent?: string): ToolStep[] {
  const steps = d.turns.flatMap((t) => t.steps);
  return agent ? steps.filter((s) => s.agent === undefined || s.agent === agent) : steps;
}

/** The last assistant text before the latest user message (what the user is answering). */
export function previousReply(d: Dialogue): string {
  for (let i = d.turns.length - 2; i >= 0; i--) {
    const r = d.turns[i]!.replies.at(-1);
    if (r) return r;
  }
  return "";
}

/**
 * The user's previous turn ended on a confirmation of `tool` that this message moved on from
 * ("hmm, make it $180" while an offer of $200 waits): the message amends that proposal.
 */
export function amendsLeftProposal(d: Dialogue, tool: string): ToolStep | undefined {
  const previous = d.turns.at(-2);
  const step = previous?.steps.at(-1);
  return step?.name === tool && isNotApproved(step.result) ? step : undefined;
}
