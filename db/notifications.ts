import type { Queryable } from "./pool.js";

export type NotificationKind = "request" | "offer" | "booking" | "cancellation" | "review" | "profile";

export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

/**
 * Stores notifications in the caller's transaction and returns them, so that the caller can
 * push them to connected clients once the transaction has committed.
 */
export async function notify(
  tx: Queryable,
  items: { userId: string; kind: NotificationKind; payload: Record<string, unknown> }[],
): Promise<Notification[]> {
  if (!items.length) return [];
  const { rows } = await tx.query<NotificationRow>(
    `INSERT INTO notifications (user_id, kind, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
     RETURNING id, user_id, kind, payload, read_at, created_at`,
    [items.map((i) => i.userId), items.map((i) => i.kind), items.map((i) => JSON.stringify(i.payload))],
  );
  return rows.map(toNotification);
}

export async function listNotifications(db: Queryable, userId: string, limit = 50): Promise<Notification[]> {
  const { rows } = await db.query<NotificationRow>(
    `SELECT id, user_id, kind, payload, read_at, created_at FROM notifications
     WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [userId, limit],
  );
  return rows.map(toNotification);
}

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

export function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    payload: r.payload,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}
