import { generateKeyPairSync } from "node:crypto";
import { signJwt } from "@clerk/backend/jwt";
import type { Principal } from "../core/principal.js";

/**
 * Tokens for in-process eval servers. Each server is configured like a Clerk deployment
 * (`CLERK_JWT_KEY`, networkless verification) with a key pair made once per process, and the
 * runner signs its people's tokens as Clerk would. Dev mode would make each server generate an
 * RSA key of its own, about half a second of CPU per trial.
 */
export interface RunSigner {
  /** The public key, PEM: what the servers verify tokens with. */
  publicKeyPem: string;
  sign(p: Principal): Promise<string>;
}

let shared: RunSigner | undefined;

export function runSigner(): RunSigner {
  if (shared) return shared;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JsonWebKey;
  shared = {
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    async sign(p) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(
        {
          sub: p.userId,
          iat: now,
          nbf: now - 5,
          exp: now + 6 * 3600,
          metadata: { role: p.role },
          iss: "proxie-evals",
        },
        jwk,
        { algorithm: "RS256", header: { typ: "JWT", kid: "proxie-evals" } },
      );
    },
  };
  return shared;
}
