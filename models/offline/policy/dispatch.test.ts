import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RouteSchema } from "../../../graph/router.js";
import { createOfflineChatModel } from "../index.js";
import { loadWordVectors } from "../word-vectors.js";
import { agentTurn, human, system, TEST_NOW_ISO } from "./dialogue-fixtures.js";
import { createOfflinePolicy } from "./dispatch.js";
import { createDialogueNlu } from "./nlu.js";

const nlu = createDialogueNlu({ wordVectors: loadWordVectors() });
const policy = createOfflinePolicy(nlu);
const model = createOfflineChatModel({ nlu, countTokens: (t) => t.length });

const routerContext = `## Context\n- Agent: router\n- Current agent: none\n- Role: consumer\n- Now: ${TEST_NOW_ISO}\n- Time zone: America/Chicago`;

describe("offline policy dispatch", () => {
  it("answers the router's structured output through the chat model", async () => {
    const route = model.withStructuredOutput(RouteSchema, { name: "route" });
    const out = await route.invoke([
      new SystemMessage(`Route.\n\n${routerContext}`),
      new HumanMessage("my tub won't drain"),
    ]);
    expect(out).toEqual({ agent: "plumbing", continuation: false });
  });

  it("plays the agent named in the context block, with that agent's tools", async () => {
    const search = tool(async () => "{}", {
      name: "search_providers",
      description: "search",
      schema: z.object({ query: z.string() }),
    });
    const bound = model.bindTools([search]);
    const reply = await bound.invoke([
      system("haircut", { usualZip: "78704" }),
      human("a skin fade on saturday please"),
    ]);
    expect(reply.tool_calls?.[0]).toMatchObject({
      name: "search_providers",
      args: { query: "skin fade", zip: "78704" },
    });
    expect(reply.tool_calls?.[0]?.id).toMatch(/^call_/);
  });

  it("never calls a tool it was not offered", () => {
    const input = {
      ...agentTurn("haircut", [system("haircut", { usualZip: "78704" }), human("a fade please")]),
      tools: [],
    };
    const d = policy(input);
    expect(d.toolCalls ?? []).toEqual([]);
    expect(d.content.length).toBeGreaterThan(0);
  });

  it("gives the same answer to the same conversation", async () => {
    const messages = [system("general"), human("hey there, what can you do?")];
    const a = await model.invoke(messages);
    const b = await model.invoke(messages);
    expect(a.content).toBe(b.content);
    expect(policy(agentTurn("general", messages))).toEqual(policy(agentTurn("general", messages)));
  });
});
