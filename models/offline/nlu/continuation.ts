import type { Intent } from "./intents.js";
import { BOOKINGS_CUES, PROFILE_CUES } from "./lexicon/intent-cues.js";
import { findCategoryWords, findServiceMentions } from "./slots/services.js";
import { extractSlots } from "./slots.js";
import { tokenize } from "./text-normalise.js";

// Detection only needs to know that a time is there, not which: any instant and zone will do.
const DETECTION_CONTEXT = { now: new Date(Date.UTC(2026, 0, 7, 12)), timeZone: "UTC" };
const SHORT = 8;
const MEDIUM = 12;

const bookingsCue = new RegExp(`(?<![a-z])(?:${BOOKINGS_CUES})(?![a-z])`);
const profileCue = new RegExp(`(?<![a-z])(?:${PROFILE_CUES})(?![a-z])`);

/**
 * Whether a message reads as an answer to the last turn rather than a request of its own: short,
 * and carrying a yes/no, a pick ("the second one", a provider's name), a correction ("actually",
 * "instead"), or just a detail (a time, a budget, a zip, room counts).
 */
export function looksLikeFollowUp(
  text: string,
  options?: { id: string; name: string; index: number }[],
): boolean {
  const n = tokenize(text).length;
  if (n === 0 || n > MEDIUM) return false;
  const s = extractSlots(text, { ...DETECTION_CONTEXT, ...(options ? { options } : {}) });
  if (s.correction || s.reference) return true;
  if (n > SHORT) return false;
  return Boolean(
    s.act || s.when || s.budget || s.zip || s.bedrooms !== undefined || s.bathrooms !== undefined || s.rating,
  );
}

const CATEGORY_INTENTS = new Set<Intent>(["haircut", "cleaning", "plumbing"]);

/**
 * Whether the message opens a new topic despite looking like a follow-up: it names a service of
 * another category than the last intent's, or it is about bookings or a provider profile while
 * the conversation was not.
 */
export function changesTopic(text: string, previous: Intent, predicted: Intent): boolean {
  if (predicted === previous) return false;
  const lower = text.toLowerCase();
  const categories = new Set([
    ...findServiceMentions(lower).map((m) => m.category as Intent),
    ...findCategoryWords(lower).map((c) => c.category as Intent),
  ]);
  if (CATEGORY_INTENTS.has(predicted) && categories.has(predicted) && !categories.has(previous)) return true;
  if (predicted === "bookings" && bookingsCue.test(lower)) return true;
  if (predicted === "profile" && profileCue.test(lower)) return true;
  return false;
}
