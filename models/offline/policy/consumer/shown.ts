import type { ShownOption } from "../../nlu/slots.js";
import { allSteps, type Dialogue, type ToolStep } from "../conversation.js";
import {
  isNotApproved,
  type OfferView,
  type ProviderOption,
  readAvailability,
  readNextSlots,
  readOffers,
  readProviderProfile,
  readSearch,
  type SlotView,
} from "../tool-results.js";

/** How many search results are shown to the user at once. */
export const SHOWN = 3;

/** A provider the user has seen, with the service that matched and the free slots they were shown. */
export interface KnownProvider {
  providerId: string;
  name: string;
  rating: number;
  reviewCount: number;
  service: {
    serviceId: string;
    name: string;
    priceCents: number;
    durationMin: number;
    matched?: boolean | undefined;
  };
  slots: SlotView[];
}

/** What the user has in front of them, rebuilt from this agent's tool results. */
export interface Shown {
  /** The latest search's options as shown (numbered 1..n). */
  providers: KnownProvider[];
  /** Options of the latest search beyond those shown, for "show me more". */
  more: KnownProvider[];
  /** Every provider seen, by id, with the latest slots known. */
  known: Map<string, KnownProvider>;
  /** The provider the conversation is about: of the last proposal not booked, or the last slot list. */
  focus: KnownProvider | undefined;
  /** Which list the user saw last: "the second one" points into it. */
  lastList: "providers" | "slots" | "offers" | undefined;
  offers: OfferView[];
  /** The last create_booking call, with its result if any. */
  proposal: ToolStep | undefined;
  /** The last search call. */
  search: ToolStep | undefined;
}

function fromOption(p: ProviderOption): KnownProvider {
  return {
    providerId: p.providerId,
    name: p.name,
    rating: p.rating,
    reviewCount: p.reviewCount,
    service: { ...p.service },
    slots: p.nextSlots,
  };
}

/**
 * Reads what was shown. A finished booking clears it: the next request starts afresh. With
 * `beforeTurn`, only what the user had seen when they wrote that turn's message.
 */
export function readShown(d: Dialogue, me: string, beforeTurn?: number): Shown {
  const shown: Shown = {
    providers: [],
    more: [],
    known: new Map(),
    focus: undefined,
    lastList: undefined,
    offers: [],
    proposal: undefined,
    search: undefined,
  };
  const steps =
    beforeTurn === undefined ? allSteps(d, me) : allSteps({ ...d, turns: d.turns.slice(0, beforeTurn) }, me);
  for (const step of steps) {
    const r = step.result;
    switch (step.name) {
      case "search_providers": {
        const s = readSearch(r);
        if (!s) break;
        shown.search = step;
        if (s.providers.length === 0) break;
        const all = relevantFirst(s.providers.map(fromOption), String(step.args.query ?? ""));
        for (const p of all) shown.known.set(p.providerId, p);
        shown.providers = all.slice(0, SHOWN);
        shown.more = all.slice(SHOWN);
        shown.focus = undefined;
        shown.lastList = "providers";
        break;
      }
      case "check_availability": {
        const a = readAvailability(r);
        if (!a) break;
        const prior = shown.known.get(a.providerId);
        const p: KnownProvider = {
          providerId: a.providerId,
          name: a.providerName,
          rating: prior?.rating ?? 0,
          reviewCount: prior?.reviewCount ?? 0,
          service: { ...a.service },
          slots: a.slots,
        };
        shown.known.set(p.providerId, p);
        shown.focus = p;
        if (a.slots.length > 0) shown.lastList = "slots";
        break;
      }
      case "get_provider": {
        const g = readProviderProfile(r);
        if (!g) break;
        const prior = shown.known.get(g.provider.id);
        const first = g.provider.services[0];
        if (!prior && !first) break;
        const p: KnownProvider = prior ?? {
          providerId: g.provider.id,
          name: g.provider.name,
          rating: g.provider.rating,
          reviewCount: 0,
          service: {
            serviceId: first!.id,
            name: first!.name,
            priceCents: first!.priceCents,
            durationMin: first!.durationMin,
          },
          slots: g.nextSlots,
        };
        shown.known.set(p.providerId, p);
        shown.focus = p;
        break;
      }
      case "create_booking": {
        shown.proposal = step;
        const p = shown.known.get(String(step.args.providerId ?? ""));
        if (p) shown.focus = p;
        const next = readNextSlots(r);
        if (p && next.length > 0) {
          p.slots = next;
          shown.lastList = "slots";
        }
        if (r?.ok && r.status === "booked") {
          shown.providers = [];
          shown.more = [];
          shown.known.clear();
          shown.focus = undefined;
          shown.lastList = undefined;
        }
        break;
      }
      case "list_offers": {
        const o = readOffers(r);
        if (!o) break;
        shown.offers = o;
        shown.lastList = "offers";
        break;
      }
      default:
        break;
    }
  }
  return shown;
}

const QUERY_STOP = new Set(["the", "and", "for", "with", "clean", "cleaning", "repair", "bedroom", "studio"]);

function queryWords(s: string): string[] {
  return (s.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((w) => w.length > 2 && !QUERY_STOP.has(w))
    .map((w) => w.replace(/(?:ing|es|s)$/, ""));
}

/**
 * Options whose matched service shares a word with what was asked come first, and only they are
 * shown when there are any: search falls back to a provider's cheapest service when none of its
 * services matches, and "Beard Trim $15" is no answer to "a kids cut".
 */
function relevantFirst(providers: KnownProvider[], query: string): KnownProvider[] {
  // The search says itself which options matched; the same rule decides the web app's cards.
  if (providers.some((p) => p.service.matched !== undefined)) {
    const matched = providers.filter((p) => p.service.matched);
    return matched.length > 0 ? matched : providers;
  }
  const wanted = new Set(queryWords(query));
  if (wanted.size === 0) return providers;
  const relevant = providers.filter((p) => queryWords(p.service.name).some((w) => wanted.has(w)));
  return relevant.length > 0 ? relevant : providers;
}

/** The shown options as the NLU takes them, so that names and "the cheaper one" resolve. */
export function asShownOptions(shown: Shown): ShownOption[] {
  if (shown.lastList === "offers") {
    return shown.offers.map((o) => ({
      index: o.option,
      id: o.offerId,
      name: o.providerName,
      priceCents: o.priceCents,
      rating: o.rating,
      startsAt: o.startsAt,
    }));
  }
  // A focus provider outside the list (the usual barber) is named, never counted by position.
  const list =
    shown.providers.length > 0 ? [...shown.providers, ...shown.more] : shown.focus ? [shown.focus] : [];
  return list.map((p, i) => ({
    index: i + 1,
    id: p.providerId,
    name: p.name,
    priceCents: p.service.priceCents,
    rating: p.rating,
    ...(p.slots[0] ? { startsAt: p.slots[0].startsAt } : {}),
  }));
}

/** Whether the last proposal was turned down (by "no" or by moving on). */
export function proposalDeclined(shown: Shown): boolean {
  return isNotApproved(shown.proposal?.result);
}
