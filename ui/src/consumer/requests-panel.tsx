import { useEffect, useId, useState } from "react";
import { type Api, describeError } from "../api/client.js";
import type { Offer, ServiceRequest } from "../api/types.js";
import { money, when } from "../common/format.js";

function Offers({
  api,
  request,
  timeZone,
  onBooked,
}: {
  api: Api;
  request: ServiceRequest;
  timeZone: string;
  onBooked: (msg: string) => void;
}) {
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accepting, setAccepting] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    api.get<{ offers: Offer[] }>(`/v1/requests/${request.id}/offers`, ac.signal).then(
      (r) => setOffers(r.offers),
      (err: unknown) => {
        if (!ac.signal.aborted) setError(describeError(err));
      },
    );
    return () => ac.abort();
  }, [api, request.id]);

  async function accept(offer: Offer) {
    setAccepting(offer.id);
    setError(null);
    try {
      // The key makes a double click (or a retry after a dropped answer) one booking.
      await api.post(`/v1/offers/${offer.id}/accept`, undefined, { idempotencyKey: `accept-${offer.id}` });
      onBooked(`Booked ${offer.providerName} for ${when(offer.startsAt, timeZone)}.`);
    } catch (err) {
      setError(describeError(err));
      setAccepting(null);
    }
  }

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!offers) return <p className="muted">Loading offers…</p>;
  if (!offers.length) return <p className="muted">No offers yet.</p>;
  return (
    <ul className="offer-list">
      {offers.map((o) => (
        <li key={o.id} className="offer">
          <span>
            <strong>{o.providerName}</strong> ★ {o.rating.toFixed(1)} · {money(o.priceCents)} ·{" "}
            {when(o.startsAt, timeZone)}
            {o.message ? <em> “{o.message}”</em> : null}
          </span>
          {o.status === "pending" && request.status === "open" ? (
            <button type="button" onClick={() => void accept(o)} disabled={accepting !== null}>
              Accept <span className="visually-hidden">{o.providerName}'s offer</span>
            </button>
          ) : (
            <span className={`status status-${o.status}`}>{o.status}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A consumer's requests for offers (`GET /v1/requests`) and the offers on them, to accept. */
export function RequestsPanel({
  api,
  version,
  timeZone,
  onBooked,
}: {
  api: Api;
  version: number;
  timeZone: string;
  onBooked: (msg: string) => void;
}) {
  const [requests, setRequests] = useState<ServiceRequest[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const headingId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is a reload trigger
  useEffect(() => {
    const ac = new AbortController();
    api.get<{ requests: ServiceRequest[] }>("/v1/requests", ac.signal).then(
      (r) => setRequests(r.requests),
      () => {},
    );
    return () => ac.abort();
  }, [api, version]);

  const shown = (requests ?? []).filter((r) => r.status === "open").slice(0, 5);
  if (!shown.length) return null;
  return (
    <section className="panel requests" aria-labelledby={headingId}>
      <h2 id={headingId}>Your requests for offers</h2>
      <ul className="request-list">
        {shown.map((r) => (
          <li key={r.id} className="request">
            <p>
              <strong className="category">{r.category}</strong> {r.description}
              <br />
              <span className="muted">
                {when(r.windowStart, timeZone)} – {when(r.windowEnd, timeZone)} · {r.offerCount} offer
                {r.offerCount === 1 ? "" : "s"}
              </span>
            </p>
            <button
              type="button"
              className="secondary"
              aria-expanded={open === r.id}
              onClick={() => setOpen(open === r.id ? null : r.id)}
            >
              {open === r.id ? "Hide offers" : "Show offers"}
            </button>
            {open === r.id ? <Offers api={api} request={r} timeZone={timeZone} onBooked={onBooked} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
