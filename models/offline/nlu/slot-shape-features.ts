import type { Slots } from "./slots/types.js";
import { extractSlots } from "./slots.js";

// Detection only needs to know a slot is there, not its value: any instant and zone will do.
const SHAPE_CONTEXT = { now: new Date(Date.UTC(2026, 0, 7, 12)), timeZone: "UTC" };
// Already features of their own (lexicon hits).
const SKIP = new Set<keyof Slots>([
  "category",
  "service",
  "serviceVariant",
  "languages",
  "specialties",
  "providerName",
]);

/**
 * Which kinds of slot a message fills, as classifier features: a price list or opening hours
 * mean a provider's profile, a star rating a review of a booking, room counts a cleaning,
 * whatever the words around them.
 */
export function slotShapeKeys(text: string, role?: "consumer" | "provider"): string[] {
  const slots = extractSlots(text, role ? { ...SHAPE_CONTEXT, role } : SHAPE_CONTEXT);
  return (Object.keys(slots) as (keyof Slots)[]).filter((k) => !SKIP.has(k)).map((k) => `slot:${k}`);
}
