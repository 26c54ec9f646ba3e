import { expect, it } from "vitest";
import { fixedClock } from "../core/clock.js";
import type { TurnEvent } from "../graph/run.js";
import { TEST_NOW } from "../test/app.js";
import { describeEachEngine } from "../test/db.js";
import { type ChatServiceDeps, memoryThreadLocks, startTurn } from "./chat-service.js";
import { loadConfig } from "./config.js";
import { createMetrics } from "./metrics.js";

const THREAD = "9b2f3c1e-5d4a-4b6c-8e7f-0a1b2c3d4e5f";

/** A turn that yields its events, then fails when told to. */
function scripted(events: TurnEvent[], failAtEnd = false): ChatServiceDeps["runTurn"] {
  return async function* () {
    for (const e of events) yield e;
    if (failAtEnd) throw new Error("model unavailable");
  };
}

const turnEvents: TurnEvent[] = [
  { type: "thread", threadId: THREAD },
  { type: "agent", name: "haircut", title: "Haircut specialist" },
  { type: "token", text: "Hi" },
  { type: "message", role: "assistant", agent: "haircut", content: "Hi" },
  { type: "done", threadId: THREAD, usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 } },
];

describeEachEngine("startTurn", ({ db }) => {
  const principal = { userId: "chat-service-user", role: "consumer" as const };

  function deps(runTurn: ChatServiceDeps["runTurn"]) {
    const metrics = createMetrics();
    const locks = memoryThreadLocks();
    const d: ChatServiceDeps = {
      config: loadConfig({ NODE_ENV: "test" }),
      db: db(),
      clock: fixedClock(TEST_NOW),
      turns: {} as ChatServiceDeps["turns"],
      locks,
      metrics,
      runTurn,
    };
    const turnsCounted = async () => (await metrics.chatTurns.get()).values.map((v) => v.labels);
    const inFlight = async () => (await metrics.turnsInFlight.get()).values[0]?.value;
    return { d, locks, turnsCounted, inFlight };
  }

  it("counts a finished turn once and frees its thread", async () => {
    const t = deps(scripted(turnEvents));
    const { events } = await startTurn(t.d, principal, { threadId: THREAD, message: "hi" });
    expect(await t.locks.acquire(THREAD)).toBeUndefined();
    const seen: string[] = [];
    for await (const e of events) seen.push(e.type);
    expect(seen).toEqual(["thread", "agent", "token", "message", "done"]);
    expect(await t.turnsCounted()).toEqual([{ agent: "haircut", outcome: "ok" }]);
    expect(await t.inFlight()).toBe(0);
    expect(await t.locks.acquire(THREAD)).toBeTypeOf("function");
    // Asking again after the end neither counts the turn twice nor yields anything.
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(await t.turnsCounted()).toHaveLength(1);
  });

  it("counts a failed turn as an error, rethrows, and frees its thread", async () => {
    const t = deps(scripted(turnEvents.slice(0, 3), true));
    const { events } = await startTurn(t.d, principal, { threadId: THREAD, message: "hi" });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const e of events) seen.push(e.type);
      })(),
    ).rejects.toThrow("model unavailable");
    expect(seen).toEqual(["thread", "agent", "token"]);
    expect(await t.turnsCounted()).toEqual([{ agent: "haircut", outcome: "error" }]);
    expect(await t.locks.acquire(THREAD)).toBeTypeOf("function");
  });

  it("counts a turn stopped by its client as aborted and frees its thread", async () => {
    const t = deps(scripted(turnEvents));
    const { events, abort } = await startTurn(t.d, principal, { threadId: THREAD, message: "hi" });
    await events.next();
    abort.abort();
    expect(await events.return(undefined)).toEqual({ done: true, value: undefined });
    expect(await t.turnsCounted()).toEqual([{ agent: "none", outcome: "aborted" }]);
    expect(await t.inFlight()).toBe(0);
    expect(await t.locks.acquire(THREAD)).toBeTypeOf("function");
  });
});
