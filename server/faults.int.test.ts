import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/pool.js";
import { type FakeOpenAI, startFakeOpenAI } from "../test/fake-openai.js";
import { makeConsumer, makeProvider, type TestProvider } from "../test/fixtures.js";
import {
  call,
  chatTurn,
  clerkKeys,
  connectedSocket,
  createPostgresDatabase,
  deleteRedisKeys,
  eventually,
  metric,
  type Replica,
  replicaModelEnv,
  startReplica,
  workingDay,
} from "../test/replica.js";
import { startTcpProxy, type TcpProxy } from "../test/tcp-proxy.js";

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const skip = !DATABASE_URL ? "DATABASE_URL is not set" : !REDIS_URL ? "REDIS_URL is not set" : undefined;

(skip ? describe.skip : describe)(
  `faults: Redis, PostgreSQL and the model endpoint fail under a real server process${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const keys = clerkKeys();
    const prefix = `${process.env.REDIS_KEY_PREFIX ?? "proxie-test:"}faults-${process.pid}:`;
    let model: FakeOpenAI;
    let pgProxy: TcpProxy;
    let redisProxy: TcpProxy;
    let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let db: Db;
    let replica: Replica;
    let barber: TestProvider;
    let consumer: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      database = await createPostgresDatabase(DATABASE_URL!);
      db = await createDb({ kind: "postgres", url: database.url, max: 2 });
      barber = await makeProvider(db, { name: "Fault Line Fades" });
      consumer = (await makeConsumer(db)).userId;
      model = await startFakeOpenAI();
      const pg = new URL(database.url);
      const redis = new URL(REDIS_URL!);
      pgProxy = await startTcpProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
      redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      pg.host = `127.0.0.1:${pgProxy.port}`;
      redis.host = `127.0.0.1:${redisProxy.port}`;
      replica = await startReplica("faults", {
        DATABASE_URL: pg.toString(),
        REDIS_URL: redis.toString(),
        REDIS_KEY_PREFIX: prefix,
        ...replicaModelEnv(model.baseUrl, keys),
        RATE_LIMIT_PER_MINUTE: "40",
        // Short enough for the hanging-endpoint case; every other answer comes in milliseconds.
        OPENAI_TIMEOUT_MS: "2500",
      });
    }, 120_000); // a process start on a busy machine
    afterAll(async () => {
      for (const s of sockets) s.close();
      replica?.kill("SIGKILL");
      await replica?.exited;
      await Promise.all([model?.close(), pgProxy?.close(), redisProxy?.close()]);
      await db?.close();
      await database?.drop();
      await deleteRedisKeys(REDIS_URL!, prefix);
    });

    const alive = () => replica.proc.exitCode === null && replica.proc.signalCode === null;

    it("keeps serving with Redis down, on local limits, says so, and recovers when Redis returns", async () => {
      const metricsPage = async () => (await call(replica.url, "GET", "/metrics")).body as string;
      await eventually("Redis to be up", 10_000, async () =>
        metric(await metricsPage(), "proxie_redis_up") === 1 ? true : undefined,
      );
      const barberSocket = await connectedSocket(
        replica.url,
        await keys.sign(barber.principal.userId, "provider"),
      );
      sockets.push(barberSocket);

      await redisProxy.cut();
      await eventually("proxie_redis_up 0", 10_000, async () =>
        metric(await metricsPage(), "proxie_redis_up") === 0 ? true : undefined,
      );
      const ready = await call(replica.url, "GET", "/readyz");
      expect(ready.status).toBe(200);
      expect(ready.body.checks.redis).toMatchObject({
        ok: false,
        critical: false,
        error: expect.stringMatching(/degraded/),
      });

      // Chat works (the thread lock is this replica's own while Redis is away).
      const token = await keys.sign(consumer);
      const turn = await chatTurn(replica.url, token, { message: "hello there" });
      expect(turn.events.at(-1)?.event).toBe("done");
      const second = await chatTurn(replica.url, token, {
        threadId: turn.events[0]!.data.threadId,
        message: "hello again",
      });
      expect(second.events.at(-1)?.event).toBe("done");

      // A booking still reaches a socket on this replica, and publishing it does not end the process.
      const notified = new Promise<{ kind: string; payload: Record<string, unknown> }>((resolve) =>
        barberSocket.once("notification", resolve),
      );
      const date = workingDay();
      const slots = await call(
        replica.url,
        "GET",
        `/v1/providers/${barber.profile.id}/availability?date=${date}&serviceId=${barber.serviceId}`,
        { token },
      );
      const booked = await call(replica.url, "POST", "/v1/bookings", {
        token,
        headers: { "idempotency-key": `faults-${Date.now()}` },
        body: {
          providerId: barber.profile.id,
          serviceId: barber.serviceId,
          startsAt: slots.body.slots[0].startsAt,
        },
      });
      expect(booked.status).toBe(201);
      expect(await notified).toMatchObject({ kind: "booking", payload: { bookingId: booked.body.id } });

      // A new request's fan-out job runs here, since Redis cannot take it.
      const posted = await call(replica.url, "POST", "/v1/requests", {
        token,
        body: {
          category: "haircut",
          description: "a fade before Friday",
          zip: "78704",
          windowStart: `${date}T15:00:00Z`,
          windowEnd: `${date}T22:00:00Z`,
        },
      });
      expect(posted.status).toBe(201);
      await eventually("the fan-out job to run in-process", 5_000, async () => {
        const page = await metricsPage();
        return (metric(page, "proxie_jobs_enqueued_total", { job: "fan-out-request", engine: "fallback" }) ??
          0) >= 1 &&
          (metric(page, "proxie_job_runs_total", { job: "fan-out-request", outcome: "ok" }) ?? 0) >= 1
          ? true
          : undefined;
      });

      // Rate limits hold on this replica's own counts.
      const limited = await keys.sign(`faults-limited-${Date.now()}`);
      const statuses: number[] = [];
      for (let i = 0; i < 41; i++)
        statuses.push((await call(replica.url, "GET", "/v1/categories", { token: limited })).status);
      expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
      expect(statuses[40]).toBe(429);
      expect(alive()).toBe(true);

      await redisProxy.restore();
      await eventually("proxie_redis_up 1", 15_000, async () =>
        metric(await metricsPage(), "proxie_redis_up") === 1 ? true : undefined,
      );
      const back = await call(replica.url, "GET", "/readyz");
      expect(back.status).toBe(200);
      expect(back.body.checks.redis).toMatchObject({ ok: true });
    });

    it("answers 503 unavailable quickly with PostgreSQL down, and recovers without a restart", async () => {
      const token = await keys.sign(consumer);
      expect((await call(replica.url, "GET", "/v1/bookings", { token })).status).toBe(200);

      await pgProxy.cut();
      await new Promise((r) => setTimeout(r, 200));
      let t0 = performance.now();
      const down = await call(replica.url, "GET", "/v1/bookings", { token });
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({ code: "unavailable", message: expect.any(String) });

      t0 = performance.now();
      const chat = await chatTurn(replica.url, token, { message: "hello" });
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(chat.status).toBe(503);
      expect(chat.body.error.code).toBe("unavailable");

      t0 = performance.now();
      const ready = await call(replica.url, "GET", "/readyz");
      expect(performance.now() - t0).toBeLessThan(2_500);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database.ok).toBe(false);
      // Liveness stays green: Kubernetes takes the pod out of the Service, it does not restart it.
      expect((await call(replica.url, "GET", "/healthz")).status).toBe(200);

      await pgProxy.restore();
      await eventually("the API to answer again", 10_000, async () =>
        (await call(replica.url, "GET", "/v1/bookings", { token })).status === 200 ? true : undefined,
      );
      expect((await call(replica.url, "GET", "/readyz")).status).toBe(200);
      const again = await chatTurn(replica.url, token, { message: "hello" });
      expect(again.events.at(-1)?.event).toBe("done");
      expect(alive()).toBe(true);
    });

    it("retries a model endpoint that answers 5xx or drops the connection, with backoff", async () => {
      const token = await keys.sign(consumer);
      model.calls.length = 0;
      model.fail("500", 1);
      model.fail("reset", 1);
      const turn = await chatTurn(replica.url, token, { message: "hello" });
      expect(turn.events.at(-1)?.event).toBe("done");
      const outcomes = model.calls.map((c) => c.outcome);
      expect(outcomes.slice(0, 3)).toEqual(["500", "reset", "ok"]);
      // Exponential backoff with jitter: about a second, then about two.
      expect(model.calls[1]!.at - model.calls[0]!.at).toBeGreaterThanOrEqual(900);
      expect(model.calls[2]!.at - model.calls[1]!.at).toBeGreaterThanOrEqual(1_800);
    });

    it("answers a turn politely when the model stays rate limited, and carries on after", async () => {
      const token = await keys.sign(consumer);
      model.calls.length = 0;
      model.fail("429", 3);
      const turn = await chatTurn(replica.url, token, { message: "hello" });
      expect(model.calls.map((c) => c.outcome)).toEqual(["429", "429", "429"]);
      // Retry-After: 1 is honoured between attempts.
      expect(model.calls[1]!.at - model.calls[0]!.at).toBeGreaterThanOrEqual(900);
      const last = turn.events.at(-1)!;
      expect(last.event).toBe("error");
      expect(last.data).toMatchObject({
        code: "unavailable",
        message: expect.stringMatching(/busy right now/),
      });
      // A sentence for a person: nothing of the provider's error text, status or stack.
      expect(String(last.data.message)).toMatch(/^[A-Z].*\.$/);
      expect(String(last.data.message)).not.toMatch(/429|rate limit reached|Error:|at \//i);
      expect(alive()).toBe(true);

      const after = await chatTurn(replica.url, token, { message: "hello" });
      expect(after.events.at(-1)?.event).toBe("done");
    });

    it("gives up on a model endpoint that does not answer in time, politely", async () => {
      const token = await keys.sign(consumer);
      model.calls.length = 0;
      model.fail("hang", 3);
      const t0 = performance.now();
      const turn = await chatTurn(replica.url, token, { message: "hello" });
      // OPENAI_TIMEOUT_MS per attempt, the default two retries with backoff, then the answer.
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(model.calls.map((c) => c.outcome)).toEqual(["hang", "hang", "hang"]);
      const last = turn.events.at(-1)!;
      expect(last).toMatchObject({
        event: "error",
        data: { code: "unavailable", message: expect.stringMatching(/busy right now/) },
      });
      expect(alive()).toBe(true);
      const after = await chatTurn(replica.url, token, { message: "hello" });
      expect(after.events.at(-1)?.event).toBe("done");
    }, 40_000);
  },
);
