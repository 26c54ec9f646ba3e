import type { BaseMessage } from "@langchain/core/messages";
import { beforeAll, expect, it } from "vitest";
import type { OfflineDecision, OfflineTurnInput } from "../models/offline/chat-model.js";
import { describeEachEngine } from "../test/db.js";
import { makeConsumer, makeProvider, type TestProvider } from "../test/fixtures.js";
import { createTestGraph, eventTypes } from "../test/graph.js";
import type { TurnEvent } from "./run.js";

/**
 * A stand-in for a model, scripted by the test: it routes by the tool it is offered, and as an
 * agent plays the next step of the script, reading ids from the latest tool result.
 */
function scripted(
  route: (text: string) => string,
  // biome-ignore lint/suspicious/noExplicitAny: scripted steps read tool results of every shape
  steps: ((input: OfflineTurnInput, last: Record<string, any>) => OfflineDecision)[],
) {
  let i = 0;
  return (input: OfflineTurnInput): OfflineDecision => {
    if (input.tools.length === 1 && input.tools[0]!.name === "route") {
      const human = [...input.messages].reverse().find((m) => m.getType() === "human") as BaseMessage;
      return {
        content: "",
        toolCalls: [{ name: "route", args: { agent: route(String(human.content)), continuation: false } }],
      };
    }
    const lastTool = [...input.messages].reverse().find((m) => m.getType() === "tool");
    const step = steps[i++];
    if (!step) throw new Error(`no scripted step ${i}`);
    return step(input, lastTool ? JSON.parse(String(lastTool.content)) : {});
  };
}

const text = (events: TurnEvent[]) =>
  events
    .filter((e) => e.type === "token")
    .map((e) => (e as { text: string }).text)
    .join("");

