import { DEFAULT_TIME_ZONE } from "../core/time.js";
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

/**
 * What a chat turn needs to know before it starts, in one round trip: the user's time zone, the
 * spend of the thread, and the user's spend since the start of their day in that zone, in USD.
 */
export async function turnContext(
  db: Queryable,
  args: { userId: string; threadId?: string | undefined; now: Date },
): Promise<{ timeZone: string; thread: number; userToday: number }> {
  const { rows } = await db.query<{ time_zone: string; thread: number | null; user_today: number | null }>(
    `SELECT z.tz AS time_zone,
            (SELECT sum(cost_usd) FROM llm_usage WHERE thread_id = $2) AS thread,
            (SELECT sum(cost_usd) FROM llm_usage
             WHERE user_id = $1
               AND created_at >= date_trunc('day', $3::timestamptz AT TIME ZONE z.tz) AT TIME ZONE z.tz) AS user_today
     FROM (SELECT coalesce((SELECT timezone FROM users WHERE id = $1), $4) AS tz) AS z`,
    [args.userId, args.threadId ?? "", args.now, DEFAULT_TIME_ZONE],
  );
  const row = rows[0];
  return {
    timeZone: row?.time_zone ?? DEFAULT_TIME_ZONE,
    thread: row?.thread ?? 0,
    userToday: row?.user_today ?? 0,
  };
}
