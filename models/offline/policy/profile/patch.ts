import type { ProfilePatch } from "../../../../tools/profile-patch.js";
import type { Slots, WeeklyHours } from "../../nlu/slots.js";

/** Weekly hours the provider gave only one end of ("open till 7 on fridays"). */
export interface PartialHours {
  weekdays: number[];
  start?: string;
  end?: string;
}

export interface PatchReading {
  patch: ProfilePatch;
  partialHours: PartialHours[];
}

const MAX_RADIUS_KM = 100;

function serviceEntry(
  map: Map<string, NonNullable<ProfilePatch["setServices"]>[number]>,
  name: string,
): NonNullable<ProfilePatch["setServices"]>[number] {
  const key = name.toLowerCase();
  let entry = map.get(key);
  if (!entry) {
    entry = { name: name.slice(0, 80) };
    map.set(key, entry);
  }
  return entry;
}

function hoursToPatch(hours: WeeklyHours[], patch: ProfilePatch, partial: PartialHours[]): void {
  for (const h of hours) {
    if (h.break && h.start && h.end) {
      patch.addBreaks = [
        ...(patch.addBreaks ?? []),
        { ...(h.weekdays.length < 7 ? { weekdays: h.weekdays } : {}), start: h.start, end: h.end },
      ];
    } else if (h.closed) {
      patch.closedWeekdays = [...new Set([...(patch.closedWeekdays ?? []), ...h.weekdays])].sort(
        (x, y) => x - y,
      );
    } else if (h.start && h.end) {
      const set = patch.setHours ?? [];
      for (const weekday of h.weekdays) {
        const i = set.findIndex((x) => x.weekday === weekday);
        if (i >= 0) set.splice(i, 1);
        set.push({ weekday, start: h.start, end: h.end });
      }
      patch.setHours = set.sort((a, b) => a.weekday - b.weekday);
    } else {
      // One end ("I close at 3 on fridays"): the tool keeps the other end of the day's hours.
      partial.push({
        weekdays: h.weekdays,
        ...(h.start ? { start: h.start } : {}),
        ...(h.end ? { end: h.end } : {}),
      });
      const set = patch.setHours ?? [];
      for (const weekday of h.weekdays) {
        if (set.some((x) => x.weekday === weekday)) continue;
        set.push({ weekday, ...(h.start ? { start: h.start } : {}), ...(h.end ? { end: h.end } : {}) });
      }
      patch.setHours = set.sort((a, b) => a.weekday - b.weekday);
    }
  }
}

/**
 * A provider's message as an update_profile patch: prices, durations and new services become
 * `setServices` (one entry per service, named as the NLU names it, which the tool matches to the
 * provider's own service names), hours become `setHours` / `closedWeekdays`, time off, area
 * (already in km), bio and business name pass through. Hours with one end missing are returned
 * apart, to ask about.
 */
export function patchFromSlots(slots: Slots): PatchReading {
  const patch: ProfilePatch = {};
  const partialHours: PartialHours[] = [];
  const services = new Map<string, NonNullable<ProfilePatch["setServices"]>[number]>();
  for (const p of slots.prices ?? []) serviceEntry(services, p.service).priceCents = p.priceCents;
  for (const c of slots.priceChanges ?? [])
    serviceEntry(services, c.service).priceChangeCents = c.changeCents;
  for (const c of slots.pricePercentChanges ?? [])
    serviceEntry(services, c.service).priceChangePercent = c.percent;
  for (const d of slots.durations ?? []) serviceEntry(services, d.service).durationMin = d.durationMin;
  for (const a of slots.addServices ?? []) {
    const e = serviceEntry(services, a.name);
    e.added = true;
    if (a.priceCents !== undefined) e.priceCents = a.priceCents;
    if (a.durationMin !== undefined) e.durationMin = a.durationMin;
  }
  if (services.size > 0) patch.setServices = [...services.values()];
  if (slots.removeServices?.length) {
    const setNames = new Set(services.keys());
    const removed = slots.removeServices.filter((s) => !setNames.has(s.toLowerCase()));
    if (removed.length) patch.removeServices = removed;
  }
  if (slots.hours) hoursToPatch(slots.hours, patch, partialHours);
  if (slots.timeOff?.length) {
    patch.addTimeOff = slots.timeOff
      .filter((t) => new Date(t.end) > new Date(t.start))
      .map((t) => ({ startsAt: t.start, endsAt: t.end }));
    if (patch.addTimeOff.length === 0) delete patch.addTimeOff;
  }
  if (slots.serviceArea?.radiusKm !== undefined && slots.serviceArea.radiusKm > 0) {
    patch.serviceRadiusKm = Math.min(MAX_RADIUS_KM, slots.serviceArea.radiusKm);
  }
  const zip = slots.serviceArea?.zip ?? slots.zip;
  if (zip) patch.zip = zip;
  if (slots.bio && slots.bioAddition) patch.addToBio = slots.bio.slice(0, 1000);
  else if (slots.bio) patch.bio = slots.bio.slice(0, 4000);
  if (slots.name) patch.name = slots.name.slice(0, 120);
  if (slots.languages?.length) patch.languages = slots.languages.slice(0, 20);
  if (slots.specialties) patch.specialties = slots.specialties;
  return { patch, partialHours };
}

export function isEmptyPatch(p: ProfilePatch): boolean {
  return Object.values(p).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/** Later patches win field by field; lists of services and hours are merged by name and weekday. */
export function mergePatches(a: ProfilePatch, b: ProfilePatch): ProfilePatch {
  const out: ProfilePatch = { ...a, ...b };
  if (a.setServices || b.setServices) {
    const map = new Map<string, NonNullable<ProfilePatch["setServices"]>[number]>();
    for (const s of [...(a.setServices ?? []), ...(b.setServices ?? [])]) {
      const key = s.name.toLowerCase();
      map.set(key, { ...map.get(key), ...s });
    }
    out.setServices = [...map.values()];
  }
  if (a.setHours || b.setHours) {
    const map = new Map<number, NonNullable<ProfilePatch["setHours"]>[number]>();
    for (const h of [...(a.setHours ?? []), ...(b.setHours ?? [])]) map.set(h.weekday, h);
    out.setHours = [...map.values()].sort((x, y) => x.weekday - y.weekday);
  }
  if (a.closedWeekdays || b.closedWeekdays) {
    const reopened = new Set((b.setHours ?? []).map((h) => h.weekday));
    out.closedWeekdays = [...new Set([...(a.closedWeekdays ?? []), ...(b.closedWeekdays ?? [])])]
      .filter((d) => !reopened.has(d) || (b.closedWeekdays ?? []).includes(d))
      .sort((x, y) => x - y);
  }
  if (a.addTimeOff || b.addTimeOff) out.addTimeOff = [...(a.addTimeOff ?? []), ...(b.addTimeOff ?? [])];
  if (a.addBreaks || b.addBreaks) out.addBreaks = [...(a.addBreaks ?? []), ...(b.addBreaks ?? [])];
  if (a.removeServices || b.removeServices)
    out.removeServices = [...new Set([...(a.removeServices ?? []), ...(b.removeServices ?? [])])];
  return out;
}
