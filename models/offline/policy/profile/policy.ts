import { pad, wallClockAt } from "../../../../core/zoned-time.js";
import { formatCents } from "../../../../db/profile-diff.js";
import type { ProfilePatch } from "../../../../tools/profile-patch.js";
import type { OfflineDecision, OfflineTurnInput } from "../../chat-model.js";
import {
  amendsLeftProposal,
  currentTurn,
  type Dialogue,
  latestHuman,
  previousReply,
  readDialogue,
  type ToolResult,
  type ToolStep,
} from "../conversation.js";
import { asksHelp, isSmallTalk, readsOwnListing, wantsEnrol } from "../cues.js";
import { andList, call, pick, reply } from "../nlg.js";
import type { DialogueNlu } from "../nlu.js";
import { answerProviderJobs, type JobsTurn, reactProviderJobs } from "../provider-jobs.js";
import { decideRoute } from "../routing.js";
import { capabilities, refusal, smallTalkReply } from "../small-talk.js";
import { isNotApproved, readChanges } from "../tool-results.js";
import { enrolQuestion, readEnrolment } from "./enrolment.js";
import { namesAnotherListing } from "./others-listing.js";
import { ownListingReply } from "./own-listing.js";
import { isEmptyPatch, type PartialHours, patchFromSlots } from "./patch.js";

const DAYS = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];

interface ProfileTurn extends JobsTurn {
  d: Dialogue;
}

/**
 * The provider's profile assistant: turns what they say about prices, durations, hours, days off,
 * area, services and bio into an update_profile patch, enrols a provider with no profile one
 * question at a time, and handles requests, offers and the schedule.
 */
export function profilePolicy(nlu: DialogueNlu) {
  return (input: OfflineTurnInput): OfflineDecision => {
    const d = readDialogue(input.messages);
    const t: ProfileTurn = { nlu, d, me: "profile", text: latestHuman(d), seed: d.fingerprint };
    const last = currentTurn(d).steps.at(-1);
    if (d.reacting && last && last.name !== "transfer_to_router") return react(t, last);
    return answer(t);
  };
}

function providerSlots(t: ProfileTurn, text: string) {
  return t.nlu.slots(text, {
    now: new Date(t.d.context.now),
    timeZone: t.d.context.timeZone,
    role: "provider",
  });
}

