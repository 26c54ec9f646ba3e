import type { OfflineDecision, OfflineTurnInput } from "../../chat-model.js";
import { currentTurn, previousReply } from "../conversation.js";
import {
  anyTime,
  asksPrice,
  asksQuotesOutright,
  isFarewell,
  isSmallTalk,
  isThanks,
  rejectsShown,
  wantsAccept,
  wantsCheaper,
  wantsDetails,
  wantsFavoriteSaved,
  wantsMoreOptions,
  wantsOffers,
  wantsQuotes,
  wantsUsual,
} from "../cues.js";
import { call, money, reply } from "../nlg.js";
import type { DialogueNlu } from "../nlu.js";
import { type CategoryAgent, decideRoute } from "../routing.js";
import { refusal, smallTalkReply } from "../small-talk.js";
import { readSearch } from "../tool-results.js";
import { requestCall, searchCall, searchQuery, zipFor } from "./actions.js";
import { byReference, namedInFull, resolveChoice } from "./choice.js";
import { type FormReading, missingField } from "./form.js";
import { react } from "./reactions.js";
import { askFor, askWhich, jobPhrase, presentOptions } from "./replies.js";
import { asShownOptions } from "./shown.js";
import { type ConsumerTurn, executePlan, readConsumerTurn } from "./turn.js";

/**
 * A consumer specialist (haircut, cleaning, plumbing) as a form-filling dialogue: ask for what is
 * missing one thing at a time, search, present options, resolve the user's pick, propose the
 * booking, and answer each tool result. Stateless: everything is read back from the messages.
 */
export function consumerPolicy(nlu: DialogueNlu, me: CategoryAgent) {
  return (input: OfflineTurnInput): OfflineDecision => {
    const t = readConsumerTurn(nlu, input, me);
    const last = currentTurn(t.d).steps.at(-1);
    if (t.d.reacting && last && last.name !== "transfer_to_router") return react(t, last);
    return answer(t);
  };
}

/** Whether the assistant's previous turn offered to post the job for offers (nothing fitted, or "no"). */
function offeredRequest(t: ConsumerTurn): boolean {
  const previous = t.d.turns.at(-2);
  if (!previous || (previous.agent && previous.agent !== t.me)) return false;
  const lastStep = previous.steps.at(-1);
  if (lastStep?.name === "search_providers")
    return (readSearch(lastStep.result)?.providers.length ?? 1) === 0;
  if (previous.steps.length > 0 || previous.human === undefined) return false;
  return (
    t.nlu.slots(previous.human, { now: new Date(t.d.context.now), timeZone: t.d.context.timeZone }).act ===
    "deny"
  );
}

function formChanged(r: FormReading): boolean {
  const { form, before, latest } = r;
  return (
    (latest.service !== undefined && form.service !== before.service) ||
    (form.service !== before.service && r.asked === "service") ||
    form.bedrooms !== before.bedrooms ||
    form.bathrooms !== before.bathrooms ||
    (latest.zip !== undefined && form.zip !== before.zip) ||
    (latest.budget !== undefined && form.budgetMaxCents !== before.budgetMaxCents) ||
    (latest.urgent === true && !before.urgent)
  );
}