describeEachEngine("agent graph", ({ db }) => {
  let barber: TestProvider;
  beforeAll(async () => {
    barber = await makeProvider(db(), { name: "Graph Fades" });
  });

  it("routes, searches, asks for approval, and books only after yes", async () => {
    const consumer = await makeConsumer(db());
    const policy = scripted(
      () => "haircut",
      [
        () => ({
          content: "",
          toolCalls: [
            { name: "search_providers", args: { query: "graph fades", category: "haircut", zip: "78704" } },
          ],
        }),
        (_, r) => ({ content: `Option 1: ${r.providers[0].name} at ${r.providers[0].nextSlots[0].local}.` }),
        (input) => {
          const search = JSON.parse(String(input.messages.find((m) => m.getType() === "tool")!.content));
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
        },
        (_, r) => ({
          content:
            r.status === "booked" ? `Booked: ${r.booking.serviceName} on ${r.booking.local}.` : "Not booked.",
        }),
      ],
    );
    const t = await createTestGraph(db(), policy);
    const first = await t.turn(consumer, { message: "I need a fade near 78704" });
    expect(eventTypes(first)).toEqual([
      "thread",
      "agent",
      "tool_call",
      "tool_result",
      "token",
      "message",
      "done",
    ]);
    expect(first[1]).toMatchObject({ type: "agent", name: "haircut", title: "Haircut specialist" });
    expect(text(first)).toMatch(/^Option 1: Graph Fades at Mon, Nov 30, 9:00 AM/);
    const threadId = (first[0] as { threadId: string }).threadId;

    const second = await t.turn(consumer, { threadId, message: "book the first one" });
    const confirm = second.find((e) => e.type === "confirm");
    expect(confirm).toMatchObject({
      action: "create_booking",
      details: { providerName: "Graph Fades", priceCents: 4000 },
    });
    expect(eventTypes(second).slice(-2)).toEqual(["confirm", "done"]);
    const none = await db().query("SELECT count(*)::int AS n FROM bookings WHERE consumer_id = $1", [
      consumer.userId,
    ]);
    expect(none.rows[0]).toEqual({ n: 0 });

    const third = await t.turn(consumer, { threadId, message: "yes" });
    expect(text(third)).toMatch(/^Booked: Skin Fade on Mon, Nov 30, 9:00 AM/);
    const { rows } = await db().query(
      "SELECT status, price_cents, idempotency_key FROM bookings WHERE consumer_id = $1",
      [consumer.userId],
    );
    expect(rows).toEqual([
      {
        status: "confirmed",
        price_cents: 4000,
        idempotency_key: `${threadId}:${(confirm as { id: string }).id}`,
      },
    ]);
    const audit = await db().query(
      "SELECT via, thread_id FROM audit_log WHERE actor_id = $1 AND action = 'booking.create'",
      [consumer.userId],
    );
    expect(audit.rows).toEqual([{ via: "tool", thread_id: threadId }]);
    const usage = await db().query(
      "SELECT count(*)::int AS n, sum(input_tokens)::int AS tokens FROM llm_usage WHERE thread_id = $1",
      [threadId],
    );
    expect(usage.rows[0]!.n).toBe(3);
    expect(usage.rows[0]!.tokens).toBeGreaterThan(0);
  });

  it("refuses to run a thread for anyone but its owner", async () => {
    const [owner, other] = [await makeConsumer(db()), await makeConsumer(db())];
    const t = await createTestGraph(
      db(),
      scripted(() => "general", [() => ({ content: "Hello!" })]),
    );
    const first = await t.turn(owner, { message: "hi" });
    const threadId = (first[0] as { threadId: string }).threadId;
    await expect(t.turn(other, { threadId, message: "hi" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("drops a pending write when the user says something else, and writes nothing", async () => {
    const consumer = await makeConsumer(db());
    const policy = scripted(
      () => "haircut",
      [
        () => ({
          content: "",
          toolCalls: [
            {
              name: "create_booking",
              args: {
                providerId: barber.profile.id,
                serviceId: barber.serviceId,
                startsAt: "2026-12-02T15:00:00.000Z",
              },
            },
          ],
        }),
        () => ({ content: "Sure, what time works instead?" }),
      ],
    );
    const t = await createTestGraph(db(), policy);
    const first = await t.turn(consumer, { message: "book graph fades wednesday 9am" });
    expect(first.some((e) => e.type === "confirm")).toBe(true);
    const threadId = (first[0] as { threadId: string }).threadId;
    const second = await t.turn(consumer, { threadId, message: "hmm, what about later that day" });
    expect(text(second)).toMatch(/^\(I left this undone: Book Skin Fade with Graph Fades/);
    expect(text(second)).toContain("what time works instead");
    const { rows } = await db().query("SELECT count(*)::int AS n FROM bookings WHERE consumer_id = $1", [
      consumer.userId,
    ]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("never writes twice when an approved write is replayed", async () => {
    const consumer = await makeConsumer(db());
    const call = {
      name: "create_booking",
      args: {
        providerId: barber.profile.id,
        serviceId: barber.serviceId,
        startsAt: "2026-12-03T15:00:00.000Z",
      },
    };
    const echo = (_: OfflineTurnInput, r: Record<string, unknown>) => ({ content: JSON.stringify(r) });
    const policy = scripted(() => "haircut", [() => ({ content: "", toolCalls: [call] }), echo, echo]);
    const t = await createTestGraph(db(), policy);
    const first = await t.turn(consumer, { message: "book it" });
    const threadId = (first[0] as { threadId: string }).threadId;
    // The process "dies" after the approved write commits and before the thread's checkpoint is saved.
    t.checkpointer.freeze();
    await t.turn(consumer, { threadId, resume: { decision: "approve" } });
    t.checkpointer.thaw();
    expect(
      (await db().query("SELECT count(*)::int AS n FROM bookings WHERE consumer_id = $1", [consumer.userId]))
        .rows[0],
    ).toEqual({ n: 1 });
    // The client retries its approval: the write runs again and finds its own result.
    const replay = await t.turn(consumer, { threadId, resume: { decision: "approve" } });
    const answer = replay.find((e) => e.type === "message") as { content: string };
    expect(JSON.parse(answer.content)).toMatchObject({ ok: true, status: "booked", replayed: true });
    const { rows } = await db().query("SELECT count(*)::int AS n FROM bookings WHERE consumer_id = $1", [
      consumer.userId,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  });
});
