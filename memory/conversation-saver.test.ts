import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { expect, it } from "vitest";
import { describeEachEngine } from "../test/db.js";
import { ConversationSaver } from "./conversation-saver.js";

/** A graph whose one node answers every message: enough to grow a thread turn by turn. */
function echoGraph(saver: ConversationSaver) {
  return new StateGraph(MessagesAnnotation)
    .addNode("echo", (s) => ({ messages: [new AIMessage(`echo: ${String(s.messages.at(-1)?.content)}`)] }))
    .addEdge(START, "echo")
    .addEdge("echo", END)
    .compile({ checkpointer: saver });
}

const count = async (
  db: { query: (s: string, p: unknown[]) => Promise<{ rows: { n: number }[] }> },
  thread: string,
) =>
  (await db.query("SELECT count(*)::int AS n FROM checkpoint_messages WHERE thread_id = $1", [thread]))
    .rows[0]!.n;

describeEachEngine("conversation checkpointer", ({ db }) => {
  it("stores each message once, however long the thread grows", async () => {
    const saver = new ConversationSaver(db().pool);
    const graph = echoGraph(saver);
    const config = { configurable: { thread_id: crypto.randomUUID() } };
    for (let i = 0; i < 10; i++) await graph.invoke({ messages: [new HumanMessage(`message ${i}`)] }, config);
    const thread = config.configurable.thread_id;
    expect(await count(db(), thread)).toBe(20);
    await graph.invoke({ messages: [new HumanMessage("one more")] }, config);
    expect(await count(db(), thread)).toBe(22);
    // The stored blob of the messages channel is a list of references, not the messages.
    const { rows } = await db().query<{ type: string }>(
      "SELECT DISTINCT type FROM checkpoint_blobs WHERE thread_id = $1 AND channel = 'messages'",
      [thread],
    );
    expect(rows).toEqual([{ type: "message_refs" }]);
  });

  it("loads a thread in another process (a cold cache) exactly as it was", async () => {
    const first = echoGraph(new ConversationSaver(db().pool));
    const config = { configurable: { thread_id: crypto.randomUUID() } };
    await first.invoke({ messages: [new HumanMessage("hello")] }, config);
    await first.invoke({ messages: [new HumanMessage("book a fade")] }, config);
    const restarted = echoGraph(new ConversationSaver(db().pool));
    const state = await restarted.getState(config);
    const text = (state.values.messages as BaseMessage[]).map((m) => `${m.getType()}:${m.content}`);
    expect(text).toEqual(["human:hello", "ai:echo: hello", "human:book a fade", "ai:echo: book a fade"]);
    await restarted.invoke({ messages: [new HumanMessage("thanks")] }, config);
    expect(((await first.getState(config)).values.messages as BaseMessage[]).at(-1)?.content).toBe(
      "echo: thanks",
    );
  });

  it("keeps a message that is replaced by id under its new content", async () => {
    const saver = new ConversationSaver(db().pool);
    const graph = echoGraph(saver);
    const config = { configurable: { thread_id: crypto.randomUUID() } };
    await graph.invoke({ messages: [new HumanMessage({ content: "first draft", id: "m-1" })] }, config);
    await graph.updateState(config, { messages: [new HumanMessage({ content: "second draft", id: "m-1" })] });
    const fresh = echoGraph(new ConversationSaver(db().pool));
    const messages = (await fresh.getState(config)).values.messages as BaseMessage[];
    expect(messages.find((m) => m.id === "m-1")?.content).toBe("second draft");
  });
});
