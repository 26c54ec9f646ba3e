import type { Reference } from "../../nlu/slots.js";
import { money, orList, pick, ratingText, slotTimes } from "../nlg.js";
import type { CategoryAgent } from "../routing.js";
import type { OfferView, SlotView } from "../tool-results.js";
import type { ConsumerForm, FormField } from "./form.js";
import type { KnownProvider } from "./shown.js";

const NOUN: Record<CategoryAgent, string> = { haircut: "barber", cleaning: "cleaner", plumbing: "plumber" };

export function providerNoun(c: CategoryAgent): string {
  return NOUN[c];
}

/** "a fade", "a deep clean (2 bed, 1 bath)", "your leak repair". */
export function jobPhrase(form: ConsumerForm): string {
  const s = form.service ?? form.category;
  const rooms =
    form.bedrooms !== undefined
      ? ` (${form.bedrooms === 0 ? "studio" : `${form.bedrooms} bed`}${form.bathrooms !== undefined ? `, ${form.bathrooms} bath` : ""})`
      : "";
  const article = /^[aeiou]/.test(s) ? "an" : "a";
  return form.category === "plumbing" ? `your ${s}${rooms}` : `${article} ${s}${rooms}`;
}

export function askFor(field: FormField, form: ConsumerForm, seed: string): string {
  if (field === "service") {
    if (form.category === "haircut")
      return pick(seed, [
        "Sure! What would you like: a haircut, a fade, a beard trim, or something else?",
        "Happy to help. What should it be: a cut, a fade, a beard trim, colour…?",
      ]);
    if (form.category === "cleaning")
      return pick(seed, [
        "Sure! What kind of clean: a regular clean, a deep clean, or a move-out clean?",
        "Happy to help. Is it a regular clean, a deep clean, or a move-in/move-out clean?",
      ]);
    return pick(seed, [
      "Sorry to hear that. What's going on: a leak, a clog, the water heater, the toilet? A few words are enough.",
      "Let's get that fixed. What's the problem: a leak, a blocked drain, a water heater, a toilet?",
    ]);
  }
  if (field === "rooms") {
    return pick(seed, [
      "How many bedrooms and bathrooms does the place have?",
      "How big is the place: how many bedrooms and bathrooms?",
    ]);
  }
  return pick(seed, [
    "What's the zip code where you need it?",
    `Which zip code should I search near for ${jobPhrase(form)}?`,
  ]);
}

function optionLine(p: KnownProvider, i: number, offset = 0): string {
  const slots = p.slots.length ? `free ${slotTimes(p.slots.map((s) => s.local))}` : "no free time listed";
  return `${offset + i + 1}. ${p.name}, ${ratingText(p.rating, p.reviewCount)}: ${p.service.name} ${money(p.service.priceCents)}; ${slots}`;
}

export function presentOptions(
  providers: readonly KnownProvider[],
  form: ConsumerForm,
  zip: string | undefined,
  seed: string,
  lead?: string,
  offset = 0,
): string {
  const where = zip ? ` near ${zip}` : "";
  const when = form.when ? ` (${form.when.text})` : "";
  const one = providers.length === 1;
  const head =
    lead ??
    (one
      ? pick(seed, [
          `I found one match for ${jobPhrase(form)}${where}${when}:`,
          `There's one option for ${jobPhrase(form)}${where}${when}:`,
        ])
      : pick(seed, [
          `Here are the best matches for ${jobPhrase(form)}${where}${when}:`,
          `I found these for ${jobPhrase(form)}${where}${when}:`,
          `Good news, a few options for ${jobPhrase(form)}${where}${when}:`,
        ]));
  const ask = one
    ? "Shall I book one of those times? Say which, or ask for another day."
    : pick(seed, [
        'Which one would you like? You can say "the first one", a name, or a time.',
        "Which should I book? Pick a number, a name or one of the times.",
      ]);
  return `${head}\n${providers.map((p, i) => optionLine(p, i, offset)).join("\n")}\n${ask}`;
}

export function presentSlots(p: KnownProvider, slots: readonly SlotView[], seed: string, lead = ""): string {
  const times = slotTimes(slots.map((s) => s.local));
  return `${lead}${pick(seed, [
    `${p.name} is free ${times} (${p.service.name}, ${money(p.service.priceCents)}). Which time works?`,
    `${p.name} has ${times} open for ${p.service.name} at ${money(p.service.priceCents)}. Which one suits you?`,
  ])}`;
}

