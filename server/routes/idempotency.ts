import type { Context } from "hono";
import { hashRequest, idempotent } from "../../db/idempotency.js";
import type { Db, Queryable } from "../../db/pool.js";
import type { AppEnv } from "../app-env.js";

/**
 * Runs a write under the request's Idempotency-Key when it has one: repeats (even concurrent)
 * get the first answer, marked with `Idempotent-Replayed: true`. Without a key it simply runs.
 */
export async function withIdempotencyKey(
  c: Context<AppEnv>,
  db: Db,
  body: unknown,
  run: (tx: Queryable | Db) => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: unknown }> {
  const key = c.req.header("idempotency-key");
  if (!key) return run(db);
  const scope = `${c.req.method} ${c.req.routePath}`;
  const stored = await idempotent(
    db,
    {
      userId: c.get("principal").userId,
      key,
      scope,
      requestHash: hashRequest(`${scope} ${c.req.path}`, body),
    },
    run,
  );
  if (stored.replayed) c.header("Idempotent-Replayed", "true");
  return stored;
}
