import { useEffect, useRef, useState } from "react";
import type { Api } from "../api/client.js";
import { type ConnectionState, connectNotifications, type LiveNotification } from "../api/realtime.js";
import type { AppNotification } from "../api/types.js";
import { money, when } from "./format.js";

export interface NotificationItem extends AppNotification {
  live: boolean;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** A notification in words, from its kind and payload (db/notifications.ts writes them). */
export function describeNotification(
  n: { kind: string; payload: Record<string, unknown> },
  timeZone?: string,
) {
  const p = n.payload;
  const at = str(p.startsAt) ? when(str(p.startsAt), timeZone) : "";
  switch (n.kind) {
    case "booking":
      return `New booking: ${str(p.serviceName) || "a service"} with ${str(p.providerName)}${at ? ` on ${at}` : ""}`;
    case "cancellation":
      return `Cancelled: ${str(p.serviceName) || "a booking"} with ${str(p.providerName)}${at ? ` on ${at}` : ""}`;
    case "offer":
      return `New offer: ${str(p.providerName)} offers ${money(typeof p.priceCents === "number" ? p.priceCents : null)}${at ? ` on ${at}` : ""}`;
    case "request":
      return `New request near ${str(p.zip)}: ${str(p.description)}`;
    case "review":
      return `New review${typeof p.rating === "number" ? ` (${p.rating}★)` : ""}`;
    case "profile":
      return "Your profile changed";
    default:
      return n.kind;
  }
}

let liveSeq = 0;

/**
 * The user's notifications: the stored ones (`GET /v1/notifications`), then live ones over
 * socket.io as they happen. `onLive` lets a page reload what a notification makes stale.
 */
export function useNotifications(api: Api, onLive?: (n: LiveNotification) => void) {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const onLiveRef = useRef(onLive);
  onLiveRef.current = onLive;

  useEffect(() => {
    const ac = new AbortController();
    api.get<{ notifications: AppNotification[] }>("/v1/notifications", ac.signal).then(
      (r) =>
        setItems((live) => [...live, ...r.notifications.slice(0, 20).map((n) => ({ ...n, live: false }))]),
      () => {},
    );
    return () => ac.abort();
  }, [api]);

  useEffect(
    () =>
      connectNotifications(api.token, {
        state: setConnection,
        notification: (n) => {
          const item: NotificationItem = {
            id: `live-${++liveSeq}`,
            kind: n.kind,
            payload: n.payload,
            readAt: null,
            createdAt: new Date().toISOString(),
            live: true,
          };
          setItems((prev) => [item, ...prev].slice(0, 30));
          onLiveRef.current?.(n);
        },
      }),
    [api],
  );

  return { items, connection };
}

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline: reconnecting",
};

/** The list of notifications, and a polite live region that reads out each one as it arrives. */
export function NotificationsPanel({
  items,
  connection,
  timeZone,
}: {
  items: NotificationItem[];
  connection: ConnectionState;
  timeZone?: string;
}) {
  const newest = items.find((n) => n.live);
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    if (!newest) return;
    setToast(describeNotification(newest, timeZone));
    const t = setTimeout(() => setToast(null), 8000);
    return () => clearTimeout(t);
  }, [newest, timeZone]);

  return (
    <section className="panel notifications" aria-labelledby="notifications-title" id="notifications">
      <header className="panel-head">
        <h2 id="notifications-title">Notifications</h2>
        <span className={`connection connection-${connection}`}>{CONNECTION_LABEL[connection]}</span>
      </header>
      {items.length === 0 ? (
        <p className="muted">Nothing yet. New offers, requests and bookings appear here as they happen.</p>
      ) : (
        <ul className="notification-list">
          {items.slice(0, 8).map((n) => (
            <li key={n.id} className={n.live ? "notification is-new" : "notification"}>
              <span className={`kind kind-${n.kind}`}>{n.kind}</span> {describeNotification(n, timeZone)}
            </li>
          ))}
        </ul>
      )}
      <div className={toast ? "toast is-shown" : "toast"} role="status" aria-live="polite">
        {toast}
      </div>
    </section>
  );
}
