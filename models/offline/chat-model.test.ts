import { AIMessageChunk, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OfflineChatModel, OfflineModelError, type OfflinePolicy, scriptedPolicy } from "./chat-model.js";

const searchSlots = tool(async () => "[]", {
  name: "search_slots",
  description: "Free slots of a provider",
  schema: z.object({
    providerId: z.string().describe("id from search_providers"),
    day: z.string().describe("YYYY-MM-DD"),
  }),
});

const cancelBooking = {
  type: "function",
  function: {
    name: "cancel_booking",
    description: "Cancel a booking",
    parameters: { type: "object", properties: { bookingId: { type: "string" } }, required: ["bookingId"] },
  },
};

const reply = "Sure, I can look  that up for you.\nOne moment!";
const prompt = [
  new SystemMessage("You book local services."),
  new HumanMessage("Any slots with Kim on Friday?"),
];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe("OfflineChatModel.invoke", () => {
  it("returns the policy's text and tool calls, with deterministic ids", async () => {
    const decision = {
      content: "Checking Kim's Friday.",
      toolCalls: [{ name: "search_slots", args: { providerId: "prov_kk", day: "2026-03-06" } }],
    };
    const policy = scriptedPolicy([decision, decision]);
    const model = new OfflineChatModel({ policy }).bindTools([searchSlots, cancelBooking]);

    const first = await model.invoke(prompt);
    expect(first.content).toBe("Checking Kim's Friday.");
    expect(first.tool_calls).toEqual([
      {
        type: "tool_call",
        id: expect.stringMatching(/^call_[0-9a-f]{12}$/),
        name: "search_slots",
        args: { providerId: "prov_kk", day: "2026-03-06" },
      },
    ]);
    const second = await model.invoke(prompt);
    expect(second.tool_calls![0]!.id).toBe(first.tool_calls![0]!.id);
  });

  it("shows the policy every bound tool as a JSON schema", async () => {
    const policy = scriptedPolicy([{ content: "ok" }]);
    await new OfflineChatModel({ policy })
      .bindTools([searchSlots, cancelBooking], { tool_choice: "auto" })
      .invoke(prompt);
    const [turn] = policy.turns;
    expect(turn!.toolChoice).toBe("auto");
    expect(turn!.messages.map((m) => m.text)).toEqual([
      "You book local services.",
      "Any slots with Kim on Friday?",
    ]);
    expect(turn!.tools.map((t) => t.name)).toEqual(["search_slots", "cancel_booking"]);
    expect(turn!.tools[0]!.description).toBe("Free slots of a provider");
    expect(turn!.tools[0]!.schema).toMatchObject({
      type: "object",
      properties: { providerId: { type: "string", description: "id from search_providers" } },
      required: ["providerId", "day"],
    });
    expect(turn!.tools[1]!.schema).toEqual(cancelBooking.function.parameters);
  });

  it("reports token usage", async () => {
    const model = new OfflineChatModel({ policy: () => ({ content: reply }) });
    const message = await model.invoke(prompt);
    const usage = message.usage_metadata!;
    expect(usage.input_tokens).toBeGreaterThan(10);
    expect(usage.output_tokens).toBeGreaterThan(5);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
  });

  it("counts bound tools as input tokens and accepts an injected counter", async () => {
    const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;
    const plain = await new OfflineChatModel({
      policy: () => ({ content: "ok" }),
      countTokens: countWords,
    }).invoke(prompt);
    const withTools = await new OfflineChatModel({
      policy: () => ({ content: "ok" }),
      countTokens: countWords,
    })
      .bindTools([searchSlots])
      .invoke(prompt);
    expect(plain.usage_metadata!.output_tokens).toBe(1);
    expect(withTools.usage_metadata!.input_tokens).toBeGreaterThan(plain.usage_metadata!.input_tokens);
  });

  it("cuts the reply at a stop sequence", async () => {
    const model = new OfflineChatModel({ policy: () => ({ content: "first line\nObservation: more" }) });
    expect((await model.invoke(prompt, { stop: ["\nObservation:"] })).content).toBe("first line");
  });

  it("refuses a policy that calls a tool it was not offered, or ignores tool_choice", async () => {
    const rogue = new OfflineChatModel({
      policy: () => ({ content: "", toolCalls: [{ name: "drop_tables", args: {} }] }),
    });
    await expect(rogue.bindTools([searchSlots]).invoke(prompt)).rejects.toMatchObject({
      code: "unknown_tool",
    });
    const chatty = new OfflineChatModel({ policy: () => ({ content: "no tools today" }) });
    const forced = chatty.bindTools([searchSlots], { tool_choice: "search_slots" });
    await expect(forced.invoke(prompt)).rejects.toBeInstanceOf(OfflineModelError);
    await expect(forced.invoke(prompt)).rejects.toMatchObject({ code: "tool_choice_ignored" });
  });

  it("identifies as an offline model", () => {
    const model = new OfflineChatModel({ policy: () => ({ content: "" }) });
    expect(model._llmType()).toBe("offline");
  });
});

