import { ChatOpenAI } from "@langchain/openai";
import { HttpResponse, http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../core/clock.js";
import { createProviderSearch } from "../db/provider-search.js";
import { createCheckpointer } from "../memory/checkpointer.js";
import { createPreferenceStore } from "../memory/preferences.js";
import { TEST_NOW } from "../test/app.js";
import { describeEachEngine } from "../test/db.js";
import { chunks } from "../test/fake-openai.js";
import { makeConsumer, makeProvider, type TestProvider } from "../test/fixtures.js";
import { simpleAnswer } from "../test/graph.js";
import { createTools } from "../tools/index.js";
import { buildGraph } from "./build.js";
import { runTurn, type TurnEvent } from "./run.js";

const BASE = "http://openai.test/v1";

interface ChatRequest {
  model: string;
  stream?: boolean;
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
  messages: { role: string; content: string | null; tool_calls?: unknown[] }[];
}

/** What a real model would answer at each step of a haircut booking, decided from the request. */
function answer(
  req: ChatRequest,
  barber: TestProvider,
): { content?: string; call?: { name: string; args: Record<string, unknown> } } {
  const tools = (req.tools ?? []).map((t) => t.function.name);
  const last = req.messages.at(-1)!;
  if (tools.length === 1 && tools[0] === "route")
    return { call: { name: "route", args: { agent: "haircut", continuation: false } } };
  if (last.role === "user" && /fade/i.test(String(last.content)) && !/book/i.test(String(last.content))) {
    return {
      call: { name: "search_providers", args: { query: "skin fade", category: "haircut", zip: "78704" } },
    };
  }
  if (last.role === "user" && /book/i.test(String(last.content))) {
    const search = JSON.parse(String(req.messages.find((m) => m.role === "tool")!.content));
    const option = search.providers.find((p: { providerId: string }) => p.providerId === barber.profile.id);
    return {
      call: {
        name: "check_availability",
        args: { providerId: option.providerId, serviceId: option.service.serviceId },
      },
    };
  }
  if (last.role === "tool") {
    const result = JSON.parse(String(last.content));
    if (result.slots) {
      return {
        call: {
          name: "create_booking",
          args: {
            providerId: result.providerId,
            serviceId: result.service.serviceId,
            startsAt: result.slots[0].startsAt,
          },
        },
      };
    }
    if (result.status === "booked")
      return { content: `Done! You're booked at ${result.booking.providerName} on ${result.booking.local}.` };
    return { content: `I found ${result.providers[0].name} and others. Want me to book one?` };
  }
  return { content: "How can I help?" };
}

/** The OpenAI wire format, streamed (the fake endpoint's own framing). */
function streamed(body: ReturnType<typeof answer>, model: string): Response {
  const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };
  return new Response(chunks(body, model, usage).join(""), {
    headers: { "content-type": "text/event-stream" },
  });
}

describeEachEngine("the OpenAI path, end to end against a mocked endpoint", ({ db }) => {
  let barber: TestProvider;
  const requests: ChatRequest[] = [];
  const server = setupServer(
    http.post(`${BASE}/chat/completions`, async ({ request }) => {
      const req = (await request.json()) as ChatRequest;
      requests.push(req);
      const body = answer(req, barber);
      if (req.stream) return streamed(body, req.model);
      return HttpResponse.json({ error: { message: "this test only streams" } }, { status: 400 });
    }),
    // The tests' own traffic (databases, local servers) is not the mock's business.
    http.all(/^http:\/\/(127\.0\.0\.1|localhost)/, () => passthrough()),
  );
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: "error" });
    barber = await makeProvider(db(), { name: "Wire Format Fades" });
  });
  afterAll(() => server.close());

  it("routes, searches, checks availability, asks, and books after approval", async () => {
    const clock = fixedClock(TEST_NOW);
    const preferences = createPreferenceStore(db());
    const tools = createTools({
      db: db(),
      clock,
      search: createProviderSearch({ db: db(), vector: false }),
      preferences,
      notifications: { publish() {} },
      reembedProvider: async () => {},
    });
    const chat = new ChatOpenAI({
      model: "gpt-4.1-mini",
      apiKey: "test-key",
      configuration: { baseURL: BASE },
      streaming: true,
      streamUsage: true,
      maxRetries: 0,
    });
    const graph = buildGraph({
      models: { chat },
      tools,
      checkpointer: await createCheckpointer(db()),
      preferences,
      clock,
    });
    const deps = { graph, db: db(), chatModelName: "gpt-4.1-mini", readAnswer: simpleAnswer };
    const consumer = await makeConsumer(db());
    const turn = async (input: Parameters<typeof runTurn>[1]) => {
      const events: TurnEvent[] = [];
      for await (const e of runTurn(deps, input, { principal: consumer, timeZone: "America/Chicago" }))
        events.push(e);
      return events;
    };

    const first = await turn({ message: "I need a skin fade near 78704" });
    const threadId = (first[0] as { threadId: string }).threadId;
    expect(first.find((e) => e.type === "agent")).toMatchObject({ name: "haircut" });
    expect(first.filter((e) => e.type === "tool_call").map((e) => (e as { name: string }).name)).toEqual([
      "search_providers",
    ]);
    expect(first.filter((e) => e.type === "token").length).toBeGreaterThan(3);

    const second = await turn({ threadId, message: "book Wire Format Fades, first free time" });
    expect(second.filter((e) => e.type === "tool_call").map((e) => (e as { name: string }).name)).toEqual([
      "check_availability",
      "create_booking",
    ]);
    expect(second.find((e) => e.type === "confirm")).toMatchObject({
      action: "create_booking",
      details: { providerName: "Wire Format Fades" },
    });
    expect(
      (await db().query("SELECT count(*)::int AS n FROM bookings WHERE consumer_id = $1", [consumer.userId]))
        .rows[0],
    ).toEqual({ n: 0 });

    const third = await turn({ threadId, message: "yes please" });
    const reply = third.find((e) => e.type === "message") as { content: string };
    expect(reply.content).toMatch(/^Done! You're booked at Wire Format Fades on Mon, Nov 30/);
    const { rows } = await db().query(
      "SELECT provider_id, price_cents, status FROM bookings WHERE consumer_id = $1",
      [consumer.userId],
    );
    expect(rows).toEqual([{ provider_id: barber.profile.id, price_cents: 4000, status: "confirmed" }]);
    const usage = await db().query(
      "SELECT model, sum(input_tokens)::int AS input FROM llm_usage WHERE thread_id = $1 GROUP BY model",
      [threadId],
    );
    expect(usage.rows).toEqual([
      {
        model: "gpt-4.1-mini",
        // Every request of this conversation was answered with 120 prompt tokens.
        input: 120 * requests.length,
      },
    ]);
  });
});
