import { randomUUID } from "node:crypto";
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  ToolMessage,
} from "@langchain/core/messages";
import { Command } from "@langchain/langgraph";
import { AGENTS, type AgentName } from "../agents/registry.js";
import { AppError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import type { Db } from "../db/pool.js";
import { createThread, ownThread, touchThread } from "../db/threads.js";
import { recordUsage } from "../db/usage.js";
import type { ConfirmDecision, ConfirmRequest } from "../tools/confirm.js";
import type { ProxieGraph } from "./build.js";
import { type TurnUsage, UsageCollector } from "./usage.js";

/** One turn's input, as `POST /v1/chat` takes it. */
export interface TurnInput {
  threadId?: string | undefined;
  message?: string | undefined;
  resume?: { decision: "approve" | "reject"; note?: string | undefined } | undefined;
}

/**
 * Structured results a client can show as they are (provider cards): the same options, numbered
 * the same way, that the agent presents. Only for read tools whose results are the user's own view.
 */
export interface ToolResultData {
  providers?: unknown[];
}

/** The events of a turn, in the order a client receives them (DESIGN.md section 5). */
export type TurnEvent =
  | { type: "thread"; threadId: string }
  | { type: "agent"; name: AgentName; title: string }
  | { type: "token"; text: string }
  | { type: "tool_call"; id: string; name: string; args: Record<string, unknown> }
  | { type: "tool_result"; id: string; name: string; ok: boolean; summary: string; data?: ToolResultData }
  | ({ type: "confirm" } & ConfirmRequest)
  | { type: "message"; role: "assistant"; agent: AgentName; content: string }
  | { type: "done"; threadId: string; usage: { inputTokens: number; outputTokens: number; costUsd: number } };

export interface TurnRunnerDeps {
  graph: ProxieGraph;
  db: Db;
  /** The model name usage is booked under when a call does not say. */
  chatModelName: string;
  /** Reads a reply to a pending confirmation as approve/reject, or neither (a new message). */
  readAnswer(text: string): "approve" | "reject" | undefined;
}

export interface TurnOptions {
  principal: Principal;
  timeZone: string;
  signal?: AbortSignal;
  /** Told the turn's usage per model once it is booked (for metrics). */
  onUsage?: (usage: TurnUsage) => void;
}

export const AGENT_NODES: ReadonlySet<string> = new Set(Object.keys(AGENTS));

/** The write waiting for approval in a thread, if any. */
export async function pendingConfirm(
  graph: ProxieGraph,
  threadId: string,
): Promise<ConfirmRequest | undefined> {
  return (await threadStatus(graph, threadId)).pending;
}

/** Where a thread stands: its active agent and the write awaiting approval, from one state read. */
export async function threadStatus(
  graph: ProxieGraph,
  threadId: string,
): Promise<{ agent: AgentName | null; pending: ConfirmRequest | undefined }> {
  const state = await graph.getState({ configurable: { thread_id: threadId } });
  const agent = (state.values as { activeAgent?: AgentName | null }).activeAgent ?? null;
  for (const task of state.tasks) {
    for (const i of task.interrupts ?? []) {
      const value = i.value as ConfirmRequest | undefined;
      if (value?.id && value.action) return { agent, pending: value };
    }
  }
  return { agent, pending: undefined };
}

/**
 * Runs one turn of a conversation and yields its events. Checks that the thread is the caller's,
 * turns a yes/no to a pending confirmation into a resume, drops a pending write (with a note) when
 * the user says something else, streams tokens, tool calls, results and confirmations, and books
 * the turn's token usage.
 */
export async function* runTurn(
  deps: TurnRunnerDeps,
  input: TurnInput,
  opts: TurnOptions,
): AsyncGenerator<TurnEvent> {
  const { principal } = opts;
  const message = input.message?.trim();
  if (!message && !input.resume)
    throw new AppError("bad_request", "Send a message, or a resume decision for a pending confirmation.");

  let threadId = input.threadId;
  let isNew = false;
  if (threadId) {
    await ownThread(deps.db, threadId, principal.userId);
  } else {
    threadId = randomUUID();
    isNew = true;
  }
  const config = { configurable: { thread_id: threadId, principal, timeZone: opts.timeZone } };
  const status = isNew ? { agent: null, pending: undefined } : await threadStatus(deps.graph, threadId);
  const pending = status.pending;

  let graphInput: Command | { messages: BaseMessage[] };
  let note = "";
  if (input.resume) {
    if (!pending)
      throw new AppError("conflict", "Nothing is waiting for your confirmation in this conversation.");
    graphInput = resumeWith(pending, input.resume);
  } else if (pending && deps.readAnswer(message!) !== undefined) {
    graphInput = resumeWith(pending, { decision: deps.readAnswer(message!)!, note: message });
  } else {
    const messages: BaseMessage[] = [];
    if (pending) {
      // The model must not be left with an unanswered call, and the user should know it was dropped.
      messages.push(
        new ToolMessage({
          tool_call_id: pending.id,
          name: pending.action,
          content: JSON.stringify({
            ok: false,
            status: "not_approved",
            message: "The user moved on without approving; nothing was done.",
          }),
        }),
      );
      note = `(I left this undone: ${pending.summary.split("\n")[0]})\n\n`;
    }
    messages.push(new HumanMessage(message!));
    graphInput = { messages };
  }

  if (isNew) await createThread(deps.db, threadId, principal.userId, message ?? "");
  yield { type: "thread", threadId };

  const usage = new UsageCollector(deps.chatModelName);
  let agent: AgentName | null = status.agent;
  let streamed = "";
  let reply = "";
  let confirm: ConfirmRequest | undefined;
  if (note) {
    yield { type: "token", text: note };
    streamed += note;
  }

  const stream = await deps.graph.stream(graphInput, {
    ...config,
    streamMode: ["messages", "updates"],
    callbacks: [usage],
    signal: opts.signal,
    // One checkpoint per turn (and at each interrupt), not one per node: a turn that dies midway
    // is replayed whole, which tools make safe with their idempotency keys.
    durability: "exit",
  });

  for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
    if (mode === "messages") {
      const [msg, meta] = chunk as [BaseMessage, { langgraph_node?: string }];
      if (!AGENT_NODES.has(meta.langgraph_node ?? "") || !(msg instanceof AIMessageChunk)) continue;
      const text = typeof msg.content === "string" ? msg.content : "";
      if (text) {
        streamed += text;
        yield { type: "token", text };
      }
      continue;
    }
    for (const [node, update] of Object.entries(chunk as Record<string, unknown>)) {
      if (node === "__interrupt__") {
        const value = (update as { value?: ConfirmRequest }[])[0]?.value;
        if (value?.id) confirm = value;
        continue;
      }
      const u = (update ?? {}) as { activeAgent?: AgentName | null; messages?: BaseMessage[] };
      if (node === "router" && u.activeAgent && u.activeAgent !== agent) {
        agent = u.activeAgent;
        yield { type: "agent", name: agent, title: AGENTS[agent].title };
      }
      for (const m of u.messages ?? []) {
        if (m instanceof AIMessage || m.getType() === "ai") {
          const ai = m as AIMessage;
          const text = typeof ai.content === "string" ? ai.content : "";
          if (text) reply = text;
          if (AGENT_NODES.has(node) && text && !streamed.endsWith(text)) {
            // A model that does not stream still sends its text as one token event.
            streamed += text;
            yield { type: "token", text };
          }
          for (const call of ai.tool_calls ?? []) {
            yield { type: "tool_call", id: call.id ?? "", name: call.name, args: call.args };
          }
        } else if (m instanceof ToolMessage || m.getType() === "tool") {
          const t = m as ToolMessage;
          yield {
            type: "tool_result",
            id: t.tool_call_id,
            name: t.name ?? "",
            ...summarise(t.name ?? "", String(t.content)),
          };
        }
      }
    }
  }

  if (confirm) {
    yield { type: "confirm", ...confirm };
  } else {
    yield { type: "message", role: "assistant", agent: agent ?? "general", content: note + reply };
  }
  const turnUsage = totals(usage.usage);
  await recordUsage(
    deps.db,
    Object.entries(usage.usage.byModel).map(([model, u]) => ({
      userId: principal.userId,
      threadId: threadId!,
      model,
      ...u,
    })),
  );
  opts.onUsage?.(usage.usage);
  await touchThread(deps.db, threadId, agent);
  yield { type: "done", threadId, usage: turnUsage };
}

