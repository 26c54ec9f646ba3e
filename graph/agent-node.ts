import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { type BaseMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { isoInZone, renderContext } from "../agents/context.js";
import type { AgentSpec } from "../agents/registry.js";
import type { Clock } from "../core/clock.js";
import { traced } from "../core/tracing.js";
import type { PreferenceStore } from "../memory/preferences.js";
import type { ToolSet } from "../tools/index.js";
import { principalOf } from "./principal.js";
import type { Conversation, ConversationUpdate } from "./state.js";

/** How many messages of history a specialist sends to its model (whole turns, never half a tool exchange). */
export const HISTORY_WINDOW = 40;

/** One specialist: its prompt with the user's context, its own tools, one model call. */
export function agentNode({
  spec,
  model,
  tools,
  preferences,
  clock,
}: {
  spec: AgentSpec;
  model: BaseChatModel;
  tools: ToolSet;
  preferences: PreferenceStore;
  clock: Clock;
}) {
  if (!model.bindTools)
    throw new Error(`the chat model cannot call tools, which the ${spec.name} agent needs`);
  const bound = model.bindTools(spec.tools.map((t) => tools[t]));
  return async (state: Conversation, config: LangGraphRunnableConfig): Promise<ConversationUpdate> => {
    const { principal, timeZone } = principalOf(config);
    const prefs = principal.role === "consumer" ? await preferences.get(principal.userId) : undefined;
    const context = renderContext({
      agent: spec.name,
      role: principal.role,
      now: isoInZone(clock.now(), timeZone),
      timeZone,
      usualZip: prefs?.usualZip,
      favorites: prefs?.favorites,
      lastServices: prefs?.lastServices,
    });
    const system = new SystemMessage(`${spec.instructions}\n\n${context}`);
    const reply = await traced(
      "model.call",
      { "gen_ai.operation.name": "chat", "proxie.agent": spec.name },
      () => bound.invoke([system, ...historyWindow(state.messages)], config),
    );
    reply.name = spec.name;
    return { messages: [reply], activeAgent: spec.name };
  };
}

/** The last messages, cut at a user message so that no tool result loses its call. */
export function historyWindow(messages: BaseMessage[], size = HISTORY_WINDOW): BaseMessage[] {
  if (messages.length <= size) return messages;
  let start = messages.length - size;
  while (start < messages.length && messages[start]!.getType() !== "human") start++;
  return messages.slice(start);
}
