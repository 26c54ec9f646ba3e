import { z } from "zod";
import { CATEGORIES } from "../core/categories.js";
import { diffProfiles, formatCents, type ProfileChange } from "../db/profile-diff.js";
import type { ProfileInput, ProviderProfile } from "../db/provider-profile.js";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");

/** A change a provider asks for by chat; everything left out stays as it is. */
export const profilePatchSchema = z.object({
  name: z.string().min(1).max(120).optional().describe("business name"),
  category: z.enum(CATEGORIES).optional().describe("only when enrolling"),
  bio: z.string().max(4000).optional().describe("the new bio, whole"),
  addToBio: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('words added at the end of the current bio ("add to my bio that we do walk-ins")'),
  zip: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  serviceRadiusKm: z.number().positive().max(100).optional(),
  setServices: z
    .array(
      z.object({
        name: z
          .string()
          .min(1)
          .max(80)
          .describe("service name; an existing service with this name (or its main word) is updated"),
        priceCents: z.number().int().min(0).max(10_000_000).optional(),
        priceChangeCents: z
          .number()
          .int()
          .min(-10_000_000)
          .max(10_000_000)
          .optional()
          .describe(
            'changes an existing service\'s price by this amount instead (negative lowers it): "knock $20 off"',
          ),
        priceChangePercent: z
          .number()
          .min(-90)
          .max(500)
          .optional()
          .describe(
            'changes the price of every existing service this name covers by a percentage instead: "deep cleans are 20% more" is 20 for each deep clean',
          ),
        durationMin: z.number().int().min(5).max(720).optional(),
        description: z.string().max(1000).optional(),
        added: z
          .boolean()
          .optional()
          .describe(
            'a service the provider starts offering ("I also do X now"): only one of the same name is updated, never a shorter one',
          ),
      }),
    )
    .max(20)
    .optional()
    .describe("services to add or change"),
  removeServices: z
    .array(z.string().min(1))
    .max(20)
    .optional()
    .describe("names of services no longer offered"),
  setHours: z
    .array(
      z
        .object({
          weekday: z.number().int().min(0).max(6).describe("0 = Sunday"),
          start: hhmm.optional().describe("left out: the day's current opening time stays"),
          end: hhmm.optional().describe("left out: the day's current closing time stays"),
        })
        .refine((h) => h.start !== undefined || h.end !== undefined, "give start, end or both"),
    )
    .max(14)
    .optional()
    .describe(
      'opening hours for these weekdays (replacing those days\' hours); "I close at 3 on fridays" gives end only',
    ),
  closedWeekdays: z
    .array(z.number().int().min(0).max(6))
    .max(7)
    .optional()
    .describe("weekdays the provider no longer works, 0 = Sunday"),
  addBreaks: z
    .array(
      z.object({
        weekdays: z
          .array(z.number().int().min(0).max(6))
          .max(7)
          .optional()
          .describe("0 = Sunday; left out: every day the provider works"),
        start: hhmm,
        end: hhmm,
      }),
    )
    .max(7)
    .optional()
    .describe(
      'a break in the working day ("I take lunch 12 to 1"): those days\' hours are split around it, not replaced',
    ),
  addTimeOff: z
    .array(
      z.object({
        startsAt: z.iso.datetime({ offset: true }),
        endsAt: z.iso.datetime({ offset: true }),
        reason: z.string().max(200).optional(),
      }),
    )
    .max(10)
    .optional(),
  specialties: z.string().max(500).optional(),
  languages: z.array(z.string().min(1).max(40)).max(20).optional(),
});
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/**
 * A patch that cannot apply as said: `code` and `details` are what the tool answers with, so the
 * model can ask for what is missing or say why.
 */
export class PatchRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class MissingProfileFields extends PatchRefused {
  constructor(readonly fields: string[]) {
    super("missing_fields", `To create the profile, ask for: ${fields.join(", ")}.`, { fields });
  }
}

/** A price change by an amount that cannot apply: to a service the provider does not have, or below zero. */
export class InvalidPriceChange extends PatchRefused {
  constructor(message: string, details: { services: string[] } | { service: string; priceCents: number }) {
    super("invalid_price_change", message, details);
  }
}

