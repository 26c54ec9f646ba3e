import type { OfflineDecision } from "../../chat-model.js";
import { findCategoryWords, findServiceMentions } from "../../nlu/slots/services.js";
import { currentTurn, type ToolStep } from "../conversation.js";
import {
  anyoneWillDo,
  asksPrice,
  wantsCheaper,
  wantsDetails,
  wantsFavoriteSaved,
  wantsMoreOptions,
  wantsUsual,
} from "../cues.js";
import { call, money, pick, reply, slotTimes } from "../nlg.js";
import { type CategoryAgent, isCategoryAgent } from "../routing.js";
import { anchorTime, closestTo, isExact, matchTime } from "../time-match.js";
import {
  isNotApproved,
  readBooked,
  readNextSlots,
  readOffers,
  readProviderProfile,
  readProvidersNotified,
  readSearch,
} from "../tool-results.js";
import { bookCall, searchCall, zipFor } from "./actions.js";
import { namedInFull, resolveChoice, soonestSlot } from "./choice.js";
import {
  askFor,
  booked,
  jobPhrase,
  noneFound,
  notApproved,
  offersList,
  presentOptions,
  presentSlots,
  providerNoun,
} from "./replies.js";
import { proposalDeclined } from "./shown.js";
import { type ConsumerTurn, executePlan } from "./turn.js";

/** Answers the result of the tool this agent just called. */
export function react(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  switch (step.name) {
    case "search_providers":
      return onSearch(t, step);
    case "check_availability":
      return onAvailability(t);
    case "get_provider":
      return onProvider(t, step);
    case "create_booking":
      return onBooking(t, step);
    case "create_request":
      return onRequest(t, step);
    case "list_offers":
      return onOffers(t, step);
    case "accept_offer":
      return onAccepted(t, step);
    case "save_favorite":
      return reply(
        step.result?.ok
          ? "Saved to your favourites. Next time just ask for your usual and I'll check them first."
          : "Okay, I didn't save it.",
      );
    default:
      return reply("Done. What would you like to do next?");
  }
}

function onSearch(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  const { reading, d, seed, shown } = t;
  const form = reading.form;
  const result = step.result;
  if (result?.code === "missing_zip") return reply(askFor("zip", form, seed));
  const s = readSearch(result);
  if (!s) return reply("Sorry, the search didn't work just now. Shall I try again?");
  const cheaper = wantsCheaper(t.text);
  // Cheaper options of another service only ("a regular clean" for "a move-out clean") are none.
  if (cheaper && (s.providers.length === 0 || noneMatch(s.providers))) {
    const before = t.shownBefore.providers;
    const best = [...before].sort((a, b) => a.service.priceCents - b.service.priceCents)[0];
    if (best) {
      return reply(
        `Nothing cheaper nearby, I'm afraid: ${best.name} at ${money(best.service.priceCents)} for ${best.service.name} is the best price. Want me to book them?`,
      );
    }
  }
  if (s.providers.length === 0) {
    const searchedThisTurn = currentTurn(d).steps.filter((x) => x.name === "search_providers");
    // The user's words may match no listing ("leaky tap"); the whole category may still have someone.
    if (step.args.query !== form.category && searchedThisTurn.length < 2) {
      return call("search_providers", { ...step.args, query: form.category });
    }
    return reply(noneFound(form, s.zip ?? zipFor(form, d.context), seed));
  }
  // An emergency gets the soonest slot proposed at once, unless the user already turned one down.
  if (form.urgent && !proposalDeclined(shown) && !wantsMoreOptions(t.text)) {
    const soonest = soonestSlot(shown.providers);
    if (soonest) {
      return bookCall(
        soonest.provider,
        soonest.slot,
        seed,
        pick(seed, ["This is urgent, so I picked the soonest slot.", "Let's get someone there fast."]),
      );
    }
  }
  // "Whoever's available" said with the request: the soonest slot of these results.
  if (anyoneWillDo(t.text) && !proposalDeclined(shown) && !wantsMoreOptions(t.text)) {
    const soonest = soonestSlot(shown.providers);
    if (soonest) return bookCall(soonest.provider, soonest.slot, seed, "I picked the soonest free slot.");
  }
  // A pick said with the request ("book Fresh Fades…", "the cheapest…") applies to these results;
  // positions and half names cannot, since the user had not seen them yet.
  // A business the user named may rank below the first options shown: look at every result.
  const named = namedInFull(t.text, [...shown.providers, ...shown.more]);
  if (named && wantsFavoriteSaved(t.text)) return call("save_favorite", { providerId: named.providerId });
  // "What does <name> charge…": their profile, not a booking.
  if (named && !reading.latest.when && (asksPrice(t.text) || wantsDetails(t.text))) {
    return call("get_provider", { providerId: named.providerId });
  }
  const ref = named ? { kind: "option" as const, id: named.providerId } : reading.latest.reference;
  if (ref && !cheaper && ref.kind !== "ordinal" && (ref.kind !== "option" || named)) {
    const plan = resolveChoice({
      latest: { ...reading.latest, reference: ref },
      shown,
      earlierWhen: reading.before.when,
      timeZone: d.context.timeZone,
      affirmed: false,
      anyTime: false,
    });
    if (plan && plan.kind !== "search" && plan.kind !== "ask_which") return executePlan(t, plan);
  }
  const broad =
    step.args.query === form.category && form.service !== undefined && form.service !== form.category;
  const job = jobPhrase(form).replace(/^(?:a|an|your) /, "");
  const noun = providerNoun(form.category);
  const lead = broad
    ? `Nobody near you lists ${job} exactly, but these ${noun}s are available:`
    : noneMatch(shown.providers)
      ? `Nobody near you lists ${job}. Say "get quotes" and I'll post your job so local ${noun}s can send offers, or book one of these ${noun}s for something else:`
      : undefined;
  const options = presentOptions(shown.providers, form, s.zip ?? zipFor(form, d.context), seed, lead);
  const also = otherTradeAsked(t.text, form.category);
  // "A haircut friday and also a cleaning saturday": one search at a time, the other not forgotten.
  return reply(
    also
      ? `${options}\n\nYou also asked for ${TRADE_PHRASE[also]}: once this one is settled, say so and I'll find that too.`
      : options,
  );
}

