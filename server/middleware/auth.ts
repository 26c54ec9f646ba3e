import type { MiddlewareHandler } from "hono";
import { AppError } from "../../core/errors.js";
import type { Role } from "../../core/principal.js";
import type { Db } from "../../db/pool.js";
import { ensureUser } from "../../db/users.js";
import type { AppEnv } from "../app-env.js";
import { type Auth, bearerToken } from "../auth.js";
import { requestHeader } from "./direct-response.js";

/**
 * Verifies the bearer token and puts the principal on the context. A Clerk user's first request
 * creates their row; the set of known users is remembered so that this costs one write per user.
 */
export function authenticate({ auth, db }: { auth: Auth; db: Db }): MiddlewareHandler<AppEnv> {
  const known = new Map<string, Role>();
  return async (c, next) => {
    const token = bearerToken(requestHeader(c, "authorization"));
    if (!token) throw new AppError("unauthorized", "Sign in: send Authorization: Bearer <token>.");
    const principal = await auth.verify(token);
    if (known.get(principal.userId) !== principal.role) {
      await ensureUser(db, principal);
      if (known.size > 50_000) known.clear();
      known.set(principal.userId, principal.role);
    }
    c.set("principal", principal);
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { role } = c.get("principal");
    if (!roles.includes(role)) {
      throw new AppError(
        "forbidden",
        `This is for ${roles.join(" or ")} accounts; you are signed in as a ${role}.`,
      );
    }
    await next();
  };
}
