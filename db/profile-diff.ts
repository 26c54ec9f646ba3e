import { wallClockAt } from "../core/zoned-time.js";
import type { HoursItem, ProviderProfile } from "./provider-profile.js";

export interface ProfileChange {
  field: string;
  from: string | null;
  to: string | null;
}

const DAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function formatCents(cents: number): string {
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

function hoursOfDay(hours: HoursItem[], weekday: number): string | null {
  const spans = hours.filter((h) => h.weekday === weekday).map((h) => `${h.start}–${h.end}`);
  return spans.length ? spans.join(", ") : null;
}

const DAY_MS = 86_400_000;

/**
 * "Dec 20 – Jan 3" for whole days off (an end at midnight is the day before's end), "Fri, Dec 4,
 * 2:00 PM – 6:00 PM" for part of one, in the provider's own zone.
 */
export function timeOffText(t: { startsAt: string; endsAt: string }, timeZone: string): string {
  const start = new Date(t.startsAt);
  const end = new Date(t.endsAt);
  const midnight = (d: Date) => {
    const w = wallClockAt(d, timeZone);
    return w.hour === 0 && w.minute === 0;
  };
  const day = (d: Date) =>
    d.toLocaleDateString("en-US", { timeZone, month: "short", day: "numeric", year: "numeric" });
  const time = (d: Date) => d.toLocaleTimeString("en-US", { timeZone, hour: "numeric", minute: "2-digit" });
  if (midnight(start) && midnight(end)) {
    const last = new Date(end.getTime() - 1);
    return end.getTime() - start.getTime() <= DAY_MS ? day(start) : `${day(start)} – ${day(last)}`;
  }
  const sameDay = day(start) === day(end);
  return sameDay
    ? `${day(start)}, ${time(start)} – ${time(end)}`
    : `${day(start)}, ${time(start)} – ${day(end)}, ${time(end)}`;
}

/**
 * What changed between two versions of a profile, field by field, in words a provider reads in a
 * confirmation ("Skin Fade: $40 → $45", "Mon: 09:00–17:00 → closed").
 */
export function diffProfiles(before: ProviderProfile | undefined, after: ProviderProfile): ProfileChange[] {
  const changes: ProfileChange[] = [];
  const scalar = (field: string, a: string | number | undefined, b: string | number) => {
    if (a === undefined || String(a) !== String(b))
      changes.push({ field, from: a === undefined ? null : String(a), to: String(b) });
  };
  scalar("name", before?.name, after.name);
  scalar("category", before?.category, after.category);
  scalar("zip", before?.zip, after.zip);
  scalar("service radius (km)", before?.serviceRadiusKm, after.serviceRadiusKm);
  scalar("time zone", before?.timezone, after.timezone);
  if ((before?.bio ?? "") !== after.bio)
    changes.push({ field: "bio", from: before?.bio || null, to: after.bio || null });

  const describe = (s: { priceCents: number; durationMin: number }) =>
    `${formatCents(s.priceCents)}, ${s.durationMin} min`;
  const old = new Map((before?.services ?? []).map((s) => [s.id, s]));
  for (const s of after.services) {
    const prev = old.get(s.id);
    old.delete(s.id);
    if (!prev) changes.push({ field: `service ${s.name}`, from: null, to: describe(s) });
    else if (prev.name !== s.name)
      changes.push({ field: `service ${prev.name}`, from: prev.name, to: s.name });
    if (prev && describe(prev) !== describe(s))
      changes.push({ field: `service ${s.name}`, from: describe(prev), to: describe(s) });
    if (prev && prev.description !== s.description)
      changes.push({
        field: `service ${s.name} description`,
        from: prev.description || null,
        to: s.description || null,
      });
  }
  for (const s of old.values()) changes.push({ field: `service ${s.name}`, from: describe(s), to: null });

  for (let d = 0; d < 7; d++) {
    const a = before ? hoursOfDay(before.weeklyHours, d) : null;
    const b = hoursOfDay(after.weeklyHours, d);
    if (a !== b)
      changes.push({ field: `hours ${DAY[d]}`, from: a ?? (before ? "closed" : null), to: b ?? "closed" });
  }
  const off = (p: ProviderProfile | undefined) =>
    (p?.timeOff ?? []).map((t) => timeOffText(t, after.timezone)).join(", ");
  if (off(before) !== off(after))
    changes.push({ field: "time off", from: off(before) || null, to: off(after) || null });
  if (JSON.stringify(before?.details ?? {}) !== JSON.stringify(after.details))
    changes.push({
      field: "details",
      from: before ? JSON.stringify(before.details) : null,
      to: JSON.stringify(after.details),
    });
  return changes;
}