/** A change by an amount or a share for a service the provider does not have: their services are named. */
function noSuchService(existing: readonly { name: string }[], name: string, by: string): InvalidPriceChange {
  const names = existing.map((s) => s.name);
  return new InvalidPriceChange(
    `There is no service called "${name}" to change by ${by}; the services are: ${names.join(", ") || "none yet"}.`,
    { services: names },
  );
}

/** Hours given by one end for a day the provider has no hours on: the other end must be asked for. */
export class MissingHours extends PatchRefused {
  constructor(weekdays: number[]) {
    super(
      "missing_hours",
      "There are no current hours on these weekdays to keep the other end of: ask for the full hours.",
      { weekdays },
    );
  }
}

/** Hours that end before they start, once the end left out is filled in ("close at 8" when open at 9). */
export class InvalidHours extends PatchRefused {
  constructor(weekday: number, start: string, end: string) {
    super(
      "invalid_hours",
      `Hours on weekday ${weekday} would be ${start}–${end}: they must end after they start.`,
      { weekday, start, end },
    );
  }
}

/** `setHours` with both ends: an end left out is that weekday's current one. */
function fullHours(
  setHours: NonNullable<ProfilePatch["setHours"]>,
  current: readonly { weekday: number; start: string; end: string }[],
): { weekday: number; start: string; end: string }[] {
  const missing = setHours.filter(
    (h) => !current.some((c) => c.weekday === h.weekday) && !(h.start && h.end),
  );
  if (missing.length) throw new MissingHours(missing.map((h) => h.weekday));
  return setHours.map((h) => {
    const day = current.filter((c) => c.weekday === h.weekday);
    const start = h.start ?? day.map((c) => c.start).sort()[0]!;
    const end =
      h.end ??
      day
        .map((c) => c.end)
        .sort()
        .at(-1)!;
    if (start >= end) throw new InvalidHours(h.weekday, start, end);
    return { weekday: h.weekday, start, end };
  });
}

/** A break that falls outside a day's hours, or leaves nothing of them ("lunch 12 to 1" when open 9 to 11). */
export class InvalidBreak extends PatchRefused {
  constructor(start: string, end: string) {
    super(
      "invalid_break",
      `A break from ${start} to ${end} falls outside the hours of the days it is for, or takes all of them.`,
      { start, end },
    );
  }
}

/** Each day's hours split around the breaks that fall inside them. */
function withBreaks(
  hours: { weekday: number; start: string; end: string }[],
  breaks: NonNullable<ProfilePatch["addBreaks"]>,
): { weekday: number; start: string; end: string }[] {
  let out = hours;
  for (const b of breaks) {
    if (b.start >= b.end) throw new InvalidBreak(b.start, b.end);
    const days = new Set(b.weekdays ?? [0, 1, 2, 3, 4, 5, 6]);
    let split = false;
    out = out.flatMap((h) => {
      if (!days.has(h.weekday) || b.end <= h.start || b.start >= h.end) return [h];
      split = true;
      return [
        { weekday: h.weekday, start: h.start, end: b.start },
        { weekday: h.weekday, start: b.end, end: h.end },
      ].filter((part) => part.start < part.end);
    });
    if (!split) throw new InvalidBreak(b.start, b.end);
  }
  return out;
}

