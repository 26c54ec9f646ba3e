import { io, type Socket } from "socket.io-client";
import type { NotificationKind } from "./types.js";

export interface LiveNotification {
  kind: NotificationKind;
  payload: Record<string, unknown>;
}

export type ConnectionState = "connecting" | "live" | "offline";

/**
 * Listens for the server's `notification {kind,payload}` events (DESIGN.md section 6) in the
 * user's room. The token is asked afresh at every (re)connect, and a connection the server ended
 * (an expired token) is opened again with a new one.
 */
export function connectNotifications(
  token: () => Promise<string>,
  on: { notification(n: LiveNotification): void; state(s: ConnectionState): void },
): () => void {
  const socket: Socket = io({
    auth: (cb) => {
      token().then(
        (t) => cb({ token: t }),
        () => cb({}),
      );
    },
    reconnectionDelayMax: 10_000,
  });
  let closed = false;
  on.state("connecting");
  socket.on("connect", () => on.state("live"));
  socket.on("connect_error", () => on.state("offline"));
  socket.on("disconnect", (reason) => {
    on.state("offline");
    if (reason === "io server disconnect" && !closed) setTimeout(() => socket.connect(), 1000);
  });
  socket.on("notification", (n: LiveNotification) => on.notification(n));
  return () => {
    closed = true;
    socket.close();
  };
}
