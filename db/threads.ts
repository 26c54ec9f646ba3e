import { notFound } from "../core/errors.js";
import type { Queryable } from "./pool.js";
import { isUuid } from "./provider-profile.js";

export interface Thread {
  id: string;
  userId: string;
  title: string;
  agent: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ThreadRow {
  id: string;
  user_id: string;
  title: string;
  agent: string | null;
  created_at: Date;
  updated_at: Date;
}

const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  userId: r.user_id,
  title: r.title,
  agent: r.agent,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The thread, if it exists and belongs to the user; someone else's thread is "not found". */
export async function ownThread(db: Queryable, id: string, userId: string): Promise<Thread> {
  if (!isUuid(id)) throw notFound("That conversation");
  const { rows } = await db.query<ThreadRow>("SELECT * FROM threads WHERE id = $1", [id]);
  if (!rows[0] || rows[0].user_id !== userId) throw notFound("That conversation");
  return toThread(rows[0]);
}

export async function createThread(db: Queryable, id: string, userId: string, title: string): Promise<void> {
  await db.query("INSERT INTO threads (id, user_id, title) VALUES ($1, $2, $3)", [
    id,
    userId,
    title.slice(0, 200),
  ]);
}

export async function touchThread(db: Queryable, id: string, agent: string | null): Promise<void> {
  await db.query("UPDATE threads SET agent = coalesce($2, agent), updated_at = now() WHERE id = $1", [
    id,
    agent,
  ]);
}

export async function listThreads(db: Queryable, userId: string, limit = 50): Promise<Thread[]> {
  const { rows } = await db.query<ThreadRow>(
    "SELECT * FROM threads WHERE user_id = $1 ORDER BY updated_at DESC LIMIT $2",
    [userId, limit],
  );
  return rows.map(toThread);
}
