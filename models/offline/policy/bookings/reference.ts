import { BOOKING_NOUNS, NOT_A_NAME } from "../../nlu/lexicon/references.js";
import type { Slots, TimeWindow } from "../../nlu/slots.js";
import { normaliseSpacing, normaliseText } from "../../nlu/text-normalise.js";
import type { DialogueNlu } from "../nlu.js";
import { matchTime } from "../time-match.js";
import type { BookingView } from "../tool-results.js";

export interface BookingWords {
  /** Slots of the words that say which booking ("my haircut on friday"). */
  which: Slots;
  /** The time to move it to, for a reschedule ("… to monday at 3"). */
  target: TimeWindow | undefined;
}

// "move my friday cut to monday at 3": what follows the last "to"/"for" names the new time.
const TARGET_SPLIT = /\s(?:to|until|till|for|into|over to)\s(?!(?:my|a|an|it|me)\b)/gi;

/**
 * Splits a message about an existing booking into the words that pick it and the new time. The
 * booking's provider names are offered to the NLU so that "the Fresh Fades one" resolves.
 */
export function readBookingWords(
  nlu: DialogueNlu,
  text: string,
  bookings: readonly BookingView[],
  ctx: { now: Date; timeZone: string },
  reschedule: boolean,
): BookingWords {
  const options = uniqueProviders(bookings).map((b, i) => ({
    index: i + 1,
    id: b.providerId,
    name: b.providerName,
  }));
  const slotCtx = { ...ctx, role: "consumer" as const, ...(options.length ? { options } : {}) };
  if (!reschedule) return { which: nlu.slots(text, slotCtx), target: undefined };
  const cuts = [...text.matchAll(TARGET_SPLIT)];
  const cut = cuts.at(-1);
  if (!cut || cut.index === undefined) {
    const all = nlu.slots(text, slotCtx);
    return { which: { ...all, when: undefined }, target: all.when };
  }
  const which = nlu.slots(text.slice(0, cut.index), slotCtx);
  const target = nlu.slots(text.slice(cut.index + cut[0].length), slotCtx).when;
  return { which, target };
}

function uniqueProviders(bookings: readonly BookingView[]): BookingView[] {
  const seen = new Set<string>();
  return bookings.filter((b) => {
    if (seen.has(b.providerId)) return false;
    seen.add(b.providerId);
    return true;
  });
}

const SERVICE_STOP = new Set(["the", "and", "with", "for", "my", "clean", "cut"]);

function serviceWords(s: string): string[] {
  return normaliseText(s)
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && !SERVICE_STOP.has(w))
    .map((w) => w.replace(/s$/, ""));
}

/**
 * The bookings the words point at: by position in the list shown, by provider, by category or
 * service, and by day or time. Each clue narrows the list; none leaves it whole.
 */
export function matchBookings(
  words: Slots,
  bookings: readonly BookingView[],
  timeZone: string,
  listShown: boolean,
): BookingView[] {
  const ref = words.reference;
  if (ref?.kind === "ordinal" && listShown) {
    const b = bookings[ref.index < 0 ? bookings.length - 1 : ref.index - 1];
    return b ? [b] : [];
  }
  let found = [...bookings];
  if (ref?.kind === "option") found = found.filter((b) => b.providerId === ref.id);
  if (words.category) {
    const byCategory = found.filter((b) => b.category === words.category);
    const wanted = words.service ? serviceWords(words.service) : [];
    const byService = byCategory.filter((b) => serviceWords(b.serviceName).some((w) => wanted.includes(w)));
    found = byService.length > 0 ? byService : byCategory;
  }
  if (words.when) found = matchTime(found, words.when, timeZone);
  if (ref?.kind === "earliest")
    found = found
      .slice()
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .slice(0, 1);
  if (ref?.kind === "latest")
    found = found
      .slice()
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
      .slice(0, 1);
  if (ref?.kind === "cheapest")
    found = found
      .slice()
      .sort((a, b) => a.priceCents - b.priceCents)
      .slice(0, 1);
  return found;
}

const POSSESSIVE = new RegExp(
  `\\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)'s?\\b(?=\\s+(?:\\w+\\s+){0,2}?(?:${BOOKING_NOUNS}|reservation|review|slot)s?\\b)`,
  "g",
);
/**
 * Someone's booking named by a person's name ("cancel John's haircut") that is not one of the
 * user's providers: another person's booking, which the user cannot act on.
 */
export function namesSomeoneElse(text: string, bookings: readonly BookingView[]): string | undefined {
  const providers = bookings.map((b) => normaliseText(b.providerName));
  for (const m of normaliseSpacing(text).matchAll(POSSESSIVE)) {
    const who = m[1]!;
    if (NOT_A_NAME.test(who)) continue;
    const lower = who.toLowerCase();
    if (providers.some((p) => p.includes(lower))) continue;
    return who;
  }
  return undefined;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** An id typed by the user that is not one of their own bookings: never acted on. */
export function foreignId(text: string, bookings: readonly BookingView[]): string | undefined {
  const mine = new Set(bookings.map((b) => b.bookingId.toLowerCase()));
  return [...text.matchAll(UUID)].map((m) => m[0].toLowerCase()).find((id) => !mine.has(id));
}
