import type { Role } from "../../../core/principal.js";
import type { Intent } from "../nlu/intent.js";
import type { ShownOption, Slots } from "../nlu/slots.js";
import { normaliseText, tokenize } from "../nlu/text-normalise.js";
import {
  anyTime,
  asksHelp,
  isGreeting,
  isSmallTalk,
  wantsCancel,
  wantsFavoriteSaved,
  wantsOffers,
  wantsQuotes,
  wantsReschedule,
  wantsUsual,
} from "./cues.js";
import type { DialogueNlu } from "./nlu.js";

export const AGENTS = ["haircut", "cleaning", "plumbing", "profile", "bookings", "general"] as const;
export type Agent = (typeof AGENTS)[number];
export const CATEGORY_AGENTS = ["haircut", "cleaning", "plumbing"] as const;
export type CategoryAgent = (typeof CATEGORY_AGENTS)[number];

export function isCategoryAgent(a: string | null | undefined): a is CategoryAgent {
  return (CATEGORY_AGENTS as readonly string[]).includes(a ?? "");
}

export function isAgent(a: string | null | undefined): a is Agent {
  return (AGENTS as readonly string[]).includes(a ?? "");
}

export interface RouteInput {
  /** The user's latest message. */
  text: string;
  /** The agent the conversation is with, if any. */
  current: string | null | undefined;
  role: Role;
  /** The assistant's last words before the message, to tell an answer from a new request. */
  lastReply: string;
  now: Date;
  timeZone: string;
  /** Options the assistant showed last, by name, so that naming one reads as a pick. */
  options?: ShownOption[];
}

export interface Route {
  agent: Agent;
  continuation: boolean;
}

/** A model answer below this is a guess: a short reply to a question then belongs to the question. */
const SURE = 0.7;

function agentOf(intent: Intent): Agent {
  return intent === "out_of_scope" ? "general" : intent;
}

const REVIEWS_A_BOOKING =
  /(?<![a-z])(?:(?:leave|write|post|give|add|submit) (?:a |my |an? \w+ )?(?:review|rating|feedback)|review (?:my|the|our)|rate (?:my|the|our|him|her|them))(?![a-z])/;

