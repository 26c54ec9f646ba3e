import { useEffect, useId, useState } from "react";
import { NotificationsPanel, useNotifications } from "../common/notifications.js";
import { BookingsPanel } from "../consumer/bookings-panel.js";
import type { Session } from "../session.js";

interface LatestEval {
  run: string;
  reportUrl: string;
  modifiedAt: string;
}

/** The latest eval run's report, served read-only by the server under /evals/latest/. */
function EvalsPanel() {
  const [latest, setLatest] = useState<LatestEval | null | undefined>(undefined);
  const headingId = useId();
  useEffect(() => {
    const ac = new AbortController();
    fetch("/evals/latest.json", { signal: ac.signal })
      .then((r) => (r.ok ? (r.json() as Promise<LatestEval>) : null))
      .then(setLatest, () => setLatest(null));
    return () => ac.abort();
  }, []);
  return (
    <section className="panel evals" aria-labelledby={headingId}>
      <h2 id={headingId}>Eval report</h2>
      {latest === undefined ? <p className="muted">Looking for eval runs…</p> : null}
      {latest === null ? (
        <p>
          No eval run yet. Run the eval suite to write <code>evals/out/&lt;run&gt;/report.html</code>; the
          newest one is shown here.
        </p>
      ) : null}
      {latest ? (
        <p>
          <a href={latest.reportUrl} target="_blank" rel="noopener">
            Open the latest eval report
          </a>{" "}
          <span className="muted">
            (run {latest.run}, {new Date(latest.modifiedAt).toLocaleString()})
          </span>
        </p>
      ) : null}
      <p className="muted">
        API reference: <a href="/docs">/docs</a> · <a href="/readyz">/readyz</a> ·{" "}
        <a href="/metrics">/metrics</a>
      </p>
    </section>
  );
}

/** The admin's screen: the eval report, every booking, and live notifications. */
export function AdminPage({ session }: { session: Session }) {
  const { api, me } = session;
  const [version, setVersion] = useState(0);
  const notifications = useNotifications(api, () => setVersion((v) => v + 1));
  return (
    <div className="workspace workspace-admin">
      <div className="main-column">
        <EvalsPanel />
        <BookingsPanel
          api={api}
          version={version}
          timeZone={me.user.timezone}
          canReview={false}
          title="All bookings"
        />
      </div>
      <aside className="side" aria-label="Notifications">
        <NotificationsPanel
          items={notifications.items}
          connection={notifications.connection}
          timeZone={me.user.timezone}
        />
      </aside>
    </div>
  );
}