/**
 * Options of which none does what was asked ("gutter cleaning"): the search stood in each
 * provider's cheapest service for one that matched.
 */
function noneMatch(providers: readonly { service: { matched?: boolean | undefined } }[]): boolean {
  return providers.length > 0 && providers.every((p) => p.service.matched === false);
}

const TRADE_PHRASE: Record<CategoryAgent, string> = {
  haircut: "a haircut",
  cleaning: "a cleaning",
  plumbing: "a plumber",
};

// "… and also a house cleaning": a second request joined to the first ("my plumber said" is not).
const JOINED = /\b(?:and|also|plus)\b[a-z' ]{0,30}$/;

/** Another trade the same message asks for, joined to the one being searched. */
function otherTradeAsked(text: string, searched: string | undefined): CategoryAgent | undefined {
  const lower = text.toLowerCase();
  const named = [...findServiceMentions(lower), ...findCategoryWords(lower)];
  return named
    .filter((m) => JOINED.test(lower.slice(Math.max(0, m.start - 30), m.start)))
    .map((m) => m.category)
    .find((c): c is CategoryAgent => c !== searched && isCategoryAgent(c));
}

function onAvailability(t: ConsumerTurn): OfflineDecision {
  const { shown, reading, d, seed } = t;
  const p = shown.focus;
  if (!p) return reply("Sorry, I couldn't read that provider's calendar. Shall I search again?");
  const raw = reading.latest.when ?? reading.form.when;
  const desired = raw ? anchorTime(raw, reading.before.when, p.slots, d.context.timeZone) : undefined;
  if (p.slots.length === 0) {
    const when = desired ? ` for ${desired.text}` : "";
    // That provider is busy then: others may not be.
    const searched = currentTurn(d).steps.some((s) => s.name === "search_providers");
    if (desired && !searched) {
      return searchCall(reading.form, d.context, { when: desired });
    }
    return reply(
      `${p.name} has no free time${when}. Would you like another day, or another ${providerNoun(t.me)}?`,
    );
  }
  if (desired) {
    const hit = matchTime(p.slots, desired, d.context.timeZone)[0];
    if (hit && (isExact(desired) || reading.latest.reference || wantsUsual(t.text)))
      return bookCall(p, hit, seed);
    if (isExact(desired)) {
      const near = closestTo(p.slots, desired.start)
        .slice(0, 3)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      return reply(presentSlots(p, near, seed, `${p.name} isn't free at ${desired.text}. `));
    }
    const inside = matchTime(p.slots, desired, d.context.timeZone);
    if (inside[0] && reading.latest.reference) return bookCall(p, inside[0], seed);
    if (inside.length > 0) return reply(presentSlots(p, inside.slice(0, 3), seed));
  }
  return reply(presentSlots(p, p.slots.slice(0, 3), seed));
}

function onProvider(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  const g = readProviderProfile(step.result);
  if (!g) return reply("Sorry, I couldn't open that provider's profile. Shall I search instead?");
  if (wantsUsual(t.text)) {
    const before = (t.d.context.lastServices ?? []).find((s) => s.providerId === g.provider.id);
    const want = (before?.serviceName ?? t.reading.form.service ?? "").toLowerCase();
    const service =
      g.provider.services.find((s) => s.name.toLowerCase() === want) ??
      g.provider.services.find((s) => want && s.name.toLowerCase().includes(want.split(" ")[0]!)) ??
      g.provider.services[0];
    if (!service)
      return reply(`${g.provider.name} doesn't list any services right now. Shall I find someone else?`);
    const when = t.reading.latest.when ?? t.reading.form.when;
    const window = when ? checkArgs(when, new Date(t.d.context.now)) : {};
    return call("check_availability", {
      providerId: g.provider.id,
      serviceId: service.id,
      ...window,
      limit: 6,
    });
  }
  // The service the user asked about first, so that its price is never cut off the list.
  const asked = (t.reading.form.serviceVariant ?? t.reading.form.service ?? "")
    .split(" ")
    .filter((w) => w.length > 2);
  const mentions = (name: string) => asked.some((w) => name.toLowerCase().includes(w.replace(/s$/, "")));
  const services = [...g.provider.services]
    .sort((a, b) => Number(mentions(b.name)) - Number(mentions(a.name)))
    .slice(0, 6)
    .map((s) => `${s.name} ${money(s.priceCents)} (${s.durationMin} min)`)
    .join("; ");
  const next = g.nextSlots.length ? ` Next free: ${slotTimes(g.nextSlots.map((s) => s.local))}.` : "";
  return reply(`${g.provider.name} offers ${services}.${next} Want me to book one of those times?`);
}

function checkArgs(when: { start: string; end: string }, now: Date): { after?: string; before?: string } {
  const after = Math.max(now.getTime(), new Date(when.start).getTime());
  const end = new Date(when.end).getTime();
  const before = end > after ? end : after + 4 * 3_600_000;
  return { after: new Date(after).toISOString(), before: new Date(before).toISOString() };
}

function onBooking(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  const { shown, seed, d } = t;
  const r = step.result;
  if (r?.ok && r.status === "booked") {
    const b = readBooked(r);
    if (b) return reply(booked(b, seed));
    return reply("You're booked. Anything else I can help with?");
  }
  if (isNotApproved(r)) {
    const declined = String(step.args.startsAt ?? "");
    const focus = shown.focus && {
      ...shown.focus,
      slots: shown.focus.slots.filter((s) => s.startsAt !== declined),
    };
    return reply(notApproved(focus, shown.providers.length, seed));
  }
  const next = readNextSlots(r);
  const p = shown.focus;
  if (p && next.length > 0) {
    const lead =
      r?.code === "slot_taken" ? "That time was just taken. " : "That time doesn't work for them. ";
    return reply(presentSlots(p, next.slice(0, 3), seed, lead));
  }
  if (r?.code === "terms_changed") {
    const retried = currentTurn(d).steps.filter((s) => s.name === "create_booking").length > 1;
    if (!retried && p)
      return call(
        "create_booking",
        { ...step.args },
        "The details changed a moment ago; here they are again to confirm.",
      );
    return reply("The details changed while you were confirming. Shall I look for times again?");
  }
  if (r?.code === "not_found") return searchCall(t.reading.form, d.context);
  if (p) return reply(`Sorry, I couldn't book that with ${p.name}. Would you like another time or provider?`);
  return reply("Sorry, I couldn't book that. Would you like another time or provider?");
}

function onRequest(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  const r = step.result;
  if (r?.ok) {
    const n = readProvidersNotified(r);
    const who =
      n === undefined ? "Local providers" : n === 1 ? "1 provider nearby was" : `${n} providers nearby were`;
    return reply(
      n === undefined
        ? `Your request is posted. ${who} will send offers; ask me to show them when they come in.`
        : `Your request is posted and ${who} notified. Ask me to show the offers when they come in.`,
    );
  }
  if (isNotApproved(r)) return reply("Okay, I didn't post anything. What would you like to do instead?");
  if (r?.code === "missing_zip") return reply(askFor("zip", t.reading.form, t.seed));
  return reply("I couldn't post that request. Could you tell me roughly when you need it done?");
}

function onOffers(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  const offers = readOffers(step.result);
  if (!offers) return reply("Sorry, I couldn't load your offers just now.");
  return reply(offersList(offers, t.seed));
}

function onAccepted(t: ConsumerTurn, step: ToolStep): OfflineDecision {
  const r = step.result;
  if (r?.ok) {
    const b = readBooked(r);
    return reply(b ? booked(b, t.seed) : "Accepted, and you're booked. Anything else?");
  }
  if (isNotApproved(r)) return reply("Okay, I didn't accept it. Want to look at the other offers?");
  return reply("That offer can't be accepted any more. Want to see the other offers?");
}