function resumeWith(
  pending: ConfirmRequest,
  answer: { decision: "approve" | "reject"; note?: string | undefined },
): Command {
  const resume: ConfirmDecision = {
    decision: answer.decision,
    ...(answer.note ? { note: answer.note } : {}),
    confirmed: { details: pending.details },
  };
  return new Command({ resume });
}

function totals(u: TurnUsage) {
  return {
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    costUsd: Math.round(u.costUsd * 1e6) / 1e6,
  };
}

/** A tool result in a line (whether it worked and what it says), and the data clients may show. */
function summarise(name: string, content: string): { ok: boolean; summary: string; data?: ToolResultData } {
  try {
    const r = JSON.parse(content) as {
      ok?: boolean;
      status?: string;
      count?: number;
      providers?: unknown[];
      error?: { message?: string };
      message?: string;
    };
    if (r.ok === false) return { ok: false, summary: r.error?.message ?? r.message ?? "not done" };
    const data =
      name === "search_providers" && Array.isArray(r.providers) ? { data: { providers: r.providers } } : {};
    if (typeof r.count === "number") return { ok: true, summary: `${r.count} found`, ...data };
    return { ok: true, summary: r.status ?? "done", ...data };
  } catch {
    return { ok: true, summary: content.slice(0, 120) };
  }
}
