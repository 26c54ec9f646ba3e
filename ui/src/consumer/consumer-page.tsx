import { useCallback, useState } from "react";
import { ChatPanel } from "../chat/chat-panel.js";
import { useChat } from "../chat/use-chat.js";
import { JumpNav } from "../common/jump-nav.js";
import { NotificationsPanel, useNotifications } from "../common/notifications.js";
import type { Session } from "../session.js";
import { BookingsPanel } from "./bookings-panel.js";
import { RequestsPanel } from "./requests-panel.js";

const SUGGESTIONS = [
  "I need a fade tomorrow after 5 near 78704",
  "Deep clean for my 2 bedroom apartment next Tuesday morning",
  "My kitchen sink is leaking",
];

/** The consumer's screen: the chat, with their bookings, requests and live notifications beside it. */
export function ConsumerPage({ session }: { session: Session }) {
  const { api, me } = session;
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const chat = useChat(api, { storageKey: `proxie.thread.${me.user.id}`, onWrite: bump });
  const notifications = useNotifications(api, bump);
  const tz = me.user.timezone;

  return (
    <>
      <JumpNav
        links={[
          ["chat", "Chat"],
          ["bookings", "Bookings"],
          ["notifications", "Notifications"],
        ]}
      />
      <div className="workspace">
        <ChatPanel
          chat={chat}
          title="Book by chat"
          intro={`Hi${me.user.name ? ` ${me.user.name.split(" ")[0]}` : ""}! Tell me what you need: a haircut, a cleaning or a plumber, where and when. I'll find providers, check their free times and book once you approve.`}
          suggestions={SUGGESTIONS}
          placeholder="What do you need? e.g. a fade tomorrow after 5 near 78704"
          timeZone={tz}
        />
        <aside className="side" aria-label="Your bookings and notifications">
          <BookingsPanel api={api} version={version} timeZone={tz} canReview />
          <RequestsPanel api={api} version={version} timeZone={tz} onBooked={bump} />
          <NotificationsPanel
            items={notifications.items}
            connection={notifications.connection}
            timeZone={tz}
          />
        </aside>
      </div>
    </>
  );
}
