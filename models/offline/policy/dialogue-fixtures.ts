import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import { type AgentContext, renderContext } from "../../../agents/context.js";
import { AGENTS, type AgentName } from "../../../agents/registry.js";
import type { OfflineDecision, OfflineTurnInput } from "../chat-model.js";

/**
 * Builders for synthetic conversations in policy tests: the same message shapes the graph sends
 * (a system prompt ending in the context block, AI messages named after their agent, JSON tool
 * results), without a graph or a database.
 */

export const TEST_ZONE = "America/Chicago";
/** A Monday, 6:00 in Chicago (as the graph tests' clock). */
export const TEST_NOW_ISO = "2026-11-30T06:00:00-06:00";

export function system(agent: string, over: Partial<AgentContext> = {}): SystemMessage {
  return new SystemMessage(
    `Instructions.\n\n${renderContext({
      agent,
      role: "consumer",
      now: TEST_NOW_ISO,
      timeZone: TEST_ZONE,
      ...over,
    })}`,
  );
}

export const human = (text: string) => new HumanMessage(text);

let ids = 0;

/** An assistant message of an agent, with tool calls whose ids tool results refer to. */
export function ai(
  agent: string,
  content: string,
  calls: { name: string; args?: Record<string, unknown>; id?: string }[] = [],
): AIMessage {
  const m = new AIMessage({
    content,
    tool_calls: calls.map((c) => ({
      type: "tool_call" as const,
      id: c.id ?? `call_${++ids}`,
      name: c.name,
      args: c.args ?? {},
    })),
  });
  m.name = agent;
  return m;
}

/** The result of the last call of `message`, as the tools node would add it. */
export function result(message: AIMessage, body: Record<string, unknown>, index = 0): ToolMessage {
  const call = message.tool_calls?.[index];
  if (!call) throw new Error("that AI message has no tool call to answer");
  return new ToolMessage({ tool_call_id: call.id ?? "", name: call.name, content: JSON.stringify(body) });
}

/** An AI message calling a tool plus its result, as two messages. */
export function step(
  agent: string,
  name: string,
  args: Record<string, unknown>,
  body: Record<string, unknown>,
) {
  const call = ai(agent, "", [{ name, args }]);
  return [call, result(call, body)] as const;
}

/** The input an agent node gives the model: its tools, its system prompt, the history. */
export function agentTurn(agent: AgentName, messages: BaseMessage[]): OfflineTurnInput {
  return {
    messages,
    tools: AGENTS[agent].tools.map((name) => ({ name, description: "", schema: {} })),
  };
}

/** The input the router gives the model: one forced tool, "route". */
export function routerTurn(messages: BaseMessage[]): OfflineTurnInput {
  return { messages, tools: [{ name: "route", description: "", schema: {} }], toolChoice: "route" };
}

export function firstCall(d: OfflineDecision): { name: string; args: Record<string, unknown> } | undefined {
  return d.toolCalls?.[0];
}

/** Slots as tools render them ("Tue, Dec 1, 5:00 PM"), in Chicago time. */
export function slot(iso: string): { startsAt: string; endsAt: string; local: string } {
  const start = new Date(iso);
  const local = new Intl.DateTimeFormat("en-US", {
    timeZone: TEST_ZONE,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(start);
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 45 * 60_000).toISOString(),
    local,
  };
}

/** A search_providers option as the tool returns it. */
export function option(
  n: number,
  providerId: string,
  name: string,
  price: number,
  slots: string[],
  extra: Record<string, unknown> = {},
) {
  return {
    option: n,
    providerId,
    name,
    category: "haircut",
    rating: 4.5 + n / 10,
    reviewCount: 10 * n,
    distanceKm: n,
    service: {
      serviceId: `${providerId}-svc`,
      name: "Skin Fade",
      priceCents: price,
      price: `$${price / 100}`,
      durationMin: 45,
    },
    nextSlots: slots.map(slot),
    timezone: TEST_ZONE,
    ...extra,
  };
}