/** The answer to a question about the options shown, before the booking it leads to is proposed. */
export function answerAbout(
  kind: Reference["kind"] | "price" | undefined,
  p: KnownProvider,
  slot: SlotView,
): string {
  switch (kind) {
    case "price":
      return `${p.service.name} at ${p.name} is ${money(p.service.priceCents)}; their next free time is ${slot.local}.`;
    case "best_rated":
      return `${p.name} is the best rated: ${ratingText(p.rating, p.reviewCount)}.`;
    case "cheapest":
      return `${p.name} is the cheapest, at ${money(p.service.priceCents)}.`;
    case "earliest":
      return `${p.name} has the soonest time, ${slot.local}.`;
    default:
      return `Yes: ${p.name} has ${slot.local} free.`;
  }
}

export function proposalLead(p: KnownProvider, slot: SlotView, seed: string, asked = false): string {
  if (asked)
    return `If that suits you, here's the booking to confirm: ${p.service.name} with ${p.name} on ${slot.local} for ${money(p.service.priceCents)}.`;
  return pick(seed, [
    `Here's the booking to confirm: ${p.service.name} with ${p.name} on ${slot.local} for ${money(p.service.priceCents)}.`,
    `Great choice. Please confirm ${p.service.name} with ${p.name}, ${slot.local}, ${money(p.service.priceCents)}.`,
  ]);
}

export function booked(
  b: { providerName: string; serviceName?: string; local?: string; price?: string; priceCents?: number },
  seed: string,
): string {
  const what = b.serviceName ? `${b.serviceName} with ${b.providerName}` : b.providerName;
  const when = b.local ? ` on ${b.local}` : "";
  const price = b.price ?? (b.priceCents !== undefined ? money(b.priceCents) : undefined);
  const cost = price ? `, ${price}` : "";
  return pick(seed, [
    `You're booked: ${what}${when}${cost}. Anything else I can help with?`,
    `Done! ${what} is booked${when}${cost}. Need anything else?`,
    `All set: ${what}${when}${cost}. Is there anything else?`,
  ]);
}

export function notApproved(focus: KnownProvider | undefined, others: number, seed: string): string {
  const more =
    focus && focus.slots.length > 1
      ? ` (${focus.name} is also free ${slotTimes(focus.slots.slice(0, 3).map((s) => s.local))})`
      : "";
  const alt = others > 1 ? ", one of the other options" : "";
  return pick(seed, [
    `No problem, nothing is booked. Would you like another time${more}${alt}, or a different day?`,
    `Okay, I didn't book it. Tell me what to change: another time${more}${alt}, or another day?`,
  ]);
}

export function noneFound(form: ConsumerForm, zip: string | undefined, seed: string): string {
  const where = zip ? ` near ${zip}` : "";
  const when = form.when ? ` (${form.when.text})` : "";
  return pick(seed, [
    `I couldn't find a ${providerNoun(form.category)}${where} free for ${jobPhrase(form)}${when}. Want to try another time, or shall I post your job so providers can send you offers?`,
    `Nobody${where} is free for ${jobPhrase(form)}${when} right now. I can look at another day, or post a request so local pros send you quotes. Which would you prefer?`,
  ]);
}

export function offersList(offers: readonly OfferView[], seed: string): string {
  const pending = offers.filter((o) => o.status === "pending");
  if (pending.length === 0) {
    return offers.length
      ? "None of the offers on your requests is open any more. Want me to post a new request?"
      : "No offers yet. Providers usually answer within a few hours; ask me again later.";
  }
  const lines = pending.map(
    (o, i) => `${i + 1}. ${o.providerName}, ${ratingText(o.rating, 1)}: ${o.price}, ${o.local}`,
  );
  return `${pick(seed, ["Here are the offers on your requests:", "These offers came in:"])}\n${lines.join("\n")}\nWhich one would you like to accept?`;
}

export function askWhich(count: number, seed: string): string {
  if (count <= 1) return "Shall I book one of those times? Tell me which, or another day or time.";
  const picks = orList(
    Array.from({ length: Math.min(count, 3) }, (_, i) => ["the first", "the second", "the third"][i]!),
  );
  return pick(seed, [`Which one should I book: ${picks}?`, `Sure, which one: ${picks}? Or tell me a time.`]);
}