/** The whole profile document after a patch: what `saveProviderProfile` writes. */
export function applyProfilePatch(
  before: ProviderProfile | undefined,
  patch: ProfilePatch,
  defaultTimeZone?: string,
): ProfileInput {
  if (!before) {
    const missing = (["name", "category", "zip"] as const).filter((k) => !patch[k]);
    if (missing.length) throw new MissingProfileFields(missing);
  }
  const existing = before?.services ?? [];
  const services = existing.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    priceCents: s.priceCents,
    durationMin: s.durationMin,
  }));
  for (const name of patch.removeServices ?? []) {
    const hit = closestService(existing, name);
    const i = hit ? services.findIndex((s) => s.id === hit.id) : -1;
    if (i >= 0) services.splice(i, 1);
  }
  for (const change of patch.setServices ?? []) {
    // Only services that existed before this patch can be the one meant: two new services in one
    // patch ("regular clean", "deep clean") must not merge.
    if (change.priceCents === undefined && change.priceChangePercent !== undefined) {
      // "Deep cleans are 20% more": every size of deep clean, not the first one found.
      const covered = servicesCovering(existing, change.name)
        .map((c) => services.find((s) => s.id === c.id))
        .filter((s) => s !== undefined);
      if (!covered.length) throw noSuchService(existing, change.name, "a percentage");
      for (const s of covered) {
        s.priceCents = Math.round((s.priceCents * (100 + change.priceChangePercent)) / 100);
        s.durationMin = change.durationMin ?? s.durationMin;
      }
      continue;
    }
    const hit = change.added ? sameService(existing, change.name) : closestService(existing, change.name);
    const target = hit && services.find((s) => s.id === hit.id);
    if (change.priceCents === undefined && change.priceChangeCents !== undefined) {
      if (!target) throw noSuchService(existing, change.name, "an amount");
      const priceCents = target.priceCents + change.priceChangeCents;
      if (priceCents < 0) {
        throw new InvalidPriceChange(
          `${target.name} costs ${formatCents(target.priceCents)}; it cannot go down by ${formatCents(-change.priceChangeCents)}.`,
          { service: target.name, priceCents: target.priceCents },
        );
      }
      target.priceCents = priceCents;
    }
    if (target) {
      target.priceCents = change.priceCents ?? target.priceCents;
      target.durationMin = change.durationMin ?? target.durationMin;
      target.description = change.description ?? target.description;
    } else {
      services.push({
        id: undefined as unknown as string,
        name: titleCase(change.name),
        description: change.description ?? "",
        priceCents: change.priceCents ?? 0,
        durationMin: change.durationMin ?? 60,
      });
    }
  }
  const setHours = fullHours(patch.setHours ?? [], before?.weeklyHours ?? []);
  const setDays = new Set(setHours.map((h) => h.weekday));
  const closed = new Set(patch.closedWeekdays ?? []);
  const weeklyHours = withBreaks(
    [
      ...(before?.weeklyHours ?? []).filter((h) => !setDays.has(h.weekday) && !closed.has(h.weekday)),
      ...setHours.filter((h) => !closed.has(h.weekday)),
    ],
    patch.addBreaks ?? [],
  ).sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  const timeOff = patch.addTimeOff
    ? [
        ...(before?.timeOff ?? []),
        ...patch.addTimeOff.map((t) => ({
          startsAt: t.startsAt,
          endsAt: t.endsAt,
          reason: t.reason ?? null,
        })),
      ]
    : undefined;
  const details = { ...(before?.details ?? {}) };
  if (patch.specialties !== undefined) details.specialties = patch.specialties;
  if (patch.languages !== undefined) details.languages = patch.languages;
  return {
    name: patch.name ?? before!.name,
    category: before?.category ?? patch.category!,
    bio: withAddition(patch.bio ?? before?.bio ?? "", patch.addToBio),
    zip: patch.zip ?? before!.zip,
    serviceRadiusKm: patch.serviceRadiusKm ?? before?.serviceRadiusKm ?? 15,
    timezone: before?.timezone ?? defaultTimeZone,
    services: services.map(({ id, ...rest }) => (id ? { id, ...rest } : rest)),
    weeklyHours,
    ...(timeOff ? { timeOff } : {}),
    details,
  };
}

/** The changes a patch would make, as the confirmation shows them. */
export function previewChanges(before: ProviderProfile | undefined, input: ProfileInput): ProfileChange[] {
  const after: ProviderProfile = {
    id: before?.id ?? "new",
    name: input.name,
    category: input.category,
    bio: input.bio ?? "",
    zip: input.zip,
    serviceRadiusKm: input.serviceRadiusKm ?? 15,
    timezone: input.timezone ?? before?.timezone ?? "",
    services: input.services.map((s, i) => ({
      id: s.id ?? `new-${i}`,
      name: s.name,
      description: s.description ?? "",
      priceCents: s.priceCents,
      durationMin: s.durationMin,
    })),
    weeklyHours: input.weeklyHours,
    timeOff: (input.timeOff ?? before?.timeOff ?? []).map((t) => ({
      startsAt: new Date(t.startsAt).toISOString(),
      endsAt: new Date(t.endsAt).toISOString(),
      reason: t.reason ?? null,
    })),
    details: input.details ?? {},
    rating: before?.rating ?? 0,
    reviewCount: before?.reviewCount ?? 0,
  };
  return diffProfiles(before, after);
}

