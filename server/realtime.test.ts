import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Notification } from "../db/notifications.js";
import type { OfflineDecision, OfflineTurnInput } from "../models/offline/chat-model.js";
import { createTestApp } from "../test/app.js";
import { describeEachEngine } from "../test/db.js";
import { makeProvider, type TestProvider } from "../test/fixtures.js";
import { createTestGraph } from "../test/graph.js";
import { listen } from "../test/server.js";
import { memoryThreadLocks } from "./chat-service.js";
import { createRateLimiter } from "./middleware/rate-limit.js";
import { attachRealtime, type Realtime } from "./realtime.js";

function greeter(input: OfflineTurnInput): OfflineDecision {
  if (input.tools.length === 1 && input.tools[0]!.name === "route") {
    return { content: "", toolCalls: [{ name: "route", args: { agent: "general", continuation: false } }] };
  }
  return { content: "Hello! I can help you book haircuts, cleaning and plumbing." };
}

describeEachEngine("socket.io", ({ db }) => {
  let server: Awaited<ReturnType<typeof listen>>;
  let t: ReturnType<typeof createTestApp>;
  let rt: Realtime;
  let barber: TestProvider;
  const sockets: Socket[] = [];
  const sink = { target: undefined as Realtime | undefined };

  beforeAll(async () => {
    barber = await makeProvider(db(), { name: "Socket Cuts" });
    const g = await createTestGraph(db(), greeter);
    t = createTestApp(db(), {
      turns: g.deps,
      notifications: { publish: (n: readonly Notification[]) => sink.target?.publish(n) },
    });
    server = await listen(t.app);
    rt = attachRealtime(server.server as never, {
      config: t.deps.config,
      db: db(),
      clock: t.clock,
      turns: g.deps,
      locks: memoryThreadLocks(),
      auth: t.deps.auth,
      logger: pino({ level: "silent" }),
      limiter: createRateLimiter({ perMinute: 100, prefix: "test:" }),
      corsOrigins: [],
    });
    sink.target = rt;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await rt?.close();
    await server?.close();
  });

  function open(token?: string): Socket {
    const s = connect(server.url, {
      auth: token ? { token } : {},
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    return s;
  }
  const connectError = (s: Socket) => new Promise<Error>((resolve) => s.once("connect_error", resolve));
  const connected = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });

  it("refuses a handshake without a valid token, with the error code as the message", async () => {
    expect((await connectError(open())).message).toBe("unauthorized");
    expect((await connectError(open("not-a-token"))).message).toBe("unauthorized");
    const expired = await t.deps.auth.issueDevToken!({ userId: "sock-expired", role: "consumer" }, -60);
    expect((await connectError(open(expired))).message).toBe("unauthorized");
  });

  it("runs a chat turn with the same events as SSE, done last", async () => {
    const s = open(await t.tokenFor("sock-user-1"));
    await connected(s);
    const names: string[] = [];
    const done = new Promise<void>((resolve) => {
      for (const ev of ["thread", "agent", "token", "message", "done", "error"]) {
        s.on(ev, () => {
          names.push(ev);
          if (ev === "done" || ev === "error") resolve();
        });
      }
    });
    s.emit("chat", { message: "hello there" });
    await done;
    expect(names[0]).toBe("thread");
    expect(names).toContain("token");
    expect(names.slice(-2)).toEqual(["message", "done"]);
  });

  it("answers a bad chat body with an error event", async () => {
    const s = open(await t.tokenFor("sock-user-2"));
    await connected(s);
    const err = new Promise<{ code: string }>((resolve) => s.once("error", resolve));
    s.emit("chat", { message: "" });
    expect((await err).code).toBe("bad_request");
  });

  it("notifies the provider's room when a consumer books", async () => {
    const providerSocket = open(await t.tokenFor(barber.principal.userId, "provider"));
    await connected(providerSocket);
    const got = new Promise<{ kind: string; payload: { providerName: string } }>((resolve) =>
      providerSocket.once("notification", resolve),
    );
    const consumer = await t.tokenFor("sock-booker");
    const res = await t.call("POST", "/v1/bookings", {
      token: consumer,
      body: {
        providerId: barber.profile.id,
        serviceId: barber.serviceId,
        startsAt: "2026-12-01T10:00:00-06:00",
      },
    });
    expect(res.status).toBe(201);
    expect(await got).toMatchObject({ kind: "booking", payload: { providerName: "Socket Cuts" } });
  });

  it("ends the connection when the token expires", async () => {
    const s = open(await t.deps.auth.issueDevToken!({ userId: "sock-short", role: "consumer" }, 2));
    await connected(s);
    const reason = await new Promise<string>((resolve) => s.once("disconnect", resolve));
    expect(reason).toBe("io server disconnect");
  });
});
