import { createHash } from "node:crypto";
import { AppError } from "../core/errors.js";
import type { Db, Queryable } from "./pool.js";

export interface StoredResponse {
  status: number;
  body: unknown;
  /** True when this is the answer to an earlier request with the same key. */
  replayed: boolean;
}

export function hashRequest(scope: string, body: unknown): string {
  return createHash("sha256")
    .update(`${scope}\n${stableJson(body)}`)
    .digest("hex");
}

/** JSON with sorted keys, so that key order does not change a request's hash. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/**
 * Runs a write at most once per (user, Idempotency-Key) and returns the same answer to every
 * repeat, including concurrent ones: the key row is inserted first in the write's transaction, so
 * a concurrent request with the same key waits on the unique index until the first commits, then
 * reads its stored answer. An AppError (e.g. `slot_taken`) is a stored answer too; anything else
 * rolls everything back so that a retry can succeed.
 */
export async function idempotent(
  db: Db,
  key: { userId: string; key: string; scope: string; requestHash: string },
  run: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, scope, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, 0, 'null'::jsonb)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [key.userId, key.key, key.scope, key.requestHash],
    );
    if (!claimed.rowCount) {
      const { rows } = await tx.query<{
        scope: string;
        request_hash: string;
        status_code: number;
        response: unknown;
      }>(
        "SELECT scope, request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2",
        [key.userId, key.key],
      );
      const prior = rows[0]!;
      if (prior.scope !== key.scope || prior.request_hash !== key.requestHash) {
        throw new AppError(
          "conflict",
          "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
        );
      }
      return { status: prior.status_code, body: prior.response, replayed: true };
    }
    await tx.query("SAVEPOINT idempotent_write");
    let result: { status: number; body: unknown };
    try {
      result = await run(tx);
      await tx.query("RELEASE SAVEPOINT idempotent_write");
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      await tx.query("ROLLBACK TO SAVEPOINT idempotent_write");
      result = { status: err.status, body: { error: err.toJSON() } };
    }
    await tx.query(
      "UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2",
      [key.userId, key.key, result.status, JSON.stringify(result.body)],
    );
    return { ...result, replayed: false };
  });
}
