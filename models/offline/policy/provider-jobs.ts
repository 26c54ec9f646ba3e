import type { OfflineDecision } from "../chat-model.js";
import { WEEKDAY_NAMES } from "../nlu/lexicon/time-words.js";
import type { Slots } from "../nlu/slots.js";
import { amendsLeftProposal, type Dialogue, type ToolStep } from "./conversation.js";
import { mentionsOffer, mentionsRequests, mentionsSchedule, wantsList } from "./cues.js";
import { call, money, pick, reply } from "./nlg.js";
import type { DialogueNlu } from "./nlu.js";
import { isExact } from "./time-match.js";
import { isNotApproved, type RequestView, readBookings, readRequests } from "./tool-results.js";

/** A provider's side of the marketplace: open requests, offers on them, and their schedule. */
export interface JobsTurn {
  nlu: DialogueNlu;
  d: Dialogue;
  /** The agent answering (profile or bookings). */
  me: string;
  text: string;
  seed: string;
}

const HOUR = 3_600_000;

function slotsOf(t: JobsTurn, text: string, requests: RequestView[] = []): Slots {
  return t.nlu.slots(text, {
    now: new Date(t.d.context.now),
    timeZone: t.d.context.timeZone,
    role: "provider",
    ...(requests.length
      ? {
          options: requests.map((r) => ({
            index: r.option,
            id: r.requestId,
            name: `request ${r.option}`,
            startsAt: r.windowStart,
          })),
        }
      : {}),
  });
}

/** The last list of open requests this agent showed, and the turn index it was shown in. */
function shownRequests(t: JobsTurn): { requests: RequestView[]; turn: number } | undefined {
  for (let i = t.d.turns.length - 1; i >= 0; i--) {
    const step = [...t.d.turns[i]!.steps]
      .reverse()
      .find((s) => s.name === "list_requests" && (s.agent === undefined || s.agent === t.me));
    const requests = step ? readRequests(step.result) : undefined;
    if (requests) return { requests, turn: i };
  }
  return undefined;
}

interface OfferDraft {
  reference: Slots["reference"];
  priceCents: number | undefined;
  durationMin: number | undefined;
  when: Slots["when"];
}

function priceOf(s: Slots): number | undefined {
  return (
    s.budget?.maxCents ?? s.budget?.targetCents ?? s.prices?.[0]?.priceCents ?? s.addServices?.[0]?.priceCents
  );
}

/** What the provider has said about an offer since the requests were shown (latest words win). */
function offerDraft(t: JobsTurn, requests: RequestView[], fromTurn: number): OfferDraft {
  const draft: OfferDraft = {
    reference: undefined,
    priceCents: undefined,
    durationMin: undefined,
    when: undefined,
  };
  t.d.turns.slice(fromTurn).forEach((turn) => {
    if (turn.human === undefined) return;
    const s = slotsOf(t, turn.human, requests);
    draft.reference = s.reference ?? draft.reference;
    draft.priceCents = priceOf(s) ?? draft.priceCents;
    draft.durationMin = s.durations?.[0]?.durationMin ?? draft.durationMin;
    draft.when = s.when ?? draft.when;
  });
  return draft;
}

function pickRequest(
  ref: Slots["reference"],
  requests: RequestView[],
  text: string,
): RequestView | undefined {
  const open = requests.filter((r) => r.status === "open");
  if (ref?.kind === "ordinal") return requests[ref.index < 0 ? requests.length - 1 : ref.index - 1];
  if (ref?.kind === "option") return requests.find((r) => r.requestId === ref.id);
  if (ref?.kind === "earliest")
    return [...open].sort((a, b) => a.windowStart.localeCompare(b.windowStart))[0];
  if (open.length === 1) return open[0];
  return namedByWords(text, open);
}

// Words that say nothing about which job: "I can do that one thursday morning for 200".
const PLAIN_WORDS = new Set(
  (
    "that this with from have need needs want wants would could should there their about please just also like some " +
    "them they will your into only then than when what which one ones job jobs request work do can today tomorrow " +
    "morning afternoon evening night tonight week weekend month hour hours minute minutes noon next after before " +
    `${WEEKDAY_NAMES.flat().join(" ")}`
  ).split(" "),
);

function contentWords(s: string): string[] {
  return (s.toLowerCase().match(/[a-z]{4,}/g) ?? [])
    .filter((w) => !PLAIN_WORDS.has(w))
    .map((w) => w.replace(/(?:es|s)$/, ""));
}

