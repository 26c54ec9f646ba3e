import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { isoInZone, renderContext } from "../agents/context.js";
import { AGENT_NAMES, type AgentName, allowedAgent, ROUTES } from "../agents/registry.js";
import type { Clock } from "../core/clock.js";
import { traced } from "../core/tracing.js";
import { principalOf } from "./principal.js";
import type { Conversation, ConversationUpdate } from "./state.js";

export const RouteSchema = z.object({
  agent: z.enum(AGENT_NAMES).describe("the agent for the user's latest message"),
  continuation: z
    .boolean()
    .describe(
      "true when the latest message continues the current conversation: an answer, a choice, yes/no, a correction",
    ),
});
export type Route = z.infer<typeof RouteSchema>;

const ROUTER_PROMPT = `You route each message of a conversation with Proxie, a marketplace for local services, to the agent that should answer it.

Agents:
${AGENT_NAMES.map((a) => `- ${a}: ${ROUTES[a]}`).join("\n")}

Keep the current agent when the latest message continues its conversation (answers its question, picks an option, says yes or no, corrects a detail). Change agent only when the topic changes.`;

/** How much of the conversation the router reads: its latest turns, as plain text. */
const ROUTER_WINDOW = 6;

/**
 * Classifies each turn (structured output), keeps a returning user with the active specialist
 * unless the topic changed, and applies the role rules (profile for providers, booking
 * specialists for consumers; anything not allowed goes to `general`, which explains).
 */
export function routerNode({ model, clock }: { model: BaseChatModel; clock: Clock }) {
  // Tool calling is what every OpenAI-compatible endpoint supports; JSON-schema output is not.
  const classify = model.withStructuredOutput(RouteSchema, { name: "route", method: "functionCalling" });
  return async (state: Conversation, config: LangGraphRunnableConfig): Promise<ConversationUpdate> => {
    const { principal, timeZone } = principalOf(config);
    const current = state.activeAgent;
    const context = renderContext({
      agent: "router",
      currentAgent: state.handoff ? null : current,
      role: principal.role,
      now: isoInZone(clock.now(), timeZone),
      timeZone,
    });
    const route = await traced("model.call", { "gen_ai.operation.name": "route" }, () =>
      classify.invoke(
        [new SystemMessage(`${ROUTER_PROMPT}\n\n${context}`), ...recentText(state.messages)],
        config,
      ),
    );
    let agent: AgentName = route.continuation && current && !state.handoff ? current : route.agent;
    // A specialist that just handed over must not get the conversation straight back.
    if (state.handoff && agent === current) agent = "general";
    return { activeAgent: allowedAgent(agent, principal.role), handoff: false, steps: 0 };
  };
}

/** The latest turns as plain human/assistant text: tool traffic is not the router's business. */
function recentText(messages: BaseMessage[]): BaseMessage[] {
  const out: BaseMessage[] = [];
  for (const m of messages) {
    const text = typeof m.content === "string" ? m.content : "";
    if (m.getType() === "human") out.push(new HumanMessage(text));
    else if (m.getType() === "ai" && text) out.push(new AIMessage(text));
  }
  return out.slice(-ROUTER_WINDOW);
}
