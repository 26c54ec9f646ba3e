import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/pool.js";
import { type FakeOpenAI, startFakeOpenAI } from "../test/fake-openai.js";
import { makeProvider, type TestProvider } from "../test/fixtures.js";
import {
  call,
  chatTurn,
  clerkKeys,
  connectedSocket,
  createPostgresDatabase,
  deleteRedisKeys,
  type Replica,
  replicaModelEnv,
  startReplica,
} from "../test/replica.js";

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const skip = !DATABASE_URL ? "DATABASE_URL is not set" : !REDIS_URL ? "REDIS_URL is not set" : undefined;

const names = (events: { event: string; data: Record<string, unknown> }[], event: string) =>
  events.filter((e) => e.event === event).map((e) => e.data);

(skip ? describe.skip : describe)(
  `two server processes share PostgreSQL and Redis, and either serves any turn${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    const keys = clerkKeys();
    const prefix = `${process.env.REDIS_KEY_PREFIX ?? "proxie-test:"}replicas-${process.pid}:`;
    let model: FakeOpenAI;
    let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let db: Db;
    let a: Replica;
    let b: Replica;
    let barber: TestProvider;
    const consumer = `replicas-consumer-${process.pid}`;
    let threadId = "";
    const sockets: Socket[] = [];

    beforeAll(async () => {
      database = await createPostgresDatabase(DATABASE_URL!);
      db = await createDb({ kind: "postgres", url: database.url, max: 2 });
      barber = await makeProvider(db, { name: "Two Chair Fades" });
      model = await startFakeOpenAI();
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL: REDIS_URL!,
        REDIS_KEY_PREFIX: prefix,
        ...replicaModelEnv(model.baseUrl, keys),
        RATE_LIMIT_PER_MINUTE: "40",
        THREAD_BUDGET_USD: "0.5",
        USER_DAILY_BUDGET_USD: "1.5",
      };
      [a, b] = await Promise.all([startReplica("replica-a", env), startReplica("replica-b", env)]);
    }, 120_000); // two process starts on a busy machine
    afterAll(async () => {
      for (const s of sockets) s.close();
      a?.kill("SIGKILL");
      b?.kill("SIGKILL");
      await Promise.all([a?.exited, b?.exited]);
      await model?.close();
      await db?.close();
      await database?.drop();
      await deleteRedisKeys(REDIS_URL!, prefix);
    });

    it("continues a conversation on the other replica, and a booking on one notifies a socket on the other", async () => {
      const token = await keys.sign(consumer);
      const barberSocket = await connectedSocket(b.url, await keys.sign(barber.principal.userId, "provider"));
      sockets.push(barberSocket);
      // A lost notification is told apart from a socket that dropped before it came.
      let barberSocketGone = "";
      barberSocket.on("disconnect", (reason) => {
        barberSocketGone = `the barber's socket disconnected (${reason}) at ${new Date().toISOString()}`;
      });
      const notified = new Promise<{ kind: string; payload: Record<string, unknown> }>((resolve) =>
        barberSocket.on("notification", (n) => {
          if (n.kind === "booking") resolve(n);
        }),
      );

      const first = await chatTurn(a.url, token, { message: "I need a skin fade near 78704" });
      threadId = String(first.events[0]!.data.threadId);
      expect(names(first.events, "tool_call").map((c) => c.name)).toEqual(["search_providers"]);
      expect(names(first.events, "message")[0]!.content).toMatch(/^I found Two Chair Fades/);

      const second = await chatTurn(b.url, token, { threadId, message: "book the first free time" });
      expect(names(second.events, "tool_call").map((c) => c.name)).toEqual([
        "check_availability",
        "create_booking",
      ]);
      expect(names(second.events, "confirm")[0]).toMatchObject({ action: "create_booking" });

      // The pending write is in PostgreSQL, so A sees what B left waiting, and the approval on A books.
      const seen = await call(a.url, "GET", `/v1/threads/${threadId}`, { token });
      expect(seen.body.pendingConfirm).toMatchObject({ action: "create_booking" });
      const third = await chatTurn(a.url, token, { threadId, message: "yes" });
      expect(names(third.events, "message")[0]!.content).toMatch(/^Done! You're booked at Two Chair Fades/);

      // Bounded from the booking on, so a lost notification fails by name with what the replicas logged.
      const note = await Promise.race([
        notified,
        new Promise<never>((_, reject) =>
          setTimeout(() => {
            const tail = (r: Replica) =>
              r.logs
                .slice(-8)
                .map((l) => JSON.stringify(l))
                .join("\n");
            reject(
              new Error(
                `no booking notification reached the barber's socket on replica B within 10 s of the booking (${barberSocketGone || "the socket stayed connected"});\nA logged:\n${tail(a)}\nB logged:\n${tail(b)}`,
              ),
            );
          }, 10_000).unref(),
        ),
      ]);
      expect(note.payload).toMatchObject({ providerName: "Two Chair Fades", status: "confirmed" });
      const { rows } = await db.query("SELECT status FROM bookings WHERE consumer_id = $1", [consumer]);
      expect(rows).toEqual([{ status: "confirmed" }]);
    });

    it("counts one rate limit across both replicas", async () => {
      const token = await keys.sign(`replicas-limited-${process.pid}`);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await call(i % 2 ? b.url : a.url, "GET", "/v1/categories", { token })).status);
      expect(statuses.every((s) => s === 200)).toBe(true);
      for (const replica of [a, b]) {
        const refused = await call(replica.url, "GET", "/v1/categories", { token });
        expect(refused.status).toBe(429);
        expect(refused.body.error.code).toBe("rate_limited");
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    });

    it("holds the thread and daily spend budgets across both replicas", async () => {
      const token = await keys.sign(`replicas-spender-${process.pid}`);
      const turn = (r: Replica, body: Record<string, unknown>) =>
        chatTurn(r.url, token, { message: "hello, expensive question", ...body });
      const t1 = await turn(a, {}); // $0.40: the thread and the day
      expect(t1.events.at(-1)?.event).toBe("done");
      const thread = String(t1.events[0]!.data.threadId);
      expect((await turn(b, { threadId: thread })).events.at(-1)?.event).toBe("done"); // thread $0.80
      const overThread = await turn(a, { threadId: thread });
      expect(overThread.status).toBe(402);
      expect(overThread.body.error).toMatchObject({ code: "budget_exceeded", details: { scope: "thread" } });

      expect((await turn(b, {})).events.at(-1)?.event).toBe("done"); // day $1.20
      expect((await turn(a, {})).events.at(-1)?.event).toBe("done"); // day $1.60
      const overDay = await turn(b, {});
      expect(overDay.status).toBe(402);
      expect(overDay.body.error).toMatchObject({ code: "budget_exceeded", details: { scope: "user_daily" } });
    });

    it("loses nothing confirmed when a replica dies mid-stream, and the thread resumes on the other", async () => {
      const token = await keys.sign(consumer);
      model.storyDelayMs = 150;
      let tokens = 0;
      const killed = await chatTurn(a.url, token, { threadId, message: "tell me a story" }, (e) => {
        if (e.event === "token" && ++tokens === 3) a.kill("SIGKILL");
      });
      expect(killed.broken).toBe(true);
      expect(killed.events.some((e) => e.event === "done")).toBe(false);
      expect(await a.exited).toMatchObject({ signal: "SIGKILL" });
      model.storyDelayMs = 0;

      // Everything confirmed before the crash is there, read through the survivor.
      const thread = await call(b.url, "GET", `/v1/threads/${threadId}`, { token });
      expect(thread.status).toBe(200);
      const said = thread.body.messages.map(
        (m: { role: string; content: string }) => `${m.role}: ${m.content}`,
      );
      expect(said).toEqual(
        expect.arrayContaining([
          "user: I need a skin fade near 78704",
          "user: book the first free time",
          expect.stringMatching(/^assistant: Done! You're booked at Two Chair Fades/),
        ]),
      );
      expect(thread.body.pendingConfirm).toBeUndefined();
      const bookings = await call(b.url, "GET", "/v1/bookings", { token });
      expect(bookings.body.bookings).toMatchObject([
        { providerName: "Two Chair Fades", status: "confirmed" },
      ]);

      // The dead replica's heartbeat expires (5 s), and B takes its thread lock over.
      const t0 = performance.now();
      let resumed: Awaited<ReturnType<typeof chatTurn>>;
      for (;;) {
        resumed = await chatTurn(b.url, token, { threadId, message: "tell me a story" });
        if (resumed.status !== 409) break;
        expect(resumed.body.error.code).toBe("conflict");
        expect(performance.now() - t0).toBeLessThan(10_000);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      console.log(
        `[replicas] the thread was busy for ${Math.round(performance.now() - t0)} ms after the crash`,
      );
      expect(resumed.events.at(-1)?.event).toBe("done");
      expect(String(names(resumed.events, "message")[0]!.content)).toMatch(/^Once upon a time/);
    }, 60_000);
  },
);
