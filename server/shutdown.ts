import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Socket, Server as SocketServer } from "socket.io";
import { errorBody } from "./middleware/errors.js";

/**
 * Within Kubernetes' default 30 s grace period (k8s/base/deployment.yaml gives 45 s, of which the
 * preStop hook takes 5): long enough for a model's slowest streamed answer, short of a SIGKILL.
 */
export const SHUTDOWN_DEADLINE_MS = 25_000;

/** Probes and scrapes are not work in flight: they go on answering while the rest drains. */
const OPERATIONS = /^\/(healthz|readyz|metrics)(\?|$)/;

/** How socket.io clients are told to come back (to another replica) before their connection closes. */
export const RECONNECT_HINT = { reconnect: true, retryAfterMs: 1_000 } as const;

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export interface Drain {
  readonly draining: boolean;
  /** Refuses new chat turns once draining (503 `unavailable`, try another replica); the rest passes. */
  fetch<F extends Fetch>(fetch: F): F;
  /** Counts the server's requests until their response is over (streams included). */
  track(server: HttpServer): void;
  /** socket.io: counts running chat turns per socket, refuses new ones while draining. */
  guardSockets(io: SocketServer): void;
  /** Requests and socket turns not finished yet. */
  inFlight(): number;
  /** From now on: no new turns; idle sockets get the reconnect hint and are closed, busy ones after their turn. */
  begin(): void;
}

export function createDrain(): Drain {
  let draining = false;
  let requests = 0;
  const busy = new Map<Socket, number>();
  const sockets = new Set<Socket>();
  const socketTurns = () => [...busy.values()].reduce((a, b) => a + b, 0);

  const release = (socket: Socket) => {
    send(socket, "shutdown", RECONNECT_HINT);
    // Closing the transport (not `socket.disconnect()`) is what makes a socket.io client reconnect.
    socket.conn.close();
  };

  return {
    get draining() {
      return draining;
    },
    fetch<F extends Fetch>(fetch: F): F {
      return ((request: Request, ...rest: never[]) => {
        if (draining && request.method === "POST" && new URL(request.url).pathname === "/v1/chat") {
          return Response.json(
            errorBody(
              "unavailable",
              "This server is restarting. Send your message again: another server will answer it.",
            ),
            { status: 503, headers: { "retry-after": "1", connection: "close" } },
          );
        }
        return fetch(request, ...rest);
      }) as F;
    },
    track(server) {
      server.on("request", (req: IncomingMessage, res: ServerResponse) => {
        // Keep-alive connections end with their next response: the client reconnects elsewhere.
        if (draining && !res.headersSent) res.setHeader("connection", "close");
        if (OPERATIONS.test(req.url ?? "")) return;
        requests++;
        res.once("close", () => {
          requests--;
        });
      });
    },
    guardSockets(io) {
      io.on("connection", (socket) => {
        if (draining) return release(socket);
        sockets.add(socket);
        busy.set(socket, 0);
        socket.use(([event], next) => {
          if (event !== "chat") return next();
          if (draining) {
            send(socket, "error", {
              code: "unavailable",
              message: "This server is restarting. Send your message again in a moment.",
            });
            return;
          }
          busy.set(socket, (busy.get(socket) ?? 0) + 1);
          next();
        });
        // Every turn ends with `done` or `error` (DESIGN.md section 6).
        socket.onAnyOutgoing((event: string) => {
          if (event !== "done" && event !== "error") return;
          const n = Math.max(0, (busy.get(socket) ?? 0) - 1);
          busy.set(socket, n);
          // After this packet is written: listeners hear of it before it goes out.
          if (draining && n === 0) setImmediate(() => release(socket));
        });
        socket.on("disconnect", () => {
          sockets.delete(socket);
          busy.delete(socket);
        });
      });
    },
    inFlight: () => requests + socketTurns(),
    begin() {
      draining = true;
      for (const socket of sockets) if (!busy.get(socket)) release(socket);
    },
  };
}

export interface ShutdownOptions {
  drain: Drain;
  server: HttpServer;
  logger: Logger;
  /** Readiness turns false (the app's `/readyz` answers 503 from now on). */
  startDraining(): void;
  /** Closes everything the app holds: jobs, sockets, Redis, the database pool. */
  close(): Promise<void>;
  deadlineMs?: number;
  /** Extra time for `close()` after the deadline before the process gives up on it. */
  closeGraceMs?: number;
  exit?: (code: number) => void;
}

/**
 * The order of a clean stop: readiness goes false and new turns are refused; turns in flight finish
 * (up to the deadline); sockets get a reconnect hint; then the server stops listening, the pools
 * drain, and the process exits 0. The listener stays open meanwhile so that probes see the 503.
 */
export async function shutdownGracefully(opts: ShutdownOptions): Promise<void> {
  const { drain, server, logger } = opts;
  const deadlineMs = opts.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const t0 = Date.now();
  // Whatever happens below, the process ends before Kubernetes has to kill it.
  const hard = setTimeout(
    () => {
      logger.error("shutdown did not finish in time; exiting");
      exit(1);
    },
    deadlineMs + (opts.closeGraceMs ?? 5_000),
  );
  hard.unref();

  opts.startDraining();
  drain.begin();
  logger.info({ inFlight: drain.inFlight(), deadlineMs }, "draining: not ready, finishing turns in flight");
  while (drain.inFlight() > 0 && Date.now() - t0 < deadlineMs) await sleep(50);
  const left = drain.inFlight();
  if (left) logger.warn({ inFlight: left }, "deadline reached: cutting the remaining work short");
  else logger.info({ ms: Date.now() - t0 }, "drained");

  server.close();
  server.closeIdleConnections();
  try {
    await opts.close();
  } catch (err) {
    logger.error({ err }, "closing failed");
  }
  server.closeAllConnections();
  clearTimeout(hard);
  logger.info({ ms: Date.now() - t0 }, "stopped");
  exit(0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** socket.io reserves `error` for its own client-side use; the contract sends it as a plain event. */
function send(socket: Socket, event: string, data: unknown): void {
  (socket.emit as (ev: string, ...args: unknown[]) => boolean).call(socket, event, data);
}
