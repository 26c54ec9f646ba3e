import { interrupt } from "@langchain/langgraph";
import { hashRequest, idempotent } from "../db/idempotency.js";
import type { Notification } from "../db/notifications.js";
import type { Queryable } from "../db/pool.js";
import { failure, failureOf, type RunContext, type ToolDeps } from "./context.js";

/** What a write shows the user before it happens (the `confirm` event of the chat contract). */
export interface ConfirmRequest {
  /** The tool call awaiting approval. */
  id: string;
  action: string;
  summary: string;
  /** The exact terms: what the write will do if approved (price, time, provider…). */
  details: Record<string, unknown>;
}

/** How the server resumes a paused write. `confirmed` echoes the terms the user saw. */
export interface ConfirmDecision {
  decision: "approve" | "reject";
  note?: string;
  confirmed?: { details: Record<string, unknown> };
}

/** Terms whose change after the user saw them voids the approval. */
const BINDING_TERMS = ["priceCents", "startsAt", "endsAt", "providerId", "serviceId", "changes"];

/**
 * Pauses the run until the user approves or rejects `request`, then performs `write` at most once:
 * under an idempotency key made of the thread and the tool call, so that a node that re-runs after
 * a crash, or a retried request, answers with the first result instead of writing again.
 *
 * Everything before the interrupt runs again on resume, so the terms are re-checked at that moment;
 * if they differ from what the user approved, nothing is written and the model is told why.
 */
export interface WriteOutcome {
  /** What the model is told (stored, and replayed to a repeat). */
  result: Record<string, unknown>;
  notifications?: Notification[];
  /** Runs once the write has committed, and not on a replay (e.g. re-embedding a profile). */
  afterCommit?: () => Promise<void>;
}

export async function confirmThenWrite(
  deps: Pick<ToolDeps, "db" | "notifications">,
  ctx: RunContext,
  request: Omit<ConfirmRequest, "id">,
  write: (tx: Queryable) => Promise<WriteOutcome>,
): Promise<string> {
  const decision = interrupt<ConfirmRequest, ConfirmDecision>({ id: ctx.toolCallId, ...request });
  if (decision?.decision !== "approve") {
    return JSON.stringify({
      ok: false,
      status: "not_approved",
      message: "The user did not approve, so nothing was done.",
      ...(decision?.note ? { note: decision.note } : {}),
    });
  }
  const seen = decision.confirmed?.details;
  if (seen) {
    const changed = BINDING_TERMS.filter(
      (k) => k in request.details && JSON.stringify(seen[k]) !== JSON.stringify(request.details[k]),
    );
    if (changed.length) {
      return failure(
        "terms_changed",
        `Since the user approved, the ${changed.join(", ")} changed. Show the new terms and ask again.`,
        {
          now: request.details,
        },
      );
    }
  }
  let outcome: WriteOutcome | undefined;
  try {
    const stored = await idempotent(
      deps.db,
      {
        userId: ctx.principal.userId,
        key: `tool:${ctx.threadId}:${ctx.toolCallId}`,
        scope: `tool:${request.action}`,
        requestHash: hashRequest(request.action, request.details),
      },
      async (tx) => {
        outcome = await write(tx);
        return { status: 200, body: { ok: true, ...outcome.result } };
      },
    );
    if (stored.status >= 400) {
      const { code, message, details } = (
        stored.body as { error: { code: string; message: string; details?: Record<string, unknown> } }
      ).error;
      return failure(code, message, details ?? {});
    }
    if (!stored.replayed && outcome) {
      if (outcome.notifications?.length) deps.notifications.publish(outcome.notifications);
      await outcome.afterCommit?.();
    }
    return JSON.stringify(stored.replayed ? { ...(stored.body as object), replayed: true } : stored.body);
  } catch (err) {
    return failureOf(err);
  }
}

/**
 * The stored answer of this very tool call, when it already ran to completion (a node replayed
 * after a crash, or a retried request): write tools return it before checking anything again,
 * since their own write would now look like a conflict.
 */
export async function priorResult(deps: Pick<ToolDeps, "db">, ctx: RunContext): Promise<string | undefined> {
  const { rows } = await deps.db.query<{ status_code: number; response: unknown }>(
    "SELECT status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code > 0",
    [ctx.principal.userId, `tool:${ctx.threadId}:${ctx.toolCallId}`],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.status_code >= 400) {
    const { code, message, details } = (
      row.response as { error: { code: string; message: string; details?: Record<string, unknown> } }
    ).error;
    return failure(code, message, details ?? {});
  }
  return JSON.stringify({ ...(row.response as object), replayed: true });
}
