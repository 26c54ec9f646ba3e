import { useEffect, useId, useState } from "react";
import { type Api, describeError } from "../api/client.js";
import type { Booking } from "../api/types.js";
import { addDaysTo, dateIn, money, timeOf } from "../common/format.js";

/** Monday of the week that `date` (YYYY-MM-DD) is in. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDaysTo(date, -((weekday + 6) % 7));
}

/** "Mon, Nov 30" for a calendar date. */
function dayLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", {
    timeZone: "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
  });
}

/**
 * The provider's week (`GET /v1/bookings` as provider): seven days from Monday in the provider's
 * time zone, each with its confirmed bookings. New bookings arrive with `version`.
 */
export function SchedulePanel({
  api,
  version,
  timeZone,
  fresh,
}: {
  api: Api;
  version: number;
  timeZone: string;
  /** Booking ids that arrived live: marked as new. */
  fresh: Set<string>;
}) {
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [week, setWeek] = useState(0);
  const headingId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is a reload trigger
  useEffect(() => {
    const ac = new AbortController();
    api.get<{ bookings: Booking[] }>("/v1/bookings?status=confirmed&limit=500", ac.signal).then(
      (r) => {
        setBookings(r.bookings);
        setError(null);
      },
      (err: unknown) => {
        if (!ac.signal.aborted) setError(`Could not load the schedule: ${describeError(err)}`);
      },
    );
    return () => ac.abort();
  }, [api, version]);

  const monday = addDaysTo(mondayOf(dateIn(new Date(), timeZone)), week * 7);
  const days = Array.from({ length: 7 }, (_, i) => addDaysTo(monday, i));
  const byDay = new Map(days.map((d) => [d, [] as Booking[]]));
  for (const b of bookings ?? []) byDay.get(dateIn(new Date(b.startsAt), timeZone))?.push(b);
  for (const list of byDay.values()) list.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const count = [...byDay.values()].reduce((n, l) => n + l.length, 0);
  const busyDays = days.filter((d) => byDay.get(d)?.length);
  const freeDays = days.filter((d) => !byDay.get(d)?.length);
  const label = week === 0 ? "This week" : week === 1 ? "Next week" : `Week of ${monday}`;

  return (
    <section className="panel schedule" aria-labelledby={headingId} id="schedule">
      <header className="panel-head">
        <h2 id={headingId}>
          {label}: {count} booking{count === 1 ? "" : "s"}
        </h2>
        <div className="week-nav">
          <button
            type="button"
            className="secondary"
            onClick={() => setWeek((w) => w - 1)}
            aria-label="Previous week"
          >
            ←
          </button>
          <button type="button" className="secondary" onClick={() => setWeek(0)} disabled={week === 0}>
            Today
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => setWeek((w) => w + 1)}
            aria-label="Next week"
          >
            →
          </button>
        </div>
      </header>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!bookings && !error ? <p className="muted">Loading…</p> : null}
      {bookings ? (
        <ol className="week">
          {busyDays.map((d) => (
            <li key={d} className="day">
              <h3>{dayLabel(d)}</h3>
              <ul>
                {(byDay.get(d) ?? []).map((b) => (
                  <li key={b.id} className={fresh.has(b.id) ? "slot-booking is-new" : "slot-booking"}>
                    <strong>{timeOf(b.startsAt, timeZone)}</strong> {b.serviceName} · {money(b.priceCents)}
                    {fresh.has(b.id) ? <span className="badge">new</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {freeDays.length ? (
            <li className="day muted">
              No bookings: {freeDays.map((d) => dayLabel(d).split(",")[0]).join(", ")}
            </li>
          ) : null}
        </ol>
      ) : null}
    </section>
  );
}
