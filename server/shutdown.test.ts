import { createParser } from "eventsource-parser";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../test/fake-openai.js";
import { call, clerkKeys, type Replica, replicaModelEnv, startReplica } from "../test/replica.js";
import { RECONNECT_HINT, SHUTDOWN_DEADLINE_MS } from "./shutdown.js";

/** An SSE chat whose events arrive one by one; resolves with all of them when the stream ends. */
function chatStream(
  url: string,
  token: string,
  body: unknown,
  onEvent: (event: string, data: unknown) => void,
) {
  return (async () => {
    const res = await fetch(`${url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const events: { event: string; data: unknown }[] = [];
    const parser = createParser({
      onEvent: (m) => {
        const e = { event: m.event ?? "message", data: JSON.parse(m.data) };
        events.push(e);
        onEvent(e.event, e.data);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
      parser.feed(decoder.decode(chunk, { stream: true }));
    return { status: res.status, events };
  })();
}

describe("graceful shutdown of a server process (SIGTERM during a streaming turn)", () => {
  let model: FakeOpenAI;
  let replica: Replica;
  const keys = clerkKeys();

  beforeAll(async () => {
    model = await startFakeOpenAI();
    model.storyDelayMs = 60;
    replica = await startReplica("shutdown", {
      PGLITE_DIR: "memory://",
      SEED_DEMO: "false",
      ...replicaModelEnv(model.baseUrl, keys),
    });
  }, 120_000); // a process start on a busy machine
  afterAll(async () => {
    replica?.kill("SIGKILL");
    await model?.close();
  });

  it("finishes the turn, answers /readyz 503 meanwhile, hints sockets to reconnect, and exits 0 in time", async () => {
    const token = await keys.sign("shutdown-consumer");
    expect((await call(replica.url, "GET", "/readyz")).status).toBe(200);

    // An idle socket.io client: it is told to reconnect, and its transport closes (so it would).
    const socket = connect(replica.url, { auth: { token }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const hint = new Promise<unknown>((resolve) => socket.once("shutdown", resolve));
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    let signalled = 0;
    const during: {
      readyz?: number;
      readyzBody?: unknown;
      healthz?: number;
      chat?: number;
      chatCode?: string;
    } = {};
    const turn = chatStream(replica.url, token, { message: "tell me a story" }, (event) => {
      if (event !== "token" || signalled) return;
      signalled = performance.now();
      replica.kill("SIGTERM");
    });
    // While the story streams: not ready, still alive, and new turns are sent elsewhere.
    const probes = (async () => {
      while (!signalled) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      const ready = await call(replica.url, "GET", "/readyz");
      during.readyz = ready.status;
      during.readyzBody = ready.body;
      during.healthz = (await call(replica.url, "GET", "/healthz")).status;
      const another = await call(replica.url, "POST", "/v1/chat", { token, body: { message: "hello" } });
      during.chat = another.status;
      during.chatCode = another.body?.error?.code;
    })();

    const { status, events } = await turn;
    await probes;
    const exit = await replica.exited;
    const stoppedAfter = performance.now() - signalled;

    expect(status).toBe(200);
    expect(events.at(-1)?.event).toBe("done");
    const message = events.find((e) => e.event === "message")?.data as { content: string };
    expect(message.content).toMatch(/^Once upon a time .* everyone was happy\.$/);
    expect(during).toMatchObject({ readyz: 503, healthz: 200, chat: 503, chatCode: "unavailable" });
    expect(during.readyzBody).toMatchObject({
      status: "unavailable",
      checks: { shutdown: { ok: false, error: "shutting down" } },
    });
    expect(await hint).toEqual(RECONNECT_HINT);
    expect(await closed).toBe("transport close");
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stoppedAfter).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    const said = replica.logs.map((l) => l.msg);
    expect(said).toEqual(expect.arrayContaining(["shutting down", "drained", "stopped"]));
    socket.close();
  }, 60_000);
});
