import type { OfflineDecision, OfflineTurnInput } from "../../chat-model.js";
import { currentTurn, latestHuman, previousReply, readDialogue } from "../conversation.js";
import { isQuestion, isSmallTalk } from "../cues.js";
import { call, reply } from "../nlg.js";
import type { DialogueNlu } from "../nlu.js";
import { answerProviderJobs } from "../provider-jobs.js";
import { decideRoute } from "../routing.js";
import { refusal, smallTalkReply } from "../small-talk.js";
import { type OfferView, readOffers } from "../tool-results.js";
import { type BookingsTurn, proceed } from "./proceed.js";
import { react } from "./reactions.js";
import { BOOKING_WORDS, readTask } from "./task.js";

/**
 * The bookings assistant: lists the user's bookings first, resolves which one they mean, then
 * cancels, moves (check_availability, then reschedule_booking) or reviews it; compares and
 * accepts offers; and for providers shows the schedule and answers requests with offers.
 */
export function bookingsPolicy(nlu: DialogueNlu) {
  return (input: OfflineTurnInput): OfflineDecision => {
    const d = readDialogue(input.messages);
    const t: BookingsTurn = {
      nlu,
      d,
      me: "bookings",
      text: latestHuman(d),
      seed: d.fingerprint,
      task: readTask(nlu, d, "bookings"),
    };
    const last = currentTurn(d).steps.at(-1);
    if (d.reacting && last && last.name !== "transfer_to_router") return react(t, last);
    return answer(t);
  };
}

function listCall(t: BookingsTurn): OfflineDecision {
  const name = t.d.context.role === "provider" ? "list_schedule" : "list_bookings";
  return call(name, { which: t.task.which });
}

function answer(t: BookingsTurn): OfflineDecision {
  const { nlu, d, text, seed, task } = t;
  const ctx = d.context;
  if (nlu.unsafe(text)) return reply(refusal(seed, ctx.role));
  const handedOver = currentTurn(d).steps.some((s) => s.name === "transfer_to_router");
  if (!handedOver) {
    const route = decideRoute(nlu, {
      text,
      current: "bookings",
      role: ctx.role,
      lastReply: previousReply(d),
      now: new Date(ctx.now),
      timeZone: ctx.timeZone,
    });
    if (!route.continuation && route.agent !== "bookings" && route.agent !== "general") {
      return call("transfer_to_router", { topic: text.slice(0, 200) });
    }
  }
  if (isSmallTalk(text)) return reply(smallTalkReply(text, ctx.role, seed));
  if (ctx.role === "provider" && task.action !== "cancel") {
    const jobs = answerProviderJobs({ nlu, d, me: "bookings", text, seed });
    if (jobs) return jobs;
  }
  if (task.action === "offers") return offers(t);
  if (task.action === "cancel" && withdrawsRequest(d.turns[task.startTurn]?.human ?? text)) {
    return reply(
      "I can't withdraw a request from here yet. Nothing is booked unless you accept an offer, so you can simply leave the offers unanswered; the request closes by itself when its time window ends.",
    );
  }
  if (!task.list) return listCall(t);
  return proceed(t);
}

// "Cancel my request", "I don't like either offer, cancel the job": the job post, not a booking.
const REQUEST_WORDS = /\b(?:request|requests|job post|posting|offers?|quotes?|bids?)\b/i;

function withdrawsRequest(text: string): boolean {
  return REQUEST_WORDS.test(text) && !BOOKING_WORDS.test(text);
}

/** "Which is cheaper?": the offer a question about the offers points at, named before it is proposed. */
function offerAnswer(kind: string | undefined, o: OfferView): string {
  const whose = o.providerName.endsWith("s") ? `${o.providerName}'` : `${o.providerName}'s`;
  if (kind === "cheapest") return `${whose} offer is the cheapest, at ${o.price}.`;
  if (kind === "earliest") return `${o.providerName} can come soonest, ${o.local}.`;
  if (kind === "best_rated") return `${o.providerName} is the best rated of them.`;
  return `${o.providerName} offers ${o.price} for ${o.local}.`;
}

function offers(t: BookingsTurn): OfflineDecision {
  const last = [...t.d.turns.flatMap((x) => x.steps)].reverse().find((s) => s.name === "list_offers");
  const shown = readOffers(last?.result)?.filter((o) => o.status === "pending");
  if (!shown) return call("list_offers", {});
  const ctx = t.d.context;
  const s = t.nlu.slots(t.text, {
    now: new Date(ctx.now),
    timeZone: ctx.timeZone,
    options: shown.map((o, i) => ({
      index: i + 1,
      id: o.offerId,
      name: o.providerName,
      priceCents: o.priceCents,
      rating: o.rating,
      startsAt: o.startsAt,
    })),
  });
  const ref = s.reference;
  let id: string | undefined;
  if (ref?.kind === "option") id = ref.id;
  else if (ref?.kind === "ordinal") id = shown[ref.index < 0 ? shown.length - 1 : ref.index - 1]?.offerId;
  else if (ref?.kind === "cheapest") id = [...shown].sort((a, b) => a.priceCents - b.priceCents)[0]?.offerId;
  else if (ref?.kind === "best_rated") id = [...shown].sort((a, b) => b.rating - a.rating)[0]?.offerId;
  else if (ref?.kind === "earliest")
    id = [...shown].sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]?.offerId;
  else if (s.act === "affirm" && shown.length === 1) id = shown[0]!.offerId;
  const chosen = id ? shown.find((o) => o.offerId === id) : undefined;
  if (chosen && isQuestion(t.text)) {
    return call(
      "accept_offer",
      { offerId: chosen.offerId },
      `${offerAnswer(ref?.kind, chosen)} If you'd like it, accept it here:`,
    );
  }
  if (id) return call("accept_offer", { offerId: id });
  return call("list_offers", {});
}
