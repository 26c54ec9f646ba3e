import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { Server, type Socket } from "socket.io";
import { AppError } from "../core/errors.js";
import type { Notification } from "../db/notifications.js";
import type { Db } from "../db/pool.js";
import { ensureUser } from "../db/users.js";
import type { Auth, Verified } from "./auth.js";
import { type ChatServiceDeps, startTurn } from "./chat-service.js";
import type { NotificationSink } from "./events.js";
import { toAppError, validationError } from "./middleware/errors.js";
import { chatBodySchema, wireEvent } from "./routes/chat.js";

export interface RealtimeDeps extends ChatServiceDeps {
  auth: Auth;
  db: Db;
  logger: Logger;
  limiter: RateLimiterAbstract;
  corsOrigins: string[];
  /** With Redis, rooms and notifications span every replica. */
  /** `key` names the adapter's channels: deployments sharing one Redis must not hear each other. */
  redis?: { pub: Redis; sub: Redis; key: string } | undefined;
}

interface SocketData {
  principal: Verified;
}

export interface Realtime extends NotificationSink {
  io: Server;
  close(): Promise<void>;
}

/** socket.io's Redis adapter: rooms and broadcasts span every server on the same Redis and key. */
export function redisAdapter(redis: NonNullable<RealtimeDeps["redis"]>) {
  return createAdapter(redis.pub, redis.sub, { key: redis.key });
}

/**
 * socket.io on the HTTP server's port (DESIGN.md section 6): the token in the handshake, the chat
 * events of the SSE stream, a room per user for notifications. A token that expires while
 * connected ends the connection.
 */
export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(
    httpServer,
    {
      cors: deps.corsOrigins.length ? { origin: deps.corsOrigins } : undefined,
      maxHttpBufferSize: deps.config.limits.maxMessageChars * 4 + 1024,
    },
  );
  if (deps.redis) io.adapter(redisAdapter(deps.redis));

  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== "string" || !token)
        throw new AppError("unauthorized", "Send { auth: { token } } in the handshake.");
      const principal = await deps.auth.verify(token);
      await ensureUser(deps.db, principal);
      (socket.data as SocketData).principal = principal;
      next();
    } catch (err) {
      const e = toAppError(err);
      // The contract: the error's message is the code; details ride along for humans.
      next(Object.assign(new Error(e.code), { data: { message: e.message } }));
    }
  });

  io.on("connection", (socket) => {
    const principal = (socket.data as SocketData).principal;
    void socket.join(`user:${principal.userId}`);
    const untilExpiry = principal.expiresAt.getTime() - Date.now();
    const expiry = setTimeout(
      () => {
        send(socket, "error", { code: "unauthorized", message: "Your session has expired. Sign in again." });
        socket.disconnect(true);
      },
      Math.max(0, Math.min(untilExpiry, 2 ** 31 - 1)),
    );
    const running = new Set<AbortController>();
    socket.on("disconnect", () => {
      clearTimeout(expiry);
      for (const a of running) a.abort();
    });
    socket.on("chat", (body: unknown) => {
      void chat(socket, body, running);
    });
  });

  async function chat(socket: Socket, body: unknown, running: Set<AbortController>): Promise<void> {
    const principal = (socket.data as SocketData).principal;
    const emit = (event: string, data: unknown) => send(socket, event, data);
    let abort: AbortController | undefined;
    try {
      if (principal.expiresAt.getTime() <= Date.now())
        throw new AppError("unauthorized", "Your session has expired. Sign in again.");
      await consume(deps.limiter, principal.userId);
      const parsed = chatBodySchema(deps.config.limits.maxMessageChars).safeParse(body);
      if (!parsed.success) throw validationError(parsed.error, "body");
      const turn = await startTurn(deps, principal, parsed.data);
      abort = turn.abort;
      running.add(abort);
      for await (const e of turn.events) {
        if (socket.disconnected) break;
        emit(...wireEvent(e));
      }
    } catch (err) {
      if (abort?.signal.aborted) return;
      const e = toAppError(err);
      if (e.status >= 500) deps.logger.error({ err }, "socket chat turn failed");
      emit("error", { code: e.code, message: e.message });
    } finally {
      if (abort) running.delete(abort);
    }
  }

  return {
    io,
    publish(notifications: readonly Notification[]) {
      for (const n of notifications)
        io.to(`user:${n.userId}`).emit(
          "notification" as never,
          { kind: n.kind, payload: n.payload } as never,
        );
    },
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
      }),
  };
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new AppError("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }
}

/**
 * Emits any contract event by name. socket.io's types reserve "error" for the client side, but the
 * contract ends a failed turn with an `error` event on the socket just as on the SSE stream.
 */
function send(socket: Socket, event: string, data: unknown): void {
  (socket.emit as (ev: string, ...args: unknown[]) => boolean).call(socket, event, data);
}
