import type { Principal, Role } from "../core/principal.js";
import type { Queryable } from "./pool.js";

export interface User {
  id: string;
  role: Role;
  name: string | null;
  zip: string | null;
  timezone: string;
}

export interface UserInput {
  id: string;
  role: Role;
  name?: string | undefined;
  zip?: string | undefined;
  timezone?: string | undefined;
}

/** Creates the user or updates what the caller gave; fields left out keep their value. */
export async function upsertUser(db: Queryable, u: UserInput): Promise<User> {
  const { rows } = await db.query<User>(
    `INSERT INTO users (id, role, name, zip, timezone)
     VALUES ($1, $2, $3, $4, coalesce($5, 'America/Chicago'))
     ON CONFLICT (id) DO UPDATE SET
       role = EXCLUDED.role,
       name = coalesce($3, users.name),
       zip = coalesce($4, users.zip),
       timezone = coalesce($5, users.timezone),
       updated_at = now()
     RETURNING id, role, name, zip, timezone`,
    [u.id, u.role, u.name ?? null, u.zip ?? null, u.timezone ?? null],
  );
  return rows[0]!;
}

/**
 * Makes sure a verified caller has a row (a Clerk user's first request creates it) and that its
 * role follows the token, which is the authority on roles.
 */
export async function ensureUser(db: Queryable, p: Principal): Promise<void> {
  await db.query(
    `INSERT INTO users (id, role) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, updated_at = now() WHERE users.role <> EXCLUDED.role`,
    [p.userId, p.role],
  );
}

export async function getUser(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<User>("SELECT id, role, name, zip, timezone FROM users WHERE id = $1", [
    id,
  ]);
  return rows[0];
}
