import { request } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { OfflineDecision, OfflineTurnInput } from "../models/offline/chat-model.js";
import { createTestApp } from "../test/app.js";
import { describeEachEngine } from "../test/db.js";
import { createTestGraph } from "../test/graph.js";
import { listen, readSse } from "../test/server.js";
import { SECURE_HEADERS } from "./middleware/secure-headers.js";

/**
 * What only a real Node server exercises: the SSE stream written straight to Node's response
 * (with the headers middleware add on the way out) and the body limit read from Content-Length;
 * and, beside it, the same stream where there is no Node response (`app.request`).
 */
function generalAnswer(input: OfflineTurnInput): OfflineDecision {
  if (input.tools.length === 1 && input.tools[0]!.name === "route")
    return { content: "", toolCalls: [{ name: "route", args: { agent: "general", continuation: false } }] };
  return { content: "Proxie books haircuts, cleaning and plumbing near you." };
}

/** A raw POST, so that the test decides the framing (declared length or chunked) itself. */
function rawPost(url: string, token: string, chunks: string[], declareLength: boolean) {
  const body = chunks.join("");
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${url}/v1/chat`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...(declareLength ? { "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describeEachEngine("the chat path on a real Node server", ({ db }) => {
  let server: Awaited<ReturnType<typeof listen>>;
  let t: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    const g = await createTestGraph(db(), generalAnswer);
    t = createTestApp(db(), {
      turns: g.deps,
      env: { CORS_ORIGINS: "https://app.example.com", MAX_BODY_BYTES: "4096" },
    });
    server = await listen(t.app);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("streams SSE with the security, CORS, rate-limit and request-id headers the middleware add", async () => {
    const token = await t.tokenFor("node-sse-headers");
    const res = await fetch(`${server.url}/v1/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        origin: "https://app.example.com",
      },
      body: JSON.stringify({ message: "what can you do?" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-expose-headers")).toMatch(/X-Request-Id/i);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
    expect(res.headers.get("x-hono-already-sent")).toBeNull();
    // The SSE head is written without Hono's Headers: it must still carry every security header
    // that a response built by Hono gets, with the same values, and each once.
    const json = await fetch(`${server.url}/v1/categories`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(json.status).toBe(200);
    const security = [...json.headers].filter(([name]) => SECURE_HEADERS.names.has(name));
    expect(security.length).toBe(SECURE_HEADERS.names.size);
    expect(SECURE_HEADERS.names.size).toBeGreaterThanOrEqual(10);
    for (const [name, value] of security) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const events = await readSse(res);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(["thread", "agent"]);
    expect(names.slice(-2)).toEqual(["message", "done"]);
    expect(new Set(names.slice(2, -2))).toEqual(new Set(["token"]));
    expect((events.at(-2)!.data as { content: string }).content).toBe(
      "Proxie books haircuts, cleaning and plumbing near you.",
    );
  });

  it("keeps a client's well-formed X-Request-Id on SSE, JSON and error responses, and replaces a malformed one", async () => {
    const token = await t.tokenFor("node-request-id");
    const sse = await fetch(`${server.url}/v1/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "x-request-id": "trace-42=a",
      },
      body: JSON.stringify({ message: "what can you do?" }),
    });
    expect(sse.headers.get("x-request-id")).toBe("trace-42=a");
    expect(sse.headers.get("x-request-id")?.split(",")).toHaveLength(1);
    await readSse(sse);
    const json = await fetch(`${server.url}/v1/categories`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "trace-43" },
    });
    expect(json.headers.get("x-request-id")).toBe("trace-43");
    const refused = await fetch(`${server.url}/v1/categories`, {
      headers: { authorization: "Bearer nonsense", "x-request-id": "trace-44" },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-request-id")).toBe("trace-44");
    const malformed = await fetch(`${server.url}/v1/categories`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "no spaces; or semicolons" },
    });
    expect(malformed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("streams the same events and headers through a web stream where there is no Node response", async () => {
    const token = await t.tokenFor("web-sse-headers");
    const res = await t.app.request("/v1/chat", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ message: "what can you do?" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
    const names = (await readSse(res)).map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(["thread", "agent"]);
    expect(names.slice(-2)).toEqual(["message", "done"]);
  });

  it("refuses a body over MAX_BODY_BYTES from its declared length and when it comes chunked", async () => {
    const token = await t.tokenFor("node-body-limit");
    const big = JSON.stringify({ message: "x".repeat(5000) });
    const declared = await rawPost(server.url, token, [big], true);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe("payload_too_large");
    const chunked = await rawPost(server.url, token, big.match(/.{1,1000}/g)!, false);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe("payload_too_large");
    // Under the limit, a chunked body is read whole and answered.
    const small = JSON.stringify({ message: "hello there" });
    const ok = await rawPost(server.url, token, [small.slice(0, 10), small.slice(10)], false);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/event: done\n/);
  });
});
