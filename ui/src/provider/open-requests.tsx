import { type FormEvent, useEffect, useId, useState } from "react";
import { type Api, describeError } from "../api/client.js";
import type { ProviderProfile, ServiceRequest } from "../api/types.js";
import { instantToZoned, money, when, zonedToInstant } from "../common/format.js";

function OfferForm({
  api,
  request,
  profile,
  onSent,
  onCancel,
}: {
  api: Api;
  request: ServiceRequest;
  profile: ProviderProfile;
  onSent: (msg: string) => void;
  onCancel: () => void;
}) {
  const tz = profile.timezone;
  const cheapest = [...profile.services].sort((a, b) => a.priceCents - b.priceCents)[0];
  const [price, setPrice] = useState(
    String(((request.budgetCents ?? cheapest?.priceCents ?? 10000) / 100).toFixed(0)),
  );
  const [startsAt, setStartsAt] = useState(instantToZoned(request.windowStart, tz));
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const priceCents = Math.round(Number(price) * 100);
    if (!Number.isFinite(priceCents) || priceCents <= 0) {
      setError("Enter a price in dollars, e.g. 120.");
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post(`/v1/requests/${request.id}/offers`, {
        priceCents,
        startsAt: zonedToInstant(startsAt, tz).toISOString(),
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      onSent(`Offer sent: ${money(priceCents)} on ${when(zonedToInstant(startsAt, tz).toISOString(), tz)}.`);
    } catch (err) {
      setError(describeError(err));
      setSending(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Make an offer">
      <label htmlFor={`${id}-price`}>Your price (USD)</label>
      <input
        id={`${id}-price`}
        inputMode="decimal"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        required
        pattern="[0-9]+(\.[0-9]{1,2})?"
      />
      <label htmlFor={`${id}-start`}>Start ({tz})</label>
      <input
        id={`${id}-start`}
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.target.value)}
        required
      />
      <label htmlFor={`${id}-message`}>Message (optional)</label>
      <textarea
        id={`${id}-message`}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        rows={2}
        maxLength={1000}
      />
      <div className="form-actions">
        <button type="submit" disabled={sending}>
          Send offer
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Open requests in the provider's category and area (`GET /v1/requests`), each with "Make an offer". */
export function OpenRequests({
  api,
  version,
  profile,
}: {
  api: Api;
  version: number;
  profile: ProviderProfile;
}) {
  const [requests, setRequests] = useState<ServiceRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offering, setOffering] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [sent, setSent] = useState(0);
  const headingId = useId();
  const tz = profile.timezone;

  // biome-ignore lint/correctness/useExhaustiveDependencies: version and sent are reload triggers
  useEffect(() => {
    const ac = new AbortController();
    api.get<{ requests: ServiceRequest[] }>("/v1/requests", ac.signal).then(
      (r) => {
        setRequests(r.requests);
        setError(null);
      },
      (err: unknown) => {
        if (!ac.signal.aborted) setError(`Could not load the requests: ${describeError(err)}`);
      },
    );
    return () => ac.abort();
  }, [api, version, sent]);

  const open = (requests ?? []).filter((r) => r.status === "open");
  return (
    <section className="panel open-requests" aria-labelledby={headingId} id="requests">
      <h2 id={headingId}>Open requests near you</h2>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {status ? <p className="success">{status}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {requests && !open.length ? (
        <p className="muted">
          No open {profile.category} requests in your area right now. New ones appear here live.
        </p>
      ) : null}
      <ul className="request-list">
        {open.map((r) => (
          <li key={r.id} className="request">
            <p>
              {r.description}
              <br />
              <span className="muted">
                {r.zip} · {when(r.windowStart, tz)} – {when(r.windowEnd, tz)}
                {r.budgetCents ? ` · budget ${money(r.budgetCents)}` : ""} · {r.offerCount} offer
                {r.offerCount === 1 ? "" : "s"}
              </span>
            </p>
            {offering === r.id ? (
              <OfferForm
                api={api}
                request={r}
                profile={profile}
                onCancel={() => setOffering(null)}
                onSent={(msg) => {
                  setOffering(null);
                  setStatus(msg);
                  setSent((n) => n + 1);
                }}
              />
            ) : (
              <button type="button" onClick={() => setOffering(r.id)}>
                Make an offer <span className="visually-hidden">on “{r.description}”</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
