import { createHmac, generateKeyPairSync } from "node:crypto";
import { signJwt } from "@clerk/backend/jwt";
import { describe, expect, it, vi } from "vitest";
import { createAuth } from "./auth.js";
import { loadConfig } from "./config.js";

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    jwk: privateKey.export({ format: "jwk" }) as JsonWebKey,
    pem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

async function sign(jwk: JsonWebKey, claims: Record<string, unknown>) {
  return signJwt({ sub: "user_1", iat: now(), nbf: now() - 5, exp: now() + 60, ...claims }, jwk, {
    algorithm: "RS256",
    header: { typ: "JWT", kid: "k" },
  });
}

describe("auth", () => {
  it("remembers an accepted token only until it expires", async () => {
    const auth = createAuth(loadConfig({}));
    const token = await auth.issueDevToken!({ userId: "u1", role: "consumer" }, 60);
    await expect(auth.verify(token)).resolves.toMatchObject({ userId: "u1" });
    await expect(auth.verify(token)).resolves.toMatchObject({ userId: "u1" });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000);
      await expect(auth.verify(token)).rejects.toMatchObject({
        code: "unauthorized",
        details: { reason: "token-expired" },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("dev mode: verifies its own tokens through Clerk's verifier and reads the role", async () => {
    const auth = createAuth(loadConfig({}));
    const token = await auth.issueDevToken!({ userId: "u1", role: "provider" });
    await expect(auth.verify(token)).resolves.toMatchObject({ userId: "u1", role: "provider" });
  });

  it("refuses expired, foreign, unsigned and HMAC tokens with the reason", async () => {
    const auth = createAuth(loadConfig({}));
    const other = createAuth(loadConfig({}));
    const expired = await auth.issueDevToken!({ userId: "u1", role: "consumer" }, -120);
    const foreign = await other.issueDevToken!({ userId: "u1", role: "admin" });
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "u1", exp: now() + 60, metadata: { role: "admin" } })}.`;
    const hsBody = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: "u1", exp: now() + 60 })}`;
    const hs = `${hsBody}.${createHmac("sha256", "secret").update(hsBody).digest("base64url")}`;
    for (const [token, reason] of [
      [expired, "token-expired"],
      [foreign, "token-invalid-signature"],
      [none, undefined],
      [hs, undefined],
      ["not.a.jwt", undefined],
    ] as const) {
      const err = await auth.verify(token).then(
        () => undefined,
        (e) => e,
      );
      expect(err, String(token)).toMatchObject({ code: "unauthorized" });
      if (reason) expect(err.details.reason).toBe(reason);
    }
  });

  it("clerk mode: checks the authorized party, and requires one when parties are configured", async () => {
    const { jwk, pem } = keyPair();
    const auth = createAuth(
      loadConfig({ CLERK_JWT_KEY: pem, CLERK_AUTHORIZED_PARTIES: "https://app.proxie.test" }),
    );
    expect(auth.mode).toBe("clerk");
    expect(auth.issueDevToken).toBeUndefined();
    await expect(auth.verify(await sign(jwk, { azp: "https://app.proxie.test" }))).resolves.toMatchObject({
      userId: "user_1",
      role: "consumer",
    });
    await expect(auth.verify(await sign(jwk, { azp: "https://evil.test" }))).rejects.toMatchObject({
      code: "unauthorized",
      details: { reason: "token-invalid-authorized-parties" },
    });
    // Refused whether Clerk's verifier or our own check catches the missing azp.
    await expect(auth.verify(await sign(jwk, {}))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(
      auth.verify(await sign(jwk, { azp: "https://app.proxie.test", metadata: { role: "superuser" } })),
    ).rejects.toMatchObject({
      details: { reason: "token-invalid-role" },
    });
  });
});
