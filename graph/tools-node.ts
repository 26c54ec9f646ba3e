import { type AIMessage, ToolMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { AGENTS } from "../agents/registry.js";
import { traced } from "../core/tracing.js";
import { HANDOFF_TOOL } from "../tools/handoff.js";
import type { ToolName, ToolSet } from "../tools/index.js";
import type { Conversation, ConversationUpdate } from "./state.js";

/**
 * Runs the active agent's tool calls one after another. A call of a tool the agent does not have
 * is answered with an error the model can read, not run. Writes pause inside their tool
 * (interrupt) for the user's approval; on resume this node runs again from its start.
 */
export function toolsNode({ tools }: { tools: ToolSet }) {
  return async (state: Conversation, config: LangGraphRunnableConfig): Promise<ConversationUpdate> => {
    const last = state.messages.at(-1) as AIMessage;
    const agent = state.activeAgent ? AGENTS[state.activeAgent] : undefined;
    const results: ToolMessage[] = [];
    let handoff = false;
    for (const call of last.tool_calls ?? []) {
      const id = call.id ?? "";
      const name = call.name as ToolName;
      if (!agent?.tools.includes(name)) {
        results.push(
          new ToolMessage({
            tool_call_id: id,
            name: call.name,
            status: "error",
            content: JSON.stringify({
              ok: false,
              error: { code: "unknown_tool", message: `There is no tool ${call.name} here.` },
            }),
          }),
        );
        continue;
      }
      if (name === HANDOFF_TOOL) handoff = true;
      const message = (await traced(`tool ${name}`, { "tool.name": name, "tool.call_id": id }, () =>
        tools[name].invoke({ ...call, id, type: "tool_call" }, config),
      )) as ToolMessage;
      results.push(message);
    }
    return { messages: results, handoff, steps: state.steps + 1 };
  };
}