/** Words that name a kind of service in every trade and so tell two services apart not at all. */
const GENERIC = new Set([
  "clean",
  "cleaning",
  "repair",
  "cut",
  "service",
  "install",
  "installation",
  "the",
  "and",
  "for",
  "new",
]);

function words(s: string): string[] {
  return (
    s
      .toLowerCase()
      .replace(/colour/g, "color")
      // "Move-In" and "move-out" are different jobs: their short second word must count.
      .replace(/\b(move|check)[\s-]+(in|out)\b/g, "$1$2")
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2)
      .map((w) => w.replace(/s$/, ""))
  );
}

/** The words of a service name that tell it from others of its trade. */
function distinctive(name: string): string[] {
  return words(name).filter((w) => !GENERIC.has(w));
}

/** "clog" and "unclog", "install" and "installation": one word under two endings or prefixes. */
const sameWord = (a: string, b: string) =>
  a === b || (a.length > 3 && b.includes(a)) || (b.length > 3 && a.includes(b));

/**
 * The existing service a provider names: the same name, or else one whose distinguishing words
 * all appear in the other ("fade" → "Skin Fade", "drain clog" → "Drain Unclog"), closest first.
 * Sharing a word is not enough: "water softener installation" is not "Water Heater Install".
 */
function closestService<S extends { name: string }>(services: readonly S[], name: string): S | undefined {
  const exact = services.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  const wanted = distinctive(name);
  if (wanted.length === 0) return undefined;
  let best: { service: S; shared: number; extra: number } | undefined;
  for (const s of services) {
    const have = distinctive(s.name);
    const shared = wanted.filter((w) => have.some((h) => sameWord(w, h))).length;
    const covered = have.filter((h) => wanted.some((w) => sameWord(w, h))).length;
    if (shared === 0 || (shared < wanted.length && covered < have.length)) continue;
    const extra = have.length - covered;
    if (!best || shared > best.shared || (shared === best.shared && extra < best.extra)) {
      best = { service: s, shared, extra };
    }
  }
  return best?.service;
}

/**
 * Every existing service a name covers: all that have each of its distinguishing words ("deep
 * clean" covers "Deep Clean" and "Deep Clean (4+ bedrooms)"), or the one of that very name.
 */
function servicesCovering<S extends { name: string }>(services: readonly S[], name: string): S[] {
  const wanted = distinctive(name);
  if (wanted.length === 0) return services.filter((s) => s.name.toLowerCase() === name.toLowerCase());
  return services.filter((s) => {
    const have = distinctive(s.name);
    return wanted.every((w) => have.some((h) => sameWord(w, h)));
  });
}

/** The existing service with the same name, or the same distinguishing words in another form. */
function sameService<S extends { name: string }>(services: readonly S[], name: string): S | undefined {
  const wanted = distinctive(name);
  return services.find((s) => {
    if (s.name.toLowerCase() === name.toLowerCase()) return true;
    const have = distinctive(s.name);
    return (
      have.length === wanted.length &&
      wanted.length > 0 &&
      wanted.every((w) => have.some((h) => sameWord(w, h)))
    );
  });
}

/** The bio with a sentence added at its end, as a sentence. */
function withAddition(bio: string, addition: string | undefined): string {
  const words = addition?.trim();
  if (!words) return bio;
  const sentence = `${words[0]!.toUpperCase()}${words.slice(1)}${/[.!?]$/.test(words) ? "" : "."}`;
  const base = bio.trim();
  return (base ? `${base}${/[.!?]$/.test(base) ? "" : "."} ${sentence}` : sentence).slice(0, 4000);
}

function titleCase(s: string): string {
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}
