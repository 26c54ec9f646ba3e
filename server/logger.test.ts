import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../test/app.js";
import { openTestDb, type TestDb } from "../test/db.js";
import { createLogger } from "./logger.js";

/** A destination that keeps every line the logger writes. */
function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { stream, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the request log", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it("writes one JSON line per request with its id, route, status and user, and never the token", async () => {
    const out = captured();
    const logger = createLogger({ logLevel: "info", nodeEnv: "production" }, { destination: out.stream });
    const t = createTestApp(db, { logger });
    const token = await t.tokenFor("log-reader");
    const res = await t.app.request("/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    const line = out.parsed().find((l) => l.msg === "request" && l.requestId === requestId);
    expect(line).toMatchObject({ method: "GET", route: "/v1/me", status: 200, userId: "log-reader" });
    expect(out.lines.join("\n")).not.toContain(token);
  });

  it("logs a failed request with the request id its client was given", async () => {
    const out = captured();
    const logger = createLogger({ logLevel: "info", nodeEnv: "production" }, { destination: out.stream });
    const healthy = createTestApp(db);
    const token = await healthy.tokenFor("log-failure");
    const broken = {
      ...db,
      query: async () => {
        throw new Error("the disk is on fire");
      },
    };
    const t = createTestApp(db, { logger, db: broken, auth: healthy.deps.auth });
    const res = await t.app.request("/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; details?: { requestId?: string } } };
    const requestId = res.headers.get("x-request-id");
    expect(body.error.details?.requestId).toBe(requestId);
    expect(JSON.stringify(body)).not.toContain("disk is on fire");
    const line = out.parsed().find((l) => l.msg === "request failed");
    expect(line).toMatchObject({ requestId, level: 50 });
    expect(JSON.stringify(line)).toContain("disk is on fire");
  });

  it("redacts tokens and keys wherever a logged object carries them", () => {
    const out = captured();
    const logger = createLogger({ logLevel: "info", nodeEnv: "production" }, { destination: out.stream });
    logger.info(
      {
        headers: { authorization: "Bearer abc.def" },
        openai: { apiKey: "sk-123" },
        session: { token: "t0k" },
      },
      "outgoing call",
    );
    const [line] = out.parsed();
    expect(line).toMatchObject({
      headers: { authorization: "[redacted]" },
      openai: { apiKey: "[redacted]" },
      session: { token: "[redacted]" },
    });
    expect(out.lines[0]).not.toMatch(/abc\.def|sk-123|t0k/);
  });
});
