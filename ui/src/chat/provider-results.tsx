import type { ProviderOption } from "../api/types.js";
import { dayOf, money, timeOf } from "../common/format.js";
import type { SearchResult } from "./chat-state.js";

type Slot = ProviderOption["nextSlots"][number];

/** Slots grouped by their day ("Fri, Nov 27"), in order. */
function byDay(slots: Slot[], timeZone: string): [string, Slot[]][] {
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = dayOf(s.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days];
}

/**
 * Provider cards under a reply: name, rating, the matching service and its price, next free
 * slots, and a way to choose. They come with the search's own result (the tool_result event's
 * data), so they are the options the agent lists, in its order, with no extra requests.
 */
export function ProviderResults({
  search,
  timeZone,
  onChoose,
  disabled,
}: {
  search: SearchResult;
  timeZone: string;
  onChoose: (name: string) => void;
  disabled: boolean;
}) {
  if (!search.providers.length) return null;
  return (
    <ul className="provider-cards" aria-label={`Providers for “${search.query}”`}>
      {search.providers.map((c) => (
        <li key={c.providerId}>
          <article className="provider-card" aria-labelledby={`card-${search.key}-${c.providerId}`}>
            <h3 id={`card-${search.key}-${c.providerId}`}>
              <span className="muted">{c.option}.</span> {c.name}
            </h3>
            <p className="card-meta">
              <span>
                <span aria-hidden="true">★</span> {c.rating.toFixed(1)}
                <span className="visually-hidden"> out of 5</span>
              </span>
              <span>
                {c.reviewCount} review{c.reviewCount === 1 ? "" : "s"}
              </span>
              {c.distanceKm !== null ? <span>{c.distanceKm.toFixed(1)} km</span> : null}
            </p>
            <p className="card-price">
              {c.service.name} <strong>{money(c.service.priceCents)}</strong>
            </p>
            {c.nextSlots.length ? (
              <div className="card-slots">
                <span className="muted">Next free:</span>
                {byDay(c.nextSlots, c.timezone || timeZone).map(([day, slots]) => (
                  <p key={day}>
                    {day}:{" "}
                    {slots.map((slot) => (
                      <span className="slot" key={slot.startsAt}>
                        {timeOf(slot.startsAt, c.timezone || timeZone)}
                      </span>
                    ))}
                  </p>
                ))}
              </div>
            ) : (
              <p className="card-slots muted">No free slot soon</p>
            )}
            <button type="button" onClick={() => onChoose(c.name)} disabled={disabled}>
              Choose <span className="visually-hidden">{c.name}</span>
            </button>
          </article>
        </li>
      ))}
    </ul>
  );
}
