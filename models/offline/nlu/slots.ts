import { extractBudget } from "./slots/budget.js";
import { extractCatalogue } from "./slots/catalogue.js";
import { extractAct, extractCorrection } from "./slots/dialogue-acts.js";
import { extractDropped } from "./slots/dropped.js";
import { extractHours } from "./slots/hours.js";
import { extractLanguages, extractSpecialties } from "./slots/languages.js";
import { extractServiceArea, extractZip } from "./slots/location.js";
import { extractProfileText } from "./slots/profile-text.js";
import { extractProviderName } from "./slots/provider-name.js";
import {
  extractNamedOption,
  extractNumberedPick,
  extractPricePick,
  extractReference,
} from "./slots/reference.js";
import { extractReview } from "./slots/review.js";
import { extractRooms } from "./slots/rooms.js";
import { extractServiceAndCategory } from "./slots/services.js";
import { extractTimeOff } from "./slots/time-off.js";
import type { SlotContext, Slots } from "./slots/types.js";
import { extractUrgent } from "./slots/urgency.js";
import { extractWhen } from "./slots/when.js";
import { WorkingText } from "./slots/working-text.js";
import { normaliseSpacing } from "./text-normalise.js";

export type { Reference, ShownOption, SlotContext, Slots, TimeWindow, WeeklyHours } from "./slots/types.js";

/**
 * Reads every slot from one message. Extractors run in a fixed order and consume what they
 * understand, so each span feeds one slot: free text (bio, name) first, then provider names,
 * weekly hours, time off, service area, durations and prices, budget, rooms, zip, and the time
 * window last; services, acts and references read what is left. Deterministic; never throws on
 * odd input. `ctx.now` and `ctx.timeZone` fix every date, whatever the process TZ.
 */
export function extractSlots(text: string, ctx: SlotContext): Slots {
  const original = normaliseSpacing(text);
  const lower = original.toLowerCase();
  const slots: Slots = {};
  const w = new WorkingText(lower);

  const profileText = extractProfileText(lower, original);
  if (profileText.bio) slots.bio = profileText.bio;
  if (profileText.bioAddition) slots.bioAddition = true;
  if (profileText.name) slots.name = profileText.name;
  for (const s of profileText.spans) w.consume(s.start, s.end);

  const review = extractReview(w.value, original);
  if (review.rating !== undefined) slots.rating = review.rating;
  if (review.reviewText) slots.reviewText = review.reviewText;
  if (review.span) w.consume(review.span.start, review.span.end);

  const picked =
    extractNamedOption(w, ctx.options) ??
    extractNumberedPick(w, ctx.options) ??
    extractPricePick(w, ctx.options);
  // A name of a business nobody has shown yet; read on the original case, before anything is consumed.
  if (!picked && ctx.role !== "provider" && !slots.name) {
    const providerName = extractProviderName(original);
    if (providerName) slots.providerName = providerName;
  }

  if (ctx.role === "provider") {
    const specialties = extractSpecialties(w, original);
    if (specialties) slots.specialties = specialties;
    const languages = extractLanguages(w);
    if (languages) slots.languages = languages;
  }

  const hours = extractHours(w);
  if (hours) slots.hours = hours;
  if (ctx.role !== "consumer") {
    const timeOff = extractTimeOff(w, ctx);
    if (timeOff) slots.timeOff = timeOff;
  }
  const area = extractServiceArea(w);
  if (area) slots.serviceArea = area;

  const catalogue = extractCatalogue(w, ctx.role);
  Object.assign(slots, catalogue);

  const rooms = extractRooms(w);
  Object.assign(slots, rooms);

  const zip = extractZip(w);
  if (zip) slots.zip = zip;

  // A message that sets weekly hours or time off names no time to book.
  const when = hours || slots.timeOff ? undefined : extractWhen(w, ctx, original);
  if (when) slots.when = when;

  const budget = extractBudget(w);
  if (budget) slots.budget = budget;

  const dropped = extractDropped(w);
  if (dropped) slots.dropped = dropped;
  const { service, category, variant } = extractServiceAndCategory(w.value);
  if (category) slots.category = category;
  if (service) slots.service = service;
  if (variant) slots.serviceVariant = variant;

  if (ctx.role !== "provider" && extractUrgent(lower)) slots.urgent = true;
  const reference = picked ?? extractReference(w, ctx.options);
  if (reference) slots.reference = reference;
  const act = extractAct(lower);
  if (act) slots.act = act;
  if (extractCorrection(lower)) slots.correction = true;
  return slots;
}
