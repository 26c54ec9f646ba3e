import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { type BaseCheckpointSaver, END, START, StateGraph } from "@langchain/langgraph";
import { AGENT_NAMES, AGENTS, type AgentName } from "../agents/registry.js";
import type { Clock } from "../core/clock.js";
import { traced } from "../core/tracing.js";
import type { PreferenceStore } from "../memory/preferences.js";
import type { ToolSet } from "../tools/index.js";
import { agentNode } from "./agent-node.js";
import { routerNode } from "./router.js";
import { type Conversation, ConversationState, type ConversationUpdate } from "./state.js";
import { toolsNode } from "./tools-node.js";

export interface GraphDeps {
  models: { chat: BaseChatModel };
  tools: ToolSet;
  checkpointer?: BaseCheckpointSaver;
  preferences: PreferenceStore;
  clock: Clock;
  /** Tool rounds allowed per user message before the turn is wrapped up. */
  maxToolSteps?: number;
}

export const STEP_LIMIT_REPLY =
  "I have taken as many steps as I can for one message and stopped before finishing. Tell me what to do next, or ask again more specifically.";

/**
 * router → specialist ⇄ tools, per thread. A specialist that hands over goes back to the router;
 * a turn that uses up its tool rounds ends with a plain answer instead of looping.
 */
export function buildGraph(deps: GraphDeps) {
  const maxSteps = deps.maxToolSteps ?? 8;
  const graph = new StateGraph(ConversationState)
    .addNode("router", tracedNode("router", routerNode({ model: deps.models.chat, clock: deps.clock })))
    .addNode("tools", tracedNode("tools", toolsNode({ tools: deps.tools })))
    .addNode("step_limit", stepLimitNode);
  for (const name of AGENT_NAMES) {
    graph.addNode(
      name,
      tracedNode(
        name,
        agentNode({
          spec: AGENTS[name],
          model: deps.models.chat,
          tools: deps.tools,
          preferences: deps.preferences,
          clock: deps.clock,
        }),
      ),
    );
  }
  const g = graph as unknown as StateGraph<
    typeof ConversationState.spec,
    Conversation,
    ConversationUpdate,
    string
  >;
  g.addEdge(START, "router");
  g.addConditionalEdges("router", (s: Conversation) => s.activeAgent ?? "general", [...AGENT_NAMES]);
  for (const name of AGENT_NAMES) {
    g.addConditionalEdges(
      name,
      (s: Conversation) => {
        const last = s.messages.at(-1) as AIMessage | undefined;
        if (!last?.tool_calls?.length) return END;
        return s.steps >= maxSteps ? "step_limit" : "tools";
      },
      ["tools", "step_limit", END],
    );
  }
  g.addConditionalEdges("tools", (s: Conversation) => (s.handoff ? "router" : (s.activeAgent ?? "general")), [
    "router",
    ...AGENT_NAMES,
  ]);
  g.addEdge("step_limit", END);
  return g.compile({ checkpointer: deps.checkpointer });
}

/** Answers the unanswered tool calls (a model may not be left with dangling calls) and says why it stopped. */
function stepLimitNode(state: Conversation): ConversationUpdate {
  const last = state.messages.at(-1) as AIMessage;
  const skipped: BaseMessage[] = (last.tool_calls ?? []).map(
    (c) =>
      new ToolMessage({
        tool_call_id: c.id ?? "",
        name: c.name,
        status: "error",
        content: JSON.stringify({
          ok: false,
          error: { code: "step_limit", message: "Not run: the step limit of this turn was reached." },
        }),
      }),
  );
  return {
    messages: [
      ...skipped,
      new AIMessage({ content: STEP_LIMIT_REPLY, name: state.activeAgent ?? "general" }),
    ],
  };
}

export type ProxieGraph = ReturnType<typeof buildGraph>;
export type { AgentName };

/** A node inside a span of its own, so that its model calls, tools and SQL nest under it. */
function tracedNode<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return (...args: A) => traced(`graph.node ${name}`, { "graph.node": name }, () => fn(...args));
}