// "When is my cleaning?", "what time's my appointment": a question about a booking that exists.
const ASKS_ABOUT_BOOKING =
  /(?<![a-z])(?:(?:when|what time|what day)(?: is|'s| are) (?:my|our)|when (?:is |are )?(?:the|my|our) \w+ (?:is |are )?(?:coming|arriving|due|showing up)|(?:my|our) (?:\w+ )?(?:bookings?|appointments?|appts?|reservations?)|what(?:'s| is| do (?:i|we) have| have (?:i|we) got|(?: else)? (?:am|are) (?:i|we)) (?:\w+ )?booked|(?:am|are) (?:i|we) booked|what(?:'s| is| have (?:i|we) got| do (?:i|we) have)(?: \w+)? (?:coming up|on the calendar|scheduled|lined up)|(?:my |our )?upcoming (?:bookings?|appointments?|stuff|plans)|anything (?:booked|scheduled|coming up)|(?:what|which) (?:\w+ )?(?:bookings?|appointments?|appts?|reservations?) (?:do|have|did|am|are) (?:i|we)|what (?:did|have) (?:i|we) (?:book|booked|got booked)|whats (?:\w+ )?booked|how much (?:am i|are we|will i|will we|do i|do we|did i|did we) (?:paying|pay|owe|owing|spend|spending|paid))(?![a-z])/;
// Words of a new request: "I need a haircut" is not an answer to "which booking?".
const NEW_REQUEST =
  /(?<![a-z])(?:need|want|book|find|get|looking|search|schedule|can (?:someone|you|i))(?![a-z])/;

// A business's listing (prices, hours, bio) is its owner's to change, never a customer's.
const EDITS_A_LISTING =
  /(?<![a-z])(?:change|set|lower|raise|update|edit|reduce|drop|cut|increase|modify|make) (?:the |their |his |her |its |a )?(?:prices?|rates?|costs?|opening hours|hours|bio|listing|profile|description)(?![a-z])/;
// "Book me a cleaning", "find me a plumber": a customer's request, whoever's account says it.
const BOOKS_FOR_ME =
  /(?<![a-z])(?:book|find|get|schedule|need|want) (?:me |myself )?(?:a|an|some)(?![a-z])|(?<![a-z])for me(?![a-z])/;

function managesBookings(text: string, slots: Slots): boolean {
  const t = normaliseText(text);
  return (
    wantsCancel(text) ||
    wantsReschedule(text) ||
    REVIEWS_A_BOOKING.test(t) ||
    ASKS_ABOUT_BOOKING.test(t) ||
    slots.rating !== undefined
  );
}

function hasProfileSlots(s: Slots): boolean {
  return Boolean(
    s.prices?.length ||
      s.durations?.length ||
      s.hours?.length ||
      s.timeOff?.length ||
      s.serviceArea ||
      s.addServices?.length ||
      s.removeServices?.length ||
      s.bio ||
      s.name ||
      s.languages?.length ||
      s.specialties,
  );
}

/**
 * Which agent should answer the latest message, and whether it continues the current agent's
 * conversation. The router policy answers with this; specialists use it to notice a new topic and
 * hand over, so both always agree (a handover never comes straight back).
 */
export function decideRoute(nlu: DialogueNlu, input: RouteInput): Route {
  const { text, role } = input;
  const current = isAgent(input.current) ? input.current : undefined;
  if (nlu.unsafe(text)) return { agent: "general", continuation: false };
  const speaker = role === "provider" ? "provider" : "consumer";
  const previous: Intent | undefined = current && current !== "general" ? current : undefined;
  const options = input.options?.length ? { options: input.options } : {};
  const r = nlu.classify(text, {
    role: speaker,
    ...(previous ? { previousIntent: previous } : {}),
    ...options,
  });
  const slots = nlu.slots(text, { now: input.now, timeZone: input.timeZone, role: speaker });
  let agent = agentOf(r.intent);
  const t = normaliseText(text);
  if (role === "consumer" && EDITS_A_LISTING.test(t) && !managesBookings(text, slots)) {
    return { agent: "profile", continuation: false };
  }
  if (
    role === "provider" &&
    slots.category &&
    (agent === "bookings" || agent === "general") &&
    BOOKS_FOR_ME.test(t) &&
    !hasProfileSlots(slots)
  ) {
    return { agent: slots.category, continuation: false };
  }

  // "Forget the haircut, I need a plumber": the trade asked for, whatever was under way.
  if (role !== "provider" && slots.dropped && slots.category && slots.category !== slots.dropped) {
    return { agent: slots.category, continuation: false };
  }
  if (!r.continuation) {
    // Cancelling, moving or reviewing is about a booking that exists, whatever service it names.
    if (managesBookings(text, slots)) {
      if (isCategoryAgent(agent) || agent === "general") agent = "bookings";
    } else if (role !== "provider" && agent === "general" && wantsOffers(text) && !slots.category) {
      // "What offers do I have?" is about the user's requests, which the bookings agent keeps.
      agent = "bookings";
    } else if (role !== "provider" && slots.category && (agent === "bookings" || agent === "general")) {
      // Naming a service while the model heard "bookings" or small talk is a new request.
      agent = slots.category;
    } else if (
      slots.service &&
      slots.category &&
      isCategoryAgent(agent) &&
      agent !== slots.category &&
      r.confidence < SURE
    ) {
      // "Tidy up my beard": words of two trades, and the service named (a beard trim) decides.
      agent = slots.category;
    }
  }
  // A provider talking about their trade is talking about their profile.
  if (role === "provider" && agent === "general" && hasProfileSlots(slots)) {
    // "I speak Spanish and English": about the provider's listing, however the model heard it.
    agent = "profile";
  }
  if (role === "provider" && isCategoryAgent(agent) && (current === "profile" || hasProfileSlots(slots))) {
    agent = "profile";
  }
  if (!current || current === "general") return { agent, continuation: false };
  // "The haircut", "the friday one" after "which booking?": a pick among the user's bookings.
  if (
    current === "bookings" &&
    agent !== "bookings" &&
    tokenize(text).length <= 5 &&
    /\?\s*$|^\d\. /m.test(input.lastReply) &&
    !NEW_REQUEST.test(normaliseText(text)) &&
    !isSmallTalk(text)
  ) {
    return { agent: current, continuation: true };
  }
  if (r.continuation || agent === current) return { agent: current, continuation: true };
  // Thanks or goodbye belong to the conversation they close; a plain "hi" starts over.
  if (isSmallTalk(text) && !isGreeting(text)) return { agent: current, continuation: true };
  if (isCategoryAgent(current) && (wantsQuotes(text) || wantsOffers(text) || wantsFavoriteSaved(text))) {
    return { agent: current, continuation: true };
  }
  if (isCategoryAgent(current) && wantsUsual(text) && !slots.category) {
    return { agent: current, continuation: true };
  }
  // A short answer the model cannot place ("3 and 2", "Pipe Dreams") answers the question asked.
  const unsure = r.decidedBy === "low_confidence" || r.confidence < SURE;
  const outOfScope = r.intent === "out_of_scope" && !unsure;
  if (agent === "general" && !asksHelp(text) && !isGreeting(text)) {
    // Words that only make sense as an answer ("any time is fine", "yes please", "3 and 2") stay.
    if (answersSomething(slots) || (isCategoryAgent(current) && anyTime(text))) {
      return { agent: current, continuation: true };
    }
    if (!outOfScope && (tokenize(text).length <= 6 || /\?\s*$/.test(input.lastReply.trim()))) {
      return { agent: current, continuation: true };
    }
  }
  return { agent, continuation: false };
}

function answersSomething(s: Slots): boolean {
  return Boolean(
    s.act ||
      s.reference ||
      s.when ||
      s.zip ||
      s.budget ||
      s.bedrooms !== undefined ||
      s.bathrooms !== undefined ||
      s.rating !== undefined ||
      s.correction,
  );
}
