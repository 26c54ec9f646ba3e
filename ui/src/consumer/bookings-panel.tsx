import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { type Api, describeError } from "../api/client.js";
import type { Booking } from "../api/types.js";
import { money, when } from "../common/format.js";

function ReviewForm({ api, booking, onDone }: { api: Api; booking: Booking; onDone: (msg: string) => void }) {
  const [rating, setRating] = useState(5);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      await api.post(`/v1/bookings/${booking.id}/review`, { rating, text });
      onDone(`Thanks! Your ${rating}★ review of ${booking.providerName} is saved.`);
    } catch (err) {
      setError(describeError(err));
      setSending(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <fieldset>
        <legend>Rate {booking.providerName}</legend>
        <div className="rating">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input
                type="radio"
                name={`${id}-rating`}
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
              />
              {n}★
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-text`}>What was it like? (optional)</label>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
        rows={2}
      />
      <button type="submit" disabled={sending}>
        Send review
      </button>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function BookingRow({
  api,
  booking,
  timeZone,
  canReview,
  onChanged,
}: {
  api: Api;
  booking: Booking;
  timeZone: string;
  canReview: boolean;
  onChanged: (msg: string) => void;
}) {
  const [mode, setMode] = useState<"idle" | "cancel" | "review">("idle");
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const upcoming = booking.status === "confirmed" && Date.parse(booking.startsAt) > now;
  const over = booking.status !== "cancelled" && Date.parse(booking.endsAt) <= now;

  async function cancel() {
    setError(null);
    try {
      await api.post(`/v1/bookings/${booking.id}/cancel`);
      onChanged(`Cancelled ${booking.serviceName} with ${booking.providerName}.`);
      setMode("idle");
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <li className={`booking booking-${booking.status}`} data-booking-id={booking.id}>
      <div className="booking-main">
        <strong>{booking.serviceName}</strong> · {booking.providerName}
        <br />
        <span>{when(booking.startsAt, timeZone)}</span> · <span>{money(booking.priceCents)}</span>{" "}
        <span className={`status status-${booking.status}`}>{booking.status}</span>
      </div>
      {upcoming && mode === "idle" ? (
        <button type="button" className="secondary" onClick={() => setMode("cancel")}>
          Cancel{" "}
          <span className="visually-hidden">
            {booking.serviceName} with {booking.providerName}
          </span>
        </button>
      ) : null}
      {mode === "cancel" ? (
        <fieldset className="inline-confirm">
          <legend>Cancel this booking?</legend>
          <button type="button" className="danger" onClick={() => void cancel()}>
            Yes, cancel it
          </button>
          <button type="button" className="secondary" onClick={() => setMode("idle")}>
            Keep it
          </button>
        </fieldset>
      ) : null}
      {over && canReview && mode === "idle" ? (
        <button type="button" className="secondary" onClick={() => setMode("review")}>
          Review <span className="visually-hidden">{booking.providerName}</span>
        </button>
      ) : null}
      {mode === "review" ? (
        <ReviewForm
          api={api}
          booking={booking}
          onDone={(msg) => {
            setMode("idle");
            onChanged(msg);
          }}
        />
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Bookings (`GET /v1/bookings`): upcoming ones with Cancel, past ones with Review (consumers).
 * `version` changes when something elsewhere (the chat, a notification) made the list stale.
 */
export function BookingsPanel({
  api,
  version,
  timeZone,
  canReview,
  title = "Your bookings",
}: {
  api: Api;
  version: number;
  timeZone: string;
  canReview: boolean;
  title?: string;
}) {
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [mine, setMine] = useState(0);
  const headingId = useId();

  const load = useCallback(
    (signal?: AbortSignal) =>
      api.get<{ bookings: Booking[] }>("/v1/bookings?limit=50", signal).then(
        (r) => {
          setBookings(r.bookings);
          setError(null);
        },
        (err: unknown) => {
          if (!signal?.aborted) setError(`Could not load the bookings: ${describeError(err)}`);
        },
      ),
    [api],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: version and mine are reload triggers
  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal);
    return () => ac.abort();
  }, [load, version, mine]);

  const now = Date.now();
  const upcoming = (bookings ?? [])
    .filter((b) => b.status === "confirmed" && Date.parse(b.endsAt) > now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = (bookings ?? []).filter((b) => !upcoming.includes(b)).slice(0, 6);

  const onChanged = (msg: string) => {
    setStatus(msg);
    setMine((n) => n + 1);
  };

  return (
    <section className="panel bookings" aria-labelledby={headingId} id="bookings">
      <h2 id={headingId}>{title}</h2>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {status ? <p className="success">{status}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!bookings && !error ? <p className="muted">Loading…</p> : null}
      {bookings ? (
        <>
          <h3>Upcoming</h3>
          {upcoming.length ? (
            <ul className="booking-list" aria-label="Upcoming bookings">
              {upcoming.map((b) => (
                <BookingRow
                  key={b.id}
                  api={api}
                  booking={b}
                  timeZone={timeZone}
                  canReview={canReview}
                  onChanged={onChanged}
                />
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing booked yet. Ask in the chat.</p>
          )}
          {past.length ? (
            <>
              <h3>Past and cancelled</h3>
              <ul className="booking-list" aria-label="Past bookings">
                {past.map((b) => (
                  <BookingRow
                    key={b.id}
                    api={api}
                    booking={b}
                    timeZone={timeZone}
                    canReview={canReview}
                    onChanged={onChanged}
                  />
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