function hhmm(iso: string, timeZone: string): string {
  const w = wallClockAt(new Date(iso), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Hours the previous message left half-said, completed by a time in this one ("till 7 on fridays" → "from 9"). */
function completedHours(t: ProfileTurn): ProfilePatch | undefined {
  const previous = t.d.turns.at(-2);
  // The previous turn tried the half-said hours, and the tool had no hours of those days to keep.
  const askedBack = previous?.steps.every(
    (s) => s.name === "update_profile" && s.result?.code === "missing_hours",
  );
  if (!previous?.human || !askedBack) return undefined;
  const partial = patchFromSlots(providerSlots(t, previous.human)).partialHours;
  const when = providerSlots(t, t.text).when;
  if (!partial.length || !when) return undefined;
  const time = hhmm(when.start, t.d.context.timeZone);
  const setHours = partial.flatMap((h) =>
    h.weekdays.map((weekday) => ({ weekday, start: h.start ?? time, end: h.end ?? time })),
  );
  return setHours.every((h) => h.start < h.end) ? { setHours } : undefined;
}

/**
 * "No wait, make that $150" while a change of one service's price waits for approval: the same
 * change at the new price. Only when the amount can belong to one service and nothing else.
 */
function amendedPrice(t: ProfileTurn, slots: ReturnType<typeof providerSlots>): ProfilePatch | undefined {
  const left = amendsLeftProposal(t.d, "update_profile");
  if (!left || slots.prices?.length || slots.addServices?.length) return undefined;
  const amount = slots.budget?.maxCents ?? slots.budget?.targetCents;
  const services = (left.args as ProfilePatch).setServices;
  const only = services?.length === 1 ? services[0] : undefined;
  if (amount === undefined || !only || only.priceCents === undefined) return undefined;
  return { ...(left.args as ProfilePatch), setServices: [{ ...only, priceCents: amount }] };
}

function askMissingHour(partial: PartialHours[]): string {
  const h = partial[0]!;
  const days = andList(h.weekdays.map((d) => DAYS[d]!));
  return h.start ? `Until what time are you open on ${days}?` : `What time do you open on ${days}?`;
}

function answer(t: ProfileTurn): OfflineDecision {
  const { nlu, d, text, seed } = t;
  const ctx = d.context;
  if (nlu.unsafe(text)) return reply(refusal(seed, ctx.role));
  const enrolment = readEnrolment(nlu, d, "profile");
  // Requests, offers and the schedule are this agent's tools too: no need to hand those over.
  const jobs = enrolment.active ? undefined : answerProviderJobs(t);
  if (jobs) return jobs;
  const handedOver = currentTurn(d).steps.some((s) => s.name === "transfer_to_router");
  if (!handedOver) {
    const route = decideRoute(nlu, {
      text,
      current: "profile",
      role: ctx.role,
      lastReply: previousReply(d),
      now: new Date(ctx.now),
      timeZone: ctx.timeZone,
    });
    if (!route.continuation && route.agent !== "profile" && route.agent !== "general") {
      return call("transfer_to_router", { topic: text.slice(0, 200) });
    }
  }
  if (isSmallTalk(text)) return reply(smallTalkReply(text, ctx.role, seed));

  if (enrolment.active) {
    if (enrolment.next) return reply(enrolQuestion(enrolment.next));
    return call("update_profile", enrolment.gathered);
  }

  const completed = completedHours(t);
  if (completed) return call("update_profile", completed);
  const slots = providerSlots(t, text);
  const amended = amendedPrice(t, slots);
  if (amended) return call("update_profile", amended);
  const { patch } = patchFromSlots(slots);
  // A business's own name or bio may hold a possessive ("Joe's Plumbing"); a price or hours may not.
  const listingChange = patch.setServices || patch.removeServices || patch.setHours || patch.closedWeekdays;
  const other = listingChange && !patch.name && !patch.bio ? namesAnotherListing(text) : undefined;
  if (other) {
    return reply(
      `I can only change your own profile, not ${other}'s. If you meant your own, say it again without their name.`,
    );
  }
  if (!isEmptyPatch(patch)) return call("update_profile", patch);
  // "What do my prices look like?": the listing read back; get_provider without an id is the caller's own.
  if (readsOwnListing(text)) return call("get_provider", {});
  if (wantsEnrol(text)) {
    // An empty patch finds out whether a profile exists: missing_fields starts the enrolment.
    return call("update_profile", slots.category ? { category: slots.category } : {});
  }
  if (asksHelp(text)) return reply(`${capabilities(ctx.role)} Just tell me what changed.`);
  return reply(
    pick(seed, [
      'Tell me what to change, for example "a fade is $45 now", "I\'m off Mondays", "open Saturdays 10-2" or "I cover 10 miles around 78704".',
      'What should I update? You can say things like "deep cleans take 4 hours", "I\'m away Dec 24 to 26" or "I also do beard trims for $15".',
    ]),
  );
}

const DAY_NAMES: Record<string, string> = {
  Sun: "Sunday",
  Mon: "Monday",
  Tue: "Tuesday",
  Wed: "Wednesday",
  Thu: "Thursday",
  Fri: "Friday",
  Sat: "Saturday",
};

/** A change as the provider reads it: "Skin Fade $45, 45 min", "Monday closed", "radius 16.1 km". */
function describeChange(c: { field: string; to: string | null }): string {
  const to = c.to ?? "removed";
  if (c.field === "service radius (km)") return `service radius ${to} km`;
  const hours = /^hours (\w+)$/.exec(c.field);
  if (hours) return `${DAY_NAMES[hours[1]!] ?? hours[1]} ${to}`;
  if (/^service .+ description$/.test(c.field)) return c.field.replace(/^service /, "");
  const service = /^service (.+)$/.exec(c.field);
  if (service) return `${service[1]} ${to}`;
  if (c.field === "zip" || c.field === "name") return `${c.field} ${to}`;
  if (c.field === "time off") return "time off added";
  return c.field;
}

/** Hours that would end before they start, from the tool's structured fields. */
function hoursRefused(r: ToolResult): string {
  const error = r.body.error as { weekday?: unknown; start?: unknown; end?: unknown };
  const day = typeof error.weekday === "number" ? DAYS[error.weekday] : undefined;
  if (!day || typeof error.start !== "string" || typeof error.end !== "string")
    return "Those hours would end before they start. What should they be?";
  return `That would make ${day} ${error.start}–${error.end}, which ends before it starts. What hours should ${day} be?`;
}

/** Why a price could not change by an amount, from the tool's structured fields. */
function priceChangeRefused(r: ToolResult): string {
  const error = r.body.error as { services?: unknown; service?: unknown; priceCents?: unknown };
  if (Array.isArray(error.services)) {
    const names = error.services.filter((n): n is string => typeof n === "string");
    return names.length
      ? `I couldn't tell which service to change; yours are ${andList(names)}. Which one, and by how much?`
      : 'You have no services yet. Tell me one with its price, like "regular clean $120".';
  }
  const price = typeof error.priceCents === "number" ? ` (it's ${formatCents(error.priceCents)} now)` : "";
  return `That would take the price of ${String(error.service ?? "that service")} below zero${price}. What should it cost?`;
}

function react(t: ProfileTurn, step: ToolStep): OfflineDecision {
  const jobs = reactProviderJobs(t, step);
  if (jobs) return jobs;
  if (step.name === "get_provider") return reply(ownListingReply(step.result, new Date(t.d.context.now)));
  if (step.name !== "update_profile") return reply("Done. What else would you like to change?");
  const r = step.result;
  if (r?.ok) {
    const changes = readChanges(r) ?? [];
    if (r.status === "created") {
      const hasServices = changes.some((c) => c.field.startsWith("service "));
      const tip = hasServices
        ? "Customers searching nearby can find and book you now."
        : 'Add your services with prices next (e.g. "regular clean $120") so customers can book you.';
      return reply(`Welcome aboard, your profile is live! ${tip}`);
    }
    const what = [...new Set(changes.map(describeChange))].slice(0, 6);
    const list = what.length ? `: ${andList(what)}` : "";
    return reply(
      pick(t.seed, [
        `Done, your profile is updated${list}. Customers see the change right away.`,
        `Saved${list}. Customers' searches already show it.`,
      ]),
    );
  }
  if (isNotApproved(r)) return reply("Okay, I left your profile as it was. What should be different?");
  if (r?.code === "missing_fields") {
    const enrolment = readEnrolment(t.nlu, t.d, "profile");
    return reply(enrolQuestion(enrolment.next ?? "name"));
  }
  if (r?.code === "invalid_price_change") return reply(priceChangeRefused(r));
  if (r?.code === "missing_hours") {
    const partial = patchFromSlots(providerSlots(t, t.text)).partialHours;
    if (partial.length) return reply(askMissingHour(partial));
  }
  if (r?.code === "invalid_hours") return reply(hoursRefused(r));
  if (r?.code === "invalid_break")
    return reply("That break falls outside your hours on those days. When is your break, and on which days?");
  if (r?.code === "no_change") return reply("Your profile already says that. Anything else to change?");
  return reply("I couldn't apply that change. Could you say it another way?");
}