/** The one open request the provider names by the customer's own words: "the faucet one". */
function namedByWords(text: string, open: RequestView[]): RequestView | undefined {
  const said = new Set(contentWords(text));
  const hits = open.filter((r) => contentWords(r.description).some((w) => said.has(w)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** A start inside the request's window: the time said, else the window's first full hour from now. */
function offerStart(r: RequestView, when: Slots["when"], now: Date): string {
  if (when) {
    const start = new Date(when.start).getTime();
    // A part of a day ("thursday morning") starts no earlier than the customer's window.
    return new Date(isExact(when) ? start : Math.max(start, new Date(r.windowStart).getTime())).toISOString();
  }
  const from = Math.max(new Date(r.windowStart).getTime(), Math.ceil(now.getTime() / HOUR) * HOUR);
  return new Date(from).toISOString();
}

function makeOffer(t: JobsTurn, requests: RequestView[], fromTurn: number): OfflineDecision | undefined {
  const draft = offerDraft(t, requests, fromTurn);
  const request = pickRequest(draft.reference, requests, t.text);
  if (!request)
    return requests.length
      ? reply("Which request would you like to make an offer on? Say its number.")
      : undefined;
  if (draft.priceCents === undefined)
    return reply(`What price would you like to offer for request ${request.option}?`);
  return call("make_offer", {
    requestId: request.requestId,
    priceCents: draft.priceCents,
    startsAt: offerStart(request, draft.when, new Date(t.d.context.now)),
    ...(draft.durationMin ? { durationMin: draft.durationMin } : {}),
  });
}

/** Answers a provider's message about requests, offers or the schedule; undefined when it is about none. */
export function answerProviderJobs(t: JobsTurn): OfflineDecision | undefined {
  const shown = shownRequests(t);
  const s = slotsOf(t, t.text, shown?.requests);
  const offering = mentionsOffer(t.text) && !wantsList(t.text);
  const amends = amendsLeftProposal(t.d, "make_offer") && (priceOf(s) !== undefined || s.when !== undefined);
  if (
    shown &&
    (offering || amends || (s.reference && priceOf(s) !== undefined) || lastAskedAboutOffer(t, shown.turn))
  ) {
    const decision = makeOffer(t, shown.requests, shown.turn);
    if (decision) return decision;
  }
  if (offering || mentionsRequests(t.text)) return call("list_requests", {});
  if (mentionsSchedule(t.text)) return call("list_schedule", { which: "upcoming" });
  return undefined;
}

/** Whether the assistant's last turn asked which request or what price, so a bare answer continues the offer. */
function lastAskedAboutOffer(t: JobsTurn, shownTurn: number): boolean {
  const previous = t.d.turns.length - 2;
  return previous >= shownTurn && (t.d.turns[previous]?.steps.length ?? 1) === 0;
}

function requestLine(r: RequestView): string {
  const budget = r.budget ? `, budget ${r.budget}` : "";
  // The customer's own words tell the provider what the job is; quoted, shortened, one line.
  const words = r.description.replace(/\s+/g, " ").trim();
  const job = words ? ` "${words.length > 100 ? `${words.slice(0, 99)}…` : words}"` : "";
  return `${r.option}. ${r.category} near ${r.zip}${job}, ${r.window}${budget}, ${r.offerCount} offer${r.offerCount === 1 ? "" : "s"} so far`;
}

/** Answers the result of list_requests, make_offer or list_schedule; undefined for other tools. */
export function reactProviderJobs(t: JobsTurn, step: ToolStep): OfflineDecision | undefined {
  if (step.name === "list_requests") {
    const requests = readRequests(step.result);
    if (!requests) return reply("Sorry, I couldn't load the open requests just now.");
    if (requests.length === 0)
      return reply(
        "No open requests in your area right now. Ask me again later; new ones appear as customers post them.",
      );
    const thisTurn = t.d.turns.length - 1;
    if (mentionsOffer(t.text) && !wantsList(t.text)) {
      const decision = makeOffer(t, requests, thisTurn);
      if (decision) return decision;
    }
    return reply(
      `${pick(t.seed, ["Open requests near you:", "Here's what customers nearby are asking for:"])}\n${requests
        .slice(0, 5)
        .map(requestLine)
        .join(
          "\n",
        )}\nTo answer one, tell me the number, your price and a time, e.g. "offer $120 for the first one Thursday at 10".`,
    );
  }
  if (step.name === "make_offer") {
    const r = step.result;
    if (r?.ok) {
      const offer = (r.body.offer ?? {}) as { price?: unknown; local?: unknown };
      const what =
        typeof offer.price === "string" && typeof offer.local === "string"
          ? ` (${offer.price}, ${offer.local})`
          : "";
      return reply(`Your offer is sent${what}. The customer will see it with the others and can accept it.`);
    }
    if (isNotApproved(r))
      return reply("Okay, I didn't send it. What would you like to change: the price or the time?");
    if (r?.code === "bad_request") {
      const shown = shownRequests(t)?.requests ?? [];
      const request = shown.find((x) => x.requestId === step.args.requestId);
      const window = request ? ` (${request.window})` : "";
      return reply(
        `That time is outside the customer's window${window}. Which time inside it works for you?`,
      );
    }
    if (r?.code === "no_profile")
      return reply(
        "You need a provider profile before making offers. Tell me your business name to set it up.",
      );
    return reply("That request can't take an offer any more. Want to see the other open requests?");
  }
  if (step.name === "list_schedule" || step.name === "list_bookings") {
    const bookings = readBookings(step.result);
    if (!bookings) return reply("Sorry, I couldn't load your schedule just now.");
    if (bookings.length === 0) return reply("Nothing on your schedule yet.");
    const lines = bookings
      .slice(0, 8)
      .map(
        (b) =>
          `${b.option}. ${b.local}: ${b.serviceName}, ${money(b.priceCents)}${b.status === "confirmed" ? "" : ` (${b.status})`}`,
      );
    return reply(`Your upcoming bookings:\n${lines.join("\n")}`);
  }
  return undefined;
}
