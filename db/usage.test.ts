import { expect, it } from "vitest";
import { DEFAULT_TIME_ZONE } from "../core/time.js";
import { describeEachEngine } from "../test/db.js";
import { makeConsumer } from "../test/fixtures.js";
import { recordUsage, turnContext } from "./usage.js";

const usage = (userId: string, threadId: string, costUsd: number) => ({
  userId,
  threadId,
  model: "gpt-4.1",
  inputTokens: 100,
  outputTokens: 10,
  costUsd,
});

describeEachEngine("turn context", ({ db }) => {
  it("reads the user's time zone and the thread's spend in one statement", async () => {
    const c = await makeConsumer(db(), { timezone: "Asia/Tokyo" });
    await recordUsage(db(), [
      usage(c.userId, "t-1", 0.125),
      usage(c.userId, "t-1", 0.25),
      usage(c.userId, "t-2", 1),
    ]);
    const ctx = await turnContext(db(), { userId: c.userId, threadId: "t-1", now: new Date() });
    expect(ctx.timeZone).toBe("Asia/Tokyo");
    expect(ctx.thread).toBeCloseTo(0.375);
    expect(ctx.userToday).toBeCloseTo(1.375);
  });

  it("counts the day from midnight in the user's own time zone", async () => {
    // 14:30 UTC is 23:30 in Tokyo: usage stamped at 16:00 UTC the day before is the same Tokyo day;
    // at 14:00 UTC the day before, it is not (23:00 Tokyo, the previous day).
    const now = new Date("2026-11-27T14:30:00Z");
    const tokyo = await makeConsumer(db(), { timezone: "Asia/Tokyo" });
    const chicago = await makeConsumer(db(), { timezone: "America/Chicago" });
    for (const u of [tokyo, chicago]) {
      await db().query(
        `INSERT INTO llm_usage (user_id, thread_id, model, input_tokens, output_tokens, cost_usd, created_at)
         VALUES ($1, 'x', 'gpt-4.1', 1, 1, 0.5, '2026-11-26T16:00:00Z'), ($1, 'x', 'gpt-4.1', 1, 1, 2, '2026-11-26T14:00:00Z')`,
        [u.userId],
      );
    }
    expect((await turnContext(db(), { userId: tokyo.userId, now })).userToday).toBeCloseTo(0.5);
    // In Chicago it is 08:30 on the 27th: nothing since midnight.
    expect((await turnContext(db(), { userId: chicago.userId, now })).userToday).toBe(0);
  });

  it("answers for a user without a row: the default zone, nothing spent", async () => {
    const ctx = await turnContext(db(), { userId: "nobody-yet", now: new Date() });
    expect(ctx).toEqual({ timeZone: DEFAULT_TIME_ZONE, thread: 0, userToday: 0 });
  });
});
