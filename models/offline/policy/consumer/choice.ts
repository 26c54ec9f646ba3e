import { GENERIC_NAME_WORDS } from "../../nlu/lexicon/references.js";
import type { Reference, Slots, TimeWindow } from "../../nlu/slots.js";
import { normaliseText } from "../../nlu/text-normalise.js";
import { anchorTime, isExact, matchTime } from "../time-match.js";
import type { SlotView } from "../tool-results.js";
import type { KnownProvider, Shown } from "./shown.js";

/** What to do about a choice: book a shown slot, look up a provider's times, or search again. */
export type Plan =
  | { kind: "book"; provider: KnownProvider; slot: SlotView }
  | { kind: "check"; provider: KnownProvider; when: TimeWindow | undefined }
  | { kind: "search"; when: TimeWindow }
  | { kind: "ask_which" };

export interface ChoiceInput {
  latest: Slots;
  shown: Shown;
  /** The time the form asked for before this message (a day to anchor "4pm" to). */
  earlierWhen: TimeWindow | undefined;
  timeZone: string;
  /** The user said yes (to a single suggestion). */
  affirmed: boolean;
  /** The user said "any time" / "the first available". */
  anyTime: boolean;
}

export function byReference(ref: Reference | undefined, shown: Shown): KnownProvider | undefined {
  if (!ref) return undefined;
  const list = shown.providers;
  switch (ref.kind) {
    case "option":
      return shown.known.get(ref.id);
    case "ordinal": {
      if (shown.lastList === "slots") return undefined;
      // Numbers run on into the options shown on request ("show me more": 4, 5…).
      const all = [...list, ...shown.more];
      const i = ref.index < 0 ? list.length - 1 : ref.index - 1;
      return all[i];
    }
    case "cheapest":
      return [...list].sort((a, b) => a.service.priceCents - b.service.priceCents)[0];
    case "best_rated":
      return [...list].sort((a, b) => b.rating - a.rating)[0];
    case "earliest":
    case "latest": {
      if (shown.lastList === "slots") return undefined;
      const withSlots = list.filter((p) => p.slots[0]);
      const t = (p: KnownProvider) => new Date(p.slots[0]!.startsAt).getTime();
      return [...withSlots].sort((a, b) => (ref.kind === "earliest" ? t(a) - t(b) : t(b) - t(a)))[0];
    }
    default:
      return undefined;
  }
}

/** A slot of the focus provider's list picked by position or by "the earliest/latest". */
function slotByReference(ref: Reference | undefined, shown: Shown): SlotView | undefined {
  if (!ref || shown.lastList !== "slots" || !shown.focus) return undefined;
  const slots = shown.focus.slots;
  if (ref.kind === "ordinal") return slots[ref.index < 0 ? slots.length - 1 : ref.index - 1];
  if (ref.kind === "earliest") return slots[0];
  if (ref.kind === "latest") return slots.at(-1);
  return undefined;
}

/** The provider's shown slot for a time, or a plan to check the provider at that time. */
function forProvider(p: KnownProvider, when: TimeWindow | undefined, timeZone: string): Plan {
  if (!when)
    return p.slots[0]
      ? { kind: "book", provider: p, slot: p.slots[0] }
      : { kind: "check", provider: p, when };
  const hit = matchTime(p.slots, when, timeZone)[0];
  return hit ? { kind: "book", provider: p, slot: hit } : { kind: "check", provider: p, when };
}

/**
 * Turns the user's pick into a plan, or undefined when the message picks nothing. A provider and
 * a time pick that slot (checked when it was not shown); a time alone is looked for among the
 * focus provider's slots, then every shown provider's; a provider alone takes its first shown slot.
 */
export function resolveChoice(input: ChoiceInput): Plan | undefined {
  const { latest, shown, timeZone } = input;
  const slotPick = slotByReference(latest.reference, shown);
  if (slotPick && shown.focus) return { kind: "book", provider: shown.focus, slot: slotPick };

  const provider = byReference(latest.reference, shown);
  const rawWhen = latest.when;
  const pool = provider ? provider.slots : (shown.focus?.slots ?? shown.providers.flatMap((p) => p.slots));
  const when = rawWhen ? anchorTime(rawWhen, input.earlierWhen, pool, timeZone) : undefined;

  if (provider)
    return forProvider(
      provider,
      when ?? (input.earlierWhen && isExact(input.earlierWhen) ? input.earlierWhen : undefined),
      timeZone,
    );

  if (when) {
    if (shown.focus) {
      const hit = matchTime(shown.focus.slots, when, timeZone)[0];
      if (hit) return { kind: "book", provider: shown.focus, slot: hit };
    }
    for (const p of shown.providers) {
      const hit = matchTime(p.slots, when, timeZone)[0];
      if (hit) return { kind: "book", provider: p, slot: hit };
    }
    // With one provider on the table, a time is a time with them.
    const only = shown.focus ?? (shown.providers.length === 1 ? shown.providers[0] : undefined);
    if (only) return { kind: "check", provider: only, when };
    return { kind: "search", when };
  }

  if (input.affirmed || input.anyTime) {
    const only = shown.focus ?? (shown.providers.length === 1 ? shown.providers[0] : undefined);
    if (only?.slots[0]) return { kind: "book", provider: only, slot: only.slots[0] };
    if (input.anyTime) {
      const soonest = soonestSlot(shown.providers);
      if (soonest) return { kind: "book", provider: soonest.provider, slot: soonest.slot };
    }
    if (shown.providers.length > 1) return { kind: "ask_which" };
  }
  return undefined;
}

/** The earliest slot among providers, for emergencies and "whoever is first". */
export function soonestSlot(
  providers: readonly KnownProvider[],
): { provider: KnownProvider; slot: SlotView } | undefined {
  let best: { provider: KnownProvider; slot: SlotView } | undefined;
  for (const p of providers) {
    const s = p.slots[0];
    if (s && (!best || new Date(s.startsAt) < new Date(best.slot.startsAt))) best = { provider: p, slot: s };
  }
  return best;
}

function nameWords(s: string): string[] {
  return (normaliseText(s).match(/[a-z0-9]+/g) ?? []).map((w) => w.replace(/s$/, ""));
}

/**
 * A provider the words name in full ("book Fresh Fades…"), for messages written before that
 * provider was shown: a shared word alone ("a skin fade" and "Fresh Fades") is not a pick.
 */
export function namedInFull(text: string, providers: readonly KnownProvider[]): KnownProvider | undefined {
  const said = new Set(nameWords(text));
  let best: { p: KnownProvider; words: number } | undefined;
  for (const p of providers) {
    const distinctive = nameWords(p.name).filter((w) => w.length > 1 && !GENERIC_NAME_WORDS.has(w));
    if (distinctive.length === 0 || !distinctive.every((w) => said.has(w))) continue;
    // "Rapid Rooter Plumbing" said in full beats "Rapid Rooter Inc." said in part.
    const words = nameWords(p.name).filter((w) => said.has(w)).length;
    if (!best || words > best.words) best = { p, words };
  }
  return best?.p;
}