function answer(t: ConsumerTurn): OfflineDecision {
  const { nlu, d, me, shown, reading, text, seed } = t;
  const ctx = d.context;
  const { form, latest } = reading;
  if (nlu.unsafe(text)) return reply(refusal(seed, ctx.role));

  const handedOver = currentTurn(d).steps.some((s) => s.name === "transfer_to_router");
  if (!handedOver) {
    const route = decideRoute(nlu, {
      text,
      current: me,
      role: ctx.role,
      lastReply: previousReply(d),
      now: new Date(ctx.now),
      timeZone: ctx.timeZone,
      options: asShownOptions(t.shownBefore),
    });
    if (!route.continuation && route.agent !== me) {
      return call("transfer_to_router", { topic: text.slice(0, 200) });
    }
  }
  if (isSmallTalk(text)) return reply(smallTalkReply(text, ctx.role, seed));

  if (wantsOffers(text) && !wantsQuotes(text)) return call("list_offers", {});
  if (shown.lastList === "offers" && (latest.reference || wantsAccept(text) || latest.act === "affirm")) {
    const offer = pickOffer(t);
    if (offer) return call("accept_offer", { offerId: offer });
  }
  // "None of those work, what about saturday?" is a search for saturday, not a call for offers.
  const searchesElsewhere =
    rejectsShown(text) && !asksQuotesOutright(text) && (latest.when !== undefined || formChanged(reading));
  if (
    (wantsQuotes(text) && !searchesElsewhere) ||
    (latest.act === "affirm" && !latest.reference && offeredRequest(t))
  ) {
    const missing = missingField(form, ctx);
    if (missing === "service" || missing === "zip") return reply(askFor(missing, form, seed));
    return requestCall(form, ctx);
  }
  // A business named that nobody has shown yet: find it by its name, then act on it (onSearch).
  if (latest.providerName && latest.reference?.kind !== "option" && !namedInFull(text, shown.providers)) {
    return searchCall(form, ctx, { query: `${latest.providerName} ${searchQuery(form)}` });
  }
  if (wantsFavoriteSaved(text)) {
    const id = favouriteTarget(t);
    if (id) return call("save_favorite", { providerId: id });
  }
  // "Same as last time" is no pick from a list, whatever "last" reads as.
  const byPosition = /\b(?:first|second|third|1st|2nd|3rd|#\d|number \d|option \d)\b/i.test(text);
  if (wantsUsual(text) && !byPosition) {
    const usual = usualProvider(t);
    if (usual) return call("get_provider", { providerId: usual });
  }
  if (wantsDetails(text) && latest.reference) {
    // "Tell me more about the first one": a look at that provider, not a pick to book.
    const id =
      latest.reference.kind === "option"
        ? latest.reference.id
        : byReference(latest.reference, shown)?.providerId;
    if (id) return call("get_provider", { providerId: id });
  }

  const hasShown = shown.providers.length > 0 || shown.focus !== undefined;
  if (wantsMoreOptions(text) && hasShown && !formChanged(reading)) {
    // Everything that fits was shown already: say so rather than show the same list as new.
    if (shown.more.length === 0) {
      return reply(
        `That's everyone available near you for ${jobPhrase(form)} right now. Want to try another day, or shall I post your job so providers can send you offers?`,
      );
    }
    const zip = zipFor(form, ctx);
    return reply(presentOptions(shown.more, form, zip, seed, "A few more options:", shown.providers.length));
  }
  if (hasShown && wantsCheaper(text) && !formChanged(reading)) {
    const cheapest = Math.min(
      ...[...shown.providers, ...(shown.focus ? [shown.focus] : [])].map((p) => p.service.priceCents),
    );
    if (Number.isFinite(cheapest) && cheapest > 100) {
      return searchCall({ ...form, budgetMaxCents: cheapest - 1 }, ctx);
    }
  }
  if (hasShown && asksPrice(text) && !latest.reference && !latest.when) {
    const list = shown.providers.length > 0 ? shown.providers : shown.focus ? [shown.focus] : [];
    const prices = list.map((p) => `${p.name}: ${p.service.name} ${money(p.service.priceCents)}`).join("; ");
    return reply(`${prices}. Which one would you like?`);
  }
  // "No", "never mind" with nothing on the table, or "forget it, thanks": leave it there.
  const closing = isThanks(text) || isFarewell(text) || /\b(?:forget it|never ?mind|leave it)\b/i.test(text);
  if (latest.act === "deny" && (!hasShown || closing) && !latest.when && !latest.service) {
    return reply("No problem, I'll leave it there. Just tell me if you need anything else.");
  }
  const missing = missingField(form, ctx);
  if (!hasShown || formChanged(reading)) {
    if (missing) return reply(askFor(missing, form, seed));
    return searchCall(form, ctx);
  }
  const plan = resolveChoice({
    latest,
    shown,
    earlierWhen: reading.before.when,
    timeZone: ctx.timeZone,
    affirmed: latest.act === "affirm",
    anyTime: anyTime(text),
  });
  if (plan) return executePlan(t, plan);
  if (latest.act === "deny") {
    return reply(
      "No problem. Would you like a different time or day, or shall I post your job so local providers can send you offers?",
    );
  }
  if (missing) return reply(askFor(missing, form, seed));
  // Nothing new and nothing picked: searching again would show the same list.
  if (hasShown && !latest.when) return reply(askWhich(Math.max(shown.providers.length, 1), seed));
  return searchCall(form, ctx);
}

/** The offer the user picked from the list shown: by number, name, "the cheapest", or the only one. */
function pickOffer(t: ConsumerTurn): string | undefined {
  const offers = t.shown.offers.filter((o) => o.status === "pending");
  const ref = t.reading.latest.reference;
  if (ref?.kind === "option") return offers.find((o) => o.offerId === ref.id)?.offerId;
  if (ref?.kind === "ordinal") return offers[ref.index < 0 ? offers.length - 1 : ref.index - 1]?.offerId;
  if (ref?.kind === "cheapest") return [...offers].sort((a, b) => a.priceCents - b.priceCents)[0]?.offerId;
  if (ref?.kind === "best_rated") return [...offers].sort((a, b) => b.rating - a.rating)[0]?.offerId;
  if (ref?.kind === "earliest")
    return [...offers].sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]?.offerId;
  return offers.length === 1 ? offers[0]!.offerId : undefined;
}

/** The provider "save them" points at: one named, the one in focus, or the one just booked. */
function favouriteTarget(t: ConsumerTurn): string | undefined {
  const ref = t.reading.latest.reference;
  if (ref?.kind === "option") return ref.id;
  if (t.shown.focus) return t.shown.focus.providerId;
  for (const turn of [...t.d.turns].reverse()) {
    for (const s of [...turn.steps].reverse()) {
      if (s.name === "create_booking" && s.result?.status === "booked") return String(s.args.providerId);
    }
  }
  return t.shown.providers.length === 1 ? t.shown.providers[0]!.providerId : undefined;
}

/** "My usual barber": the provider booked before in this category, else a favourite of it. */
export function usualProvider(t: ConsumerTurn): string | undefined {
  const ctx = t.d.context;
  const before = (ctx.lastServices ?? []).find((s) => s.category === t.me);
  if (before) return before.providerId;
  return (ctx.favorites ?? []).find((f) => f.category === t.me)?.providerId;
}
