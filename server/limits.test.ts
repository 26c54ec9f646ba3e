import { afterAll, beforeAll, expect, it } from "vitest";
import type { OfflineDecision, OfflineTurnInput } from "../models/offline/chat-model.js";
import { createTestApp } from "../test/app.js";
import { describeEachEngine } from "../test/db.js";
import { createTestGraph } from "../test/graph.js";
import { listen, readSse } from "../test/server.js";

/** A general agent that answers slowly, word by word, until told to hurry: turns stay in flight. */
function slowPolicy(gate: { open: Promise<void> }) {
  return async (input: OfflineTurnInput): Promise<OfflineDecision> => {
    if (input.tools.length === 1 && input.tools[0]!.name === "route") {
      return { content: "", toolCalls: [{ name: "route", args: { agent: "general", continuation: false } }] };
    }
    await gate.open;
    return {
      content: "Proxie can book haircuts, home cleaning and plumbing for you near your zip code today.",
    };
  };
}

describeEachEngine("limits, metrics and docs", ({ db }) => {
  let server: Awaited<ReturnType<typeof listen>>;
  let t: ReturnType<typeof createTestApp>;
  let release: () => void = () => {};
  const gate = { open: Promise.resolve() };

  beforeAll(async () => {
    const g = await createTestGraph(db(), slowPolicy(gate));
    t = createTestApp(db(), {
      turns: g.deps,
      env: { RATE_LIMIT_PER_MINUTE: "12", USER_DAILY_BUDGET_USD: "0.5", THREAD_BUDGET_USD: "0.2" },
    });
    server = await listen(t.app);
  });
  afterAll(async () => {
    release();
    await server?.close();
  });

  const chat = (token: string, body: unknown, signal?: AbortSignal) =>
    fetch(`${server.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  const hold = () => {
    gate.open = new Promise<void>((resolve) => {
      release = resolve;
    });
  };

  it("refuses a second message on a thread that is still answering with 409", async () => {
    const token = await t.tokenFor("limits-double");
    const first = await readSse(await chat(token, { message: "hi" }));
    const threadId = (first[0]!.data as { threadId: string }).threadId;
    hold();
    const running = chat(token, { threadId, message: "what can you do?" });
    await new Promise((r) => setTimeout(r, 300));
    const second = await chat(token, { threadId, message: "hello?" });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("conflict");
    release();
    expect((await readSse(await running)).at(-1)!.event).toBe("done");
    // Once the first turn has finished, the thread takes messages again.
    expect((await readSse(await chat(token, { threadId, message: "thanks" }))).at(-1)!.event).toBe("done");
  });

  it("cancels the run of a client that disconnects mid-stream and frees its thread", async () => {
    const token = await t.tokenFor("limits-abort");
    const first = await readSse(await chat(token, { message: "hi" }));
    const threadId = (first[0]!.data as { threadId: string }).threadId;
    hold();
    const abort = new AbortController();
    const res = await chat(token, { threadId, message: "tell me everything" }, abort.signal);
    expect(res.status).toBe(200);
    abort.abort();
    await new Promise((r) => setTimeout(r, 300));
    release();
    // No pending run holds the thread: the next message is answered.
    const next = await chat(token, { threadId, message: "still there?" });
    expect(next.status).toBe(200);
    expect((await readSse(next)).at(-1)!.event).toBe("done");
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/proxie_chat_turns_total\{agent="\w+",outcome="aborted"\} 1/);
  });

  it("limits each user to RATE_LIMIT_PER_MINUTE requests with 429 and Retry-After", async () => {
    const token = await t.tokenFor("limits-rate");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 14; i++) {
      const r = await fetch(`${server.url}/v1/categories`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get("retry-after");
    }
    expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another user is not affected.
    expect(
      (
        await fetch(`${server.url}/v1/categories`, {
          headers: { authorization: `Bearer ${await t.tokenFor("limits-other")}` },
        })
      ).status,
    ).toBe(200);
  });

  it("stops chatting politely past the daily and the thread budget", async () => {
    const token = await t.tokenFor("limits-budget");
    const first = await readSse(await chat(token, { message: "hi" }));
    const threadId = (first[0]!.data as { threadId: string }).threadId;
    await db().query(
      "INSERT INTO llm_usage (user_id, thread_id, model, input_tokens, output_tokens, cost_usd) VALUES ('limits-budget', $1, 'gpt-4.1', 1000, 1000, 0.25)",
      [threadId],
    );
    const thread = await chat(token, { threadId, message: "more" });
    expect(thread.status).toBe(402);
    expect(((await thread.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "budget_exceeded",
    });
    await db().query(
      "INSERT INTO llm_usage (user_id, thread_id, model, input_tokens, output_tokens, cost_usd) VALUES ('limits-budget', 'other', 'gpt-4.1', 1000, 1000, 0.3)",
    );
    const fresh = await chat(token, { message: "a new conversation" });
    expect(fresh.status).toBe(402);
    expect(((await fresh.json()) as { error: { message: string } }).error.message).toMatch(/today's limit/);
  });

  it("exports Prometheus metrics and serves the API reference", async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain(
      'proxie_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/categories",status="200"}',
    );
    expect(metrics).toMatch(/proxie_chat_time_to_first_token_seconds_count [1-9]/);
    expect(metrics).toMatch(/proxie_llm_tokens_total\{model="offline",kind="input"\} [1-9]/);
    expect(metrics).toMatch(/proxie_bookings_total \d+/);
    const docs = await fetch(`${server.url}/docs`);
    expect(await docs.text()).toContain("/docs/assets/swagger-ui-bundle.js");
    expect((await fetch(`${server.url}/docs/assets/swagger-ui.css`)).status).toBe(200);
    const spec = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/v1/chat", "/v1/threads", "/v1/threads/{id}"]),
    );
  });
});
