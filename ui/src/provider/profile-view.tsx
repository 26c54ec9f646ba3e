import { useEffect, useId, useRef, useState } from "react";
import type { ProviderProfile, Service } from "../api/types.js";
import { money, WEEKDAYS, when } from "../common/format.js";

/** Services that are new or changed since the previous profile: the ones a saved change touched. */
function changedServices(
  before: ProviderProfile | null,
  after: ProviderProfile,
): Map<string, Service | null> {
  const changed = new Map<string, Service | null>();
  if (!before || before.id !== after.id) return changed;
  for (const s of after.services) {
    const old = before.services.find((b) => b.id === s.id);
    if (!old || old.priceCents !== s.priceCents || old.durationMin !== s.durationMin || old.name !== s.name)
      changed.set(s.id, old ?? null);
  }
  return changed;
}

function detailText(v: unknown): string {
  if (Array.isArray(v)) return v.join(", ");
  if (v && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

const DETAIL_LABELS: Record<string, string> = {
  specialties: "Specialties",
  languages: "Languages",
  policies: "Policies",
  yearsInBusiness: "Years in business",
};

/**
 * The agent-native profile (`GET /v1/me` → provider), the document consumers' agents read.
 * When it changes, the changed services are marked and the change is read out.
 */
export function ProfileView({ profile }: { profile: ProviderProfile }) {
  const previous = useRef<ProviderProfile | null>(null);
  const [changed, setChanged] = useState<Map<string, Service | null>>(new Map());
  const [announcement, setAnnouncement] = useState("");
  const headingId = useId();

  useEffect(() => {
    const diff = changedServices(previous.current, profile);
    previous.current = profile;
    if (!diff.size) return;
    setChanged(diff);
    setAnnouncement(
      `Profile updated: ${[...diff]
        .map(([id, old]) => {
          const s = profile.services.find((x) => x.id === id)!;
          return old
            ? `${s.name} ${money(old.priceCents)} → ${money(s.priceCents)}`
            : `new service ${s.name} ${money(s.priceCents)}`;
        })
        .join("; ")}`,
    );
  }, [profile]);

  const hours = [1, 2, 3, 4, 5, 6, 0].map((day) => ({
    day,
    spans: profile.weeklyHours.filter((h) => h.weekday === day),
  }));
  const details = Object.entries(profile.details).filter(([, v]) => v !== null && v !== "");

  return (
    <section className="panel profile" aria-labelledby={headingId} id="profile">
      <header className="panel-head">
        <h2 id={headingId}>Your profile</h2>
        <span className="muted">what customers' agents see</span>
      </header>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {announcement ? <p className="success">{announcement}</p> : null}
      <h3 className="profile-name">{profile.name}</h3>
      <p className="card-meta">
        <span className="category">{profile.category}</span>
        <span>★ {profile.rating.toFixed(1)}</span>
        <span>
          {profile.reviewCount} review{profile.reviewCount === 1 ? "" : "s"}
        </span>
        <span>
          {profile.zip} · {profile.serviceRadiusKm} km radius
        </span>
      </p>
      <p className="bio">{profile.bio}</p>
      <table className="services">
        <caption>Services and prices</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Price</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {profile.services.map((s) => (
            <tr key={s.id} className={changed.has(s.id) ? "is-changed" : undefined} data-service={s.name}>
              <th scope="row">
                {s.name}
                {changed.has(s.id) ? <span className="badge">updated</span> : null}
                <span className="service-description">{s.description}</span>
              </th>
              <td>{money(s.priceCents)}</td>
              <td>{s.durationMin} min</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Weekly hours ({profile.timezone})</h3>
      <dl className="hours">
        {hours.map(({ day, spans }) => (
          <div key={day}>
            <dt>{WEEKDAYS[day]}</dt>
            <dd>{spans.length ? spans.map((h) => `${h.start}–${h.end}`).join(", ") : "closed"}</dd>
          </div>
        ))}
      </dl>
      {profile.timeOff.length ? (
        <>
          <h3>Time off</h3>
          <ul>
            {profile.timeOff.map((t) => (
              <li key={t.startsAt}>
                {when(t.startsAt, profile.timezone)} – {when(t.endsAt, profile.timezone)}
                {t.reason ? ` (${t.reason})` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {details.length ? (
        <dl className="details">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{DETAIL_LABELS[k] ?? k}</dt>
              <dd>{detailText(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
