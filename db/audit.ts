import type { Queryable } from "./pool.js";

export interface AuditEntry {
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  via?: "api" | "tool" | "seed" | "system";
  threadId?: string | undefined;
  toolCallId?: string | undefined;
  before?: unknown;
  after?: unknown;
}

/** Where a write came from: the REST API, or a tool call of an agent in a conversation. */
export interface WriteOrigin {
  via: "api" | "tool";
  threadId?: string | undefined;
  toolCallId?: string | undefined;
}

export const API_ORIGIN: WriteOrigin = { via: "api" };

export async function audit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, action, entity, entity_id, via, thread_id, tool_call_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.actorId,
      e.action,
      e.entity,
      e.entityId,
      e.via ?? "api",
      e.threadId ?? null,
      e.toolCallId ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}
