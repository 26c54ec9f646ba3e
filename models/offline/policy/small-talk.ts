import type { Role } from "../../../core/principal.js";
import { isFarewell, isGreeting, isThanks } from "./cues.js";
import { pick } from "./nlg.js";

export function capabilities(role: Role): string {
  if (role === "provider") {
    return "I keep your Proxie profile up to date from chat (services, prices, durations, hours, days off, service area, bio), show open customer requests near you and send offers, and show your schedule.";
  }
  return "I can find and book a haircut, a home cleaning or a plumber near you, show prices and free times, post a job so local pros send you offers, and cancel, move or review your bookings.";
}

/** A short answer to a greeting, thanks or goodbye. */
export function smallTalkReply(text: string, role: Role, seed: string): string {
  if (isThanks(text)) {
    return pick(seed, [
      "You're welcome! Anything else I can help with?",
      "Happy to help! Let me know if you need anything else.",
      "Anytime! Is there anything else?",
    ]);
  }
  if (isFarewell(text)) return pick(seed, ["Bye for now, take care!", "See you soon!", "Have a great day!"]);
  if (isGreeting(text)) {
    return pick(seed, [
      `Hi! I'm Proxie. ${capabilities(role)} What can I do for you?`,
      `Hello! ${capabilities(role)} How can I help?`,
    ]);
  }
  return "Okay! What would you like to do next?";
}

export function refusal(seed: string, role: Role): string {
  return pick(seed, [
    `Sorry, I can't help with that. I only act for you, on your own bookings and profile. ${capabilities(role)}`,
    `I can't do that: I only see and change your own bookings and profile, and I follow Proxie's rules. ${capabilities(role)}`,
  ]);
}
