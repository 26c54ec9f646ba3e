import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, expect, it } from "vitest";
import { redisReady } from "../memory/redis.js";
import { describeWithRedis } from "../test/redis.js";
import { connectRedis } from "./compose.js";
import { redisAdapter } from "./realtime.js";

// The adapter's channel names come from its key, so this suite never hears another run's servers.
describeWithRedis("socket.io across replicas over Redis", ({ prefix }) => {
  const closers: (() => unknown)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  const subscriberErrors: string[] = [];

  async function replica(
    key = `${prefix}socket.io`,
    // "connect": the subscriber's connection is open but its handshake is not done (status
    // "connect"), the moment a replica's adapter subscribed in the runs that lost a notification.
    attachAt: "connecting" | "connect" = "connecting",
  ): Promise<{ io: Server; url: string; redis: ReturnType<typeof connectRedis> }> {
    // Made the way the server makes them, and handed to the adapter before they are ready, as at
    // a replica's start.
    const redis = connectRedis(process.env.REDIS_URL!, pino({ level: "silent" }));
    redis.sub.on("error", (err: Error) => subscriberErrors.push(err.message));
    expect(redis.sub.status).not.toBe("ready");
    if (attachAt === "connect") await new Promise((resolve) => redis.sub.once("connect", resolve));
    const http: HttpServer = createServer();
    const io = new Server(http);
    io.adapter(redisAdapter({ pub: redis.main, sub: redis.sub, key }));
    io.on("connection", (socket) => void socket.join("user:barber"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    closers.push(
      () => redis.main.disconnect(),
      () => redis.sub.disconnect(),
      () => new Promise((resolve) => io.close(resolve)),
    );
    return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, redis };
  }

  async function crosses(
    a: Awaited<ReturnType<typeof replica>>,
    b: Awaited<ReturnType<typeof replica>>,
    waitMs: number,
  ) {
    await Promise.all([redisReady(a.redis.main), redisReady(b.redis.sub)]);
    const socket: Socket = connect(b.url, { transports: ["websocket"], reconnection: false, forceNew: true });
    closers.push(() => socket.disconnect());
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const received = new Promise<unknown>((resolve) => socket.on("notification", resolve));
    // The subscription is made once the subscriber connects; a broadcast before it would be lost.
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.io.to("user:barber").emit("notification", { kind: "booking" });
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error("the event never reached the other replica")), waitMs).unref(),
    );
    return Promise.race([received, timeout]);
  }

  it("delivers a room event from one replica to a socket on another whose Redis was still connecting", async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    expect(await crosses(a, b, 10_000)).toEqual({ kind: "booking" });
  });

  it("delivers it too when the subscriber's connection was open but not yet ready", async () => {
    subscriberErrors.length = 0;
    const [a, b] = await Promise.all([replica(), replica(`${prefix}socket.io`, "connect")]);
    expect(await crosses(a, b, 10_000)).toEqual({ kind: "booking" });
    // ioredis refused its own handshake (client info, ready check) on a connection already in
    // subscriber mode, and reconnected without the adapter's subscriptions.
    expect(subscriberErrors).toEqual([]);
  });

  it("keeps deployments that share a Redis apart: another key prefix hears nothing", async () => {
    const [a, b] = await Promise.all([replica(`${prefix}staging:socket.io`), replica()]);
    await expect(crosses(a, b, 2_000)).rejects.toThrow("never reached");
  });
});
