import { generateKeyPairSync } from "node:crypto";
import { verifyToken } from "@clerk/backend";
import { signJwt } from "@clerk/backend/jwt";
import { LRUCache } from "lru-cache";
import { AppError } from "../core/errors.js";
import { type Principal, ROLES, type Role } from "../core/principal.js";
import type { Config } from "./config.js";

/** A verified caller and when their token stops being valid (sockets re-check it). */
export interface Verified extends Principal {
  expiresAt: Date;
}

export interface Auth {
  readonly mode: "dev" | "clerk";
  /** Verifies a bearer token; throws `unauthorized` with the reason when it is not acceptable. */
  verify(token: string): Promise<Verified>;
  /** Dev mode only: a token for any user and role, signed by the key made at start. */
  issueDevToken?(p: Principal, ttlSeconds?: number): Promise<string>;
}

const REASONS: Record<string, string> = {
  "token-expired": "The token has expired. Sign in again.",
  "token-not-active-yet": "The token is not valid yet.",
  "token-invalid-signature": "The token's signature is not valid.",
  "token-invalid-authorized-parties": "The token was issued to another application.",
  "token-invalid-algorithm": "The token is signed with an algorithm we do not accept.",
};

/**
 * Clerk verification for both modes: dev tokens are signed with an RSA key generated at start and
 * verified by the very same `verifyToken` call as Clerk's own, networklessly.
 */
export function createAuth(config: Pick<Config, "auth">): Auth {
  if (config.auth.mode === "clerk") {
    const { jwtKey, secretKey, authorizedParties } = config.auth;
    return {
      mode: "clerk",
      verify: remembered((token) => verify(token, { jwtKey, secretKey, authorizedParties })),
    };
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JsonWebKey;
  const pem = publicKey.export({ format: "pem", type: "spki" }).toString();
  return {
    mode: "dev",
    verify: remembered((token) => verify(token, { jwtKey: pem, authorizedParties: [] })),
    async issueDevToken(p, ttlSeconds = 12 * 3600) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(
        {
          sub: p.userId,
          iat: now,
          nbf: now - 5,
          exp: now + ttlSeconds,
          metadata: { role: p.role },
          iss: "proxie-dev",
        },
        jwk,
        { algorithm: "RS256", header: { typ: "JWT", kid: "proxie-dev" } },
      ) as unknown as Promise<string>;
    },
  };
}

/**
 * A token verified a moment ago is verified again from memory, until it expires and for a minute
 * at most: verification imports the key and checks an RS256 signature on every request, the
 * largest single cost of a chat request (BENCHMARKS.md, transport). A signed token cannot change,
 * and networkless verification checks no revocation, so a remembered answer is the same answer.
 * Only acceptances are remembered: a refused token is checked again each time.
 */
function remembered(verifyOnce: (token: string) => Promise<Verified>): (token: string) => Promise<Verified> {
  const cache = new LRUCache<string, Verified>({ max: 10_000, ttl: 60_000 });
  return async (token) => {
    const hit = cache.get(token);
    if (hit && hit.expiresAt.getTime() > Date.now()) return hit;
    if (hit) cache.delete(token);
    const verified = await verifyOnce(token);
    cache.set(token, verified);
    return verified;
  };
}

async function verify(
  token: string,
  opts: { jwtKey: string | undefined; secretKey?: string | undefined; authorizedParties: string[] },
): Promise<Verified> {
  let claims: Record<string, unknown>;
  try {
    claims = (await verifyToken(token, {
      ...(opts.jwtKey ? { jwtKey: opts.jwtKey } : {}),
      ...(opts.secretKey ? { secretKey: opts.secretKey } : {}),
      ...(opts.authorizedParties.length ? { authorizedParties: opts.authorizedParties } : {}),
    })) as unknown as Record<string, unknown>;
  } catch (err) {
    const reason = (err as { reason?: string }).reason ?? "token-invalid";
    throw new AppError("unauthorized", REASONS[reason] ?? "The token is not valid.", { reason });
  }
  // Clerk skips the authorized-party check when a token has no azp; we do not.
  if (opts.authorizedParties.length && typeof claims.azp !== "string") {
    throw new AppError("unauthorized", "The token names no authorized party.", {
      reason: "token-missing-azp",
    });
  }
  const sub = claims.sub;
  if (typeof sub !== "string" || !sub || sub.length > 128) {
    throw new AppError("unauthorized", "The token names no user.", { reason: "token-invalid" });
  }
  return { userId: sub, role: roleOf(claims), expiresAt: new Date(Number(claims.exp) * 1000) };
}

/** The role lives in Clerk's public metadata claim (`metadata.role`); no role means consumer. */
function roleOf(claims: Record<string, unknown>): Role {
  const metadata = claims.metadata;
  const role = metadata && typeof metadata === "object" ? (metadata as { role?: unknown }).role : undefined;
  if (role === undefined) return "consumer";
  if (typeof role === "string" && (ROLES as readonly string[]).includes(role)) return role as Role;
  throw new AppError("unauthorized", "The token carries an unknown role.", { reason: "token-invalid-role" });
}

/** Reads `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}
