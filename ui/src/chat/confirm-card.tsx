import type { ConfirmRequest } from "../api/types.js";
import type { ConfirmState } from "./chat-state.js";

const ACTION_TITLES: Record<string, string> = {
  create_booking: "Confirm the booking",
  cancel_booking: "Confirm the cancellation",
  reschedule_booking: "Confirm the new time",
  create_request: "Confirm the request",
  accept_offer: "Confirm: accept the offer",
  make_offer: "Confirm the offer",
  leave_review: "Confirm the review",
  save_favorite: "Confirm: save a favorite",
  update_profile: "Confirm the profile change",
};

/** The terms worth showing, in words; ids stay out. */
const DETAIL_LABELS: [key: string, label: string][] = [
  ["providerName", "Provider"],
  ["serviceName", "Service"],
  ["local", "When"],
  ["price", "Price"],
  ["rating", "Rating"],
  ["text", "Review"],
];

const STATE_TEXT: Record<Exclude<ConfirmState, "pending">, string> = {
  sending: "Sending…",
  approved: "Approved",
  rejected: "Rejected: nothing was changed",
  dropped: "Not done: the conversation moved on",
};

/** A write awaiting approval (`confirm` event): what will happen, and Approve / Reject. */
export function ConfirmCard({
  id,
  request,
  state,
  busy,
  onDecide,
}: {
  id: string;
  request: ConfirmRequest;
  state: ConfirmState;
  busy: boolean;
  onDecide: (decision: "approve" | "reject") => void;
}) {
  const d = request.details;
  const changes = Array.isArray(d.changes)
    ? (d.changes as { field: string; from: string; to: string }[])
    : [];
  const terms = DETAIL_LABELS.filter(([key]) => d[key] !== undefined && d[key] !== null && d[key] !== "");
  const titleId = `${id}-title`;
  return (
    <li
      className={`confirm-card confirm-${state}`}
      id={`chat-item-${id}`}
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{ACTION_TITLES[request.action] ?? "Confirm"}</h3>
      {/* The terms say it all when there are some; the summary is the fallback (and what JSON clients get). */}
      {terms.length || changes.length ? null : <p className="confirm-summary">{request.summary}</p>}
      {terms.length ? (
        <dl className="terms">
          {terms.map(([key, label]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{String(d[key])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {changes.length ? (
        <table className="changes">
          <caption className="visually-hidden">Changes</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td>{c.from}</td>
                <td>
                  <strong>{c.to}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state === "pending" ? (
        <div className="confirm-actions">
          <button type="button" className="approve" onClick={() => onDecide("approve")} disabled={busy}>
            Approve
          </button>
          <button type="button" className="reject" onClick={() => onDecide("reject")} disabled={busy}>
            Reject
          </button>
        </div>
      ) : (
        <p className="confirm-state">{STATE_TEXT[state]}</p>
      )}
    </li>
  );
}