describe("OfflineChatModel.stream", () => {
  it("streams the reply word by word, whitespace preserved", async () => {
    const model = new OfflineChatModel({ policy: () => ({ content: reply }) });
    const chunks = await collect(await model.stream(prompt));
    const texts = chunks.map((c) => c.content as string).filter((t) => t !== "");
    expect(texts).toHaveLength(10);
    expect(texts.join("")).toBe(reply);
    expect(texts[3]).toBe("look  ");
  });

  it("calls handleLLMNewToken for every chunk", async () => {
    const tokens: string[] = [];
    const model = new OfflineChatModel({ policy: () => ({ content: "two words" }) });
    await collect(
      await model.stream(prompt, { callbacks: [{ handleLLMNewToken: (t: string) => void tokens.push(t) }] }),
    );
    expect(tokens).toEqual(["two ", "words", ""]);
  });

  it("streams tool calls as tool_call_chunks that concatenate into tool calls, and usage once", async () => {
    const model = new OfflineChatModel({
      policy: () => ({
        content: "Let me check.",
        toolCalls: [
          { name: "search_slots", args: { providerId: "prov_kk", day: "2026-03-06" } },
          { name: "cancel_booking", args: { bookingId: "bk_1" } },
        ],
      }),
    }).bindTools([searchSlots, cancelBooking]);
    const chunks = await collect(await model.stream(prompt));
    expect(chunks.some((c) => (c.tool_call_chunks ?? []).length > 0)).toBe(true);
    const whole = chunks.reduce((a, b) => a.concat(b));
    expect(whole.content).toBe("Let me check.");
    expect(whole.tool_calls?.map((c) => [c.name, c.args])).toEqual([
      ["search_slots", { providerId: "prov_kk", day: "2026-03-06" }],
      ["cancel_booking", { bookingId: "bk_1" }],
    ]);
    const invoked = await model.invoke(prompt);
    expect(whole.tool_calls?.map((c) => c.id)).toEqual(invoked.tool_calls?.map((c) => c.id));
    expect(whole.usage_metadata).toMatchObject(invoked.usage_metadata!);
  });

  it("stops with an AbortError when the signal fires mid-stream", async () => {
    const controller = new AbortController();
    const model = new OfflineChatModel({ policy: () => ({ content: "one two three four five six" }) });
    const seen: string[] = [];
    const run = async () => {
      for await (const chunk of await model.stream(prompt, { signal: controller.signal })) {
        seen.push(chunk.content as string);
        if (seen.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["one ", "two "]);
  });

  it("does not call the policy when already aborted", async () => {
    const policy = scriptedPolicy([{ content: "never" }]);
    const model = new OfflineChatModel({ policy });
    await expect(model.invoke(prompt, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(policy.turns).toHaveLength(0);
  });
});

describe("OfflineChatModel.withStructuredOutput", () => {
  const Intent = z.object({
    category: z.enum(["haircut", "cleaning", "plumbing"]),
    service: z.string().optional(),
    urgent: z.boolean().default(false),
  });

  it("offers one tool named after the schema, forces it, and returns the parsed object", async () => {
    const policy = scriptedPolicy([
      { content: "", toolCalls: [{ name: "intent", args: { category: "plumbing" } }] },
    ]);
    const structured = new OfflineChatModel({ policy }).withStructuredOutput(Intent, { name: "intent" });
    const parsed = await structured.invoke("my toilet won't stop running");
    expect(parsed).toEqual({ category: "plumbing", urgent: false });
    const [turn] = policy.turns;
    expect(turn!.tools.map((t) => t.name)).toEqual(["intent"]);
    expect(turn!.toolChoice).toBe("intent");
    expect(turn!.tools[0]!.schema).toMatchObject({
      properties: { category: { enum: ["haircut", "cleaning", "plumbing"] } },
    });
  });

  it("rejects arguments that do not satisfy the schema", async () => {
    const policy: OfflinePolicy = () => ({
      content: "",
      toolCalls: [{ name: "intent", args: { category: "gardening" } }],
    });
    const structured = new OfflineChatModel({ policy }).withStructuredOutput(Intent, { name: "intent" });
    await expect(structured.invoke("mow my lawn")).rejects.toThrow(/Failed to parse/);
  });

  it("can include the raw message", async () => {
    const policy: OfflinePolicy = () => ({
      content: "",
      toolCalls: [{ name: "intent", args: { category: "haircut" } }],
    });
    const structured = new OfflineChatModel({ policy }).withStructuredOutput(Intent, {
      name: "intent",
      includeRaw: true,
    });
    const { raw, parsed } = await structured.invoke("skin fade + beard");
    expect(parsed).toEqual({ category: "haircut", urgent: false });
    expect((raw as AIMessageChunk).tool_calls?.[0]?.name).toBe("intent");
  });
});

describe("OfflineChatModel in a LangGraph graph", () => {
  it('streams tokens with streamMode "messages"', async () => {
    const model = new OfflineChatModel({ policy: () => ({ content: reply }) });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("agent", async (state: { messages: BaseMessage[] }) => ({
        messages: [await model.invoke(state.messages)],
      }))
      .addEdge(START, "agent")
      .addEdge("agent", END)
      .compile();

    const tokens: string[] = [];
    for await (const [message, metadata] of await graph.stream(
      { messages: prompt },
      { streamMode: "messages" },
    )) {
      expect(metadata.langgraph_node).toBe("agent");
      if (AIMessageChunk.isInstance(message) && typeof message.content === "string" && message.content) {
        tokens.push(message.content);
      }
    }
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join("")).toBe(reply);

    const final = await graph.invoke({ messages: prompt });
    expect(final.messages.at(-1)?.content).toBe(reply);
  });
});
