import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfflineDecision, OfflineTurnInput } from "../../models/offline/chat-model.js";
import { createTestApp } from "../../test/app.js";
import { describeEachEngine } from "../../test/db.js";
import { makeProvider, type TestProvider } from "../../test/fixtures.js";
import { createTestGraph } from "../../test/graph.js";
import { listen, readSse } from "../../test/server.js";
import { frameBatcher, sseFrame, turnEventFrame, wireEvent } from "./chat.js";

/** Routes everything to the haircut agent, which searches, then books the first option's first slot. */
function bookingPolicy(input: OfflineTurnInput): OfflineDecision {
  if (input.tools.length === 1 && input.tools[0]!.name === "route") {
    return { content: "", toolCalls: [{ name: "route", args: { agent: "haircut", continuation: true } }] };
  }
  const tools = input.messages.filter((m) => m.getType() === "tool");
  const last = tools.at(-1) ? JSON.parse(String(tools.at(-1)!.content)) : undefined;
  const human = String([...input.messages].reverse().find((m) => m.getType() === "human")?.content ?? "");
  if (input.messages.at(-1)?.getType() === "human" && /book/.test(human)) {
    const search = JSON.parse(String(tools.find((t) => t.name === "search_providers")!.content));
    const p = search.providers[0];
    return {
      content: "",
      toolCalls: [
        {
          name: "create_booking",
          args: {
            providerId: p.providerId,
            serviceId: p.service.serviceId,
            startsAt: p.nextSlots[0].startsAt,
          },
        },
      ],
    };
  }
  if (input.messages.at(-1)?.getType() === "human") {
    return {
      content: "",
      toolCalls: [{ name: "search_providers", args: { query: human, category: "haircut", zip: "78704" } }],
    };
  }
  if (last?.status === "booked")
    return { content: `You're booked with ${last.booking.providerName} on ${last.booking.local}.` };
  return {
    content: `The best match is ${last.providers[0].name}, free ${last.providers[0].nextSlots[0].local}.`,
  };
}

describeEachEngine("POST /v1/chat over a real server", ({ db }) => {
  let server: Awaited<ReturnType<typeof listen>>;
  let token: string;
  let barber: TestProvider;

  beforeAll(async () => {
    barber = await makeProvider(db(), { name: "Streamline Barbers" });
    const g = await createTestGraph(db(), bookingPolicy);
    const t = createTestApp(db(), { turns: g.deps });
    server = await listen(t.app);
    token = await t.tokenFor("chat-user-1", "consumer");
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (body: unknown, accept = "text/event-stream") =>
    fetch(`${server.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept },
      body: JSON.stringify(body),
    });

  it("streams a turn event by event, then a confirmation, then the booking after approval", async () => {
    const res = await post({ message: "streamline barbers please" });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readSse(res);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("thread");
    expect(names).toContain("agent");
    expect(names.indexOf("tool_call")).toBeLessThan(names.indexOf("tool_result"));
    expect(names.filter((n) => n === "token").length).toBeGreaterThan(3);
    expect(names.at(-2)).toBe("message");
    expect(names.at(-1)).toBe("done");
    const threadId = (events[0]!.data as { threadId: string }).threadId;
    const tokens = events
      .filter((e) => e.event === "token")
      .map((e) => (e.data as { text: string }).text)
      .join("");
    expect(tokens).toContain("Streamline Barbers");
    expect((events.at(-2)!.data as { content: string }).content).toBe(tokens);

    const confirmTurn = await readSse(await post({ threadId, message: "book it" }));
    const confirm = confirmTurn.find((e) => e.event === "confirm")!.data as {
      id: string;
      action: string;
      summary: string;
    };
    expect(confirm.action).toBe("create_booking");
    expect(confirm.summary).toMatch(/^Book Skin Fade with Streamline Barbers/);

    const approved = await post({ threadId, resume: { decision: "approve" } }, "application/json");
    const json = (await approved.json()) as {
      reply: string;
      agent: string;
      toolCalls: { name: string; ok: boolean }[];
    };
    expect(json.reply).toMatch(/^You're booked with Streamline Barbers/);
    expect(json.agent).toBe("haircut");
    const { rows } = await db().query(
      "SELECT count(*)::int AS n FROM bookings WHERE provider_id = $1 AND status = 'confirmed'",
      [barber.profile.id],
    );
    expect(rows[0]).toEqual({ n: 1 });

    const thread = await fetch(`${server.url}/v1/threads/${threadId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const transcript = (await thread.json()) as { messages: { role: string; content: string }[] };
    expect(transcript.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("answers a thread that is not yours, a bad body and a missing token with errors, not streams", async () => {
    const other = createTestApp(db());
    const otherToken = await other.tokenFor("chat-user-2", "consumer");
    const first = await readSse(await post({ message: "streamline" }));
    const threadId = (first[0]!.data as { threadId: string }).threadId;
    const theirs = await fetch(`${server.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${otherToken}`, "content-type": "application/json" },
      body: JSON.stringify({ threadId, message: "hi" }),
    });
    // Tokens are per app instance in dev mode: the other app's token is not valid here either.
    expect([401, 404]).toContain(theirs.status);
    expect((await post({ message: "" })).status).toBe(400);
    expect((await post({ message: "x".repeat(5000) })).status).toBe(400);
    expect((await post({ threadId, resume: { decision: "approve" } })).status).toBe(409);
    expect((await fetch(`${server.url}/v1/chat`, { method: "POST", body: "{}" })).status).toBe(401);
  });
});

describe("frameBatcher", () => {
  it("sends a burst of frames as one write, a loop turn later, and the last ones with the end", async () => {
    const writes: string[] = [];
    let last: string | undefined;
    const out = frameBatcher({
      write: (text) => writes.push(text),
      end: (text) => {
        last = text;
      },
    });
    out.push(sseFrame("thread", { threadId: "t" }));
    out.push(turnEventFrame({ type: "token", text: "a" }));
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['event: thread\ndata: {"threadId":"t"}\n\nevent: token\ndata: {"text":"a"}\n\n']);
    out.push(turnEventFrame({ type: "token", text: "b" }));
    out.push(sseFrame("done", { threadId: "t" }));
    out.close();
    expect(writes).toHaveLength(1);
    expect(last).toBe('event: token\ndata: {"text":"b"}\n\nevent: done\ndata: {"threadId":"t"}\n\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
  });
});

describe("turnEventFrame", () => {
  it("frames a token exactly as any other event: its type as the name, the rest as JSON", () => {
    for (const text of ['say "hi"\n', "line\u2028sep", "★4.8 café", "\\", ""]) {
      const e = { type: "token", text } as const;
      expect(turnEventFrame(e)).toBe(sseFrame(...wireEvent(e)));
      const data = turnEventFrame(e).split("\n")[1]!;
      expect(JSON.parse(data.slice("data: ".length))).toEqual({ text });
    }
    const call = { type: "tool_call", id: "c1", name: "search_providers", args: { zip: "78704" } } as const;
    expect(turnEventFrame(call)).toBe(
      'event: tool_call\ndata: {"id":"c1","name":"search_providers","args":{"zip":"78704"}}\n\n',
    );
  });
});
