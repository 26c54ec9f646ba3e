import { useCallback, useState } from "react";
import type { LiveNotification } from "../api/realtime.js";
import type { Me } from "../api/types.js";
import { ChatPanel } from "../chat/chat-panel.js";
import { useChat } from "../chat/use-chat.js";
import { JumpNav } from "../common/jump-nav.js";
import { NotificationsPanel, useNotifications } from "../common/notifications.js";
import type { Session } from "../session.js";
import { OpenRequests } from "./open-requests.js";
import { ProfileView } from "./profile-view.js";
import { SchedulePanel } from "./schedule-panel.js";

const SUGGESTIONS = ["I charge $50 for a haircut now", "I'm off next Monday", "Show my schedule this week"];

/**
 * The provider console: the profile assistant's chat beside the agent-native profile (reloaded
 * after every confirmed change), the week's schedule and the open requests, all kept live by
 * notifications.
 */
export function ProviderPage({ session }: { session: Session }) {
  const { api } = session;
  const [me, setMe] = useState<Me>(session.me);
  const [schedule, setSchedule] = useState(0);
  const [requests, setRequests] = useState(0);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const tz = me.provider?.timezone ?? me.user.timezone;

  const onWrite = useCallback(
    (tool: string) => {
      if (tool === "update_profile") void session.reloadMe().then(setMe);
      if (tool === "make_offer") setRequests((v) => v + 1);
      setSchedule((v) => v + 1);
    },
    [session],
  );
  const onLive = useCallback(
    (n: LiveNotification) => {
      if (n.kind === "request" || n.kind === "offer") setRequests((v) => v + 1);
      if (n.kind === "booking" || n.kind === "cancellation") {
        const id = n.payload.bookingId;
        if (typeof id === "string") setFresh((s) => new Set(s).add(id));
        setSchedule((v) => v + 1);
      }
      if (n.kind === "profile") void session.reloadMe().then(setMe);
    },
    [session],
  );
  const chat = useChat(api, { storageKey: `proxie.thread.${me.user.id}`, onWrite });
  const notifications = useNotifications(api, onLive);

  return (
    <>
      <JumpNav
        links={[
          ["chat", "Chat"],
          ["schedule", "Schedule"],
          ["profile", "Profile"],
          ["requests", "Requests"],
        ]}
      />
      <div className="workspace">
        <ChatPanel
          chat={chat}
          title="Update your profile by chat"
          intro={
            me.provider
              ? `Hi ${me.user.name?.split(" ")[0] ?? "there"}! Tell me what changed: prices, services, hours, time off. I'll show you the change and save it when you approve; customers' searches see it at once.`
              : "You have no provider profile yet. Tell me about your business (what you offer, where, your prices and hours) and I'll set it up."
          }
          suggestions={SUGGESTIONS}
          placeholder="e.g. I charge $45 for a skin fade now"
          timeZone={tz}
        />
        <aside className="side" aria-label="Your profile, schedule and requests">
          <SchedulePanel api={api} version={schedule} timeZone={tz} fresh={fresh} />
          {me.provider ? <ProfileView profile={me.provider} /> : null}
          {me.provider ? <OpenRequests api={api} version={requests} profile={me.provider} /> : null}
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
