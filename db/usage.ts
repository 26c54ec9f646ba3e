import type { Queryable } from "./pool.js";

export interface UsageRow {
  userId: string;
  threadId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export async function recordUsage(db: Queryable, rows: UsageRow[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO llm_usage (user_id, thread_id, model, input_tokens, output_tokens, cost_usd)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::float8[])`,
    [
      rows.map((r) => r.userId),
      rows.map((r) => r.threadId),
      rows.map((r) => r.model),
      rows.map((r) => r.inputTokens),
      rows.map((r) => r.outputTokens),
      rows.map((r) => r.costUsd),
    ],
  );
}

/** Spend of a thread, and of a user since the start of their day (in their time zone), in USD. */
export async function spend(
  db: Queryable,
  args: { userId: string; threadId?: string | undefined; timeZone: string; now: Date },
): Promise<{ thread: number; userToday: number }> {
  const { rows } = await db.query<{ thread: number | null; user_today: number | null }>(
    `SELECT (SELECT sum(cost_usd) FROM llm_usage WHERE thread_id = $2) AS thread,
            (SELECT sum(cost_usd) FROM llm_usage
             WHERE user_id = $1
               AND created_at >= date_trunc('day', $4::timestamptz AT TIME ZONE $3) AT TIME ZONE $3) AS user_today`,
    [args.userId, args.threadId ?? "", args.timeZone, args.now],
  );
  return { thread: rows[0]?.thread ?? 0, userToday: rows[0]?.user_today ?? 0 };
}
