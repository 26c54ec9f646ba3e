import type { OfflineDecision } from "../../chat-model.js";
import type { ToolStep } from "../conversation.js";
import { call, reply, slotTimes } from "../nlg.js";
import { reactProviderJobs } from "../provider-jobs.js";
import { closestTo, isExact, matchTime } from "../time-match.js";
import { isNotApproved, readAvailability, readBooked, readOffers, readRescheduled } from "../tool-results.js";
import { leftToCancel } from "./cancel-all.js";
import { type BookingsTurn, proceed } from "./proceed.js";

/** Answers the result of the tool this agent just called: the list, a write, or the new times. */
export function react(t: BookingsTurn, step: ToolStep): OfflineDecision {
  const jobs =
    t.d.context.role === "provider" && step.name !== "list_schedule"
      ? reactProviderJobs({ ...t }, step)
      : undefined;
  if (jobs) return jobs;
  const r = step.result;
  switch (step.name) {
    case "list_bookings":
    case "list_schedule":
      if (!r?.ok) return reply("Sorry, I couldn't load your bookings just now.");
      return proceed(t);
    case "cancel_booking":
      if (r?.ok) {
        const b = readBooked(r);
        const done = b
          ? `Cancelled: ${b.serviceName ?? "your booking"} with ${b.providerName} on ${b.local}.`
          : "Cancelled.";
        // The next of "cancel both of them", if any is left.
        const next = leftToCancel(t.nlu, t.d)?.[0];
        if (next) return call("cancel_booking", { bookingId: next.bookingId }, `${done} Next:`);
        return reply(`${done} Anything else?`);
      }
      if (isNotApproved(r)) return reply("Okay, I left it booked. Anything else?");
      if (r?.code === "not_found")
        return reply("I can only cancel your own bookings, and I don't see that one among them.");
      return reply("That booking can't be cancelled any more (it's already cancelled or has started).");
    case "check_availability": {
      const a = readAvailability(r);
      const b = t.task.booking;
      if (!a || !b) return reply("Sorry, I couldn't check the new time just now.");
      const target = t.task.target;
      const hit = target ? matchTime(a.slots, target, t.d.context.timeZone)[0] : undefined;
      if (hit && target && (isExact(target) || a.slots.length === 1)) {
        return call("reschedule_booking", { bookingId: b.bookingId, startsAt: hit.startsAt });
      }
      if (a.slots.length === 0)
        return reply(`${a.providerName} has no free time then. Which other day or time would work?`);
      const options =
        target && isExact(target)
          ? closestTo(a.slots, target.start).slice(0, 3)
          : (target ? matchTime(a.slots, target, t.d.context.timeZone) : a.slots).slice(0, 3);
      const sorted = (options.length ? options : a.slots.slice(0, 3)).sort((x, y) =>
        x.startsAt.localeCompare(y.startsAt),
      );
      const lead = target && isExact(target) ? `${a.providerName} isn't free at ${target.text}. ` : "";
      return reply(
        `${lead}${a.providerName} can do ${slotTimes(sorted.map((s) => s.local))}. Which time should I move it to?`,
      );
    }
    case "reschedule_booking": {
      if (r?.ok) {
        const b = readRescheduled(r);
        return reply(
          b ? `Moved: ${b.serviceName} with ${b.providerName} is now on ${b.to}.` : "Moved. Anything else?",
        );
      }
      if (isNotApproved(r)) return reply("Okay, I kept the original time. Anything else?");
      const next = (r?.body.error as { next?: { local: string }[] } | undefined)?.next;
      if (Array.isArray(next) && next.length)
        return reply(
          `That time doesn't work for them. Free instead: ${slotTimes(next.slice(0, 3).map((s) => s.local))}. Which one?`,
        );
      return reply("That booking can't be moved (it may be cancelled or already started).");
    }
    case "leave_review":
      if (r?.ok) return reply(`Thanks! Your ${String(step.args.rating)}-star review is posted.`);
      if (isNotApproved(r)) return reply("Okay, I didn't post it. Want to change the stars or the words?");
      if (r?.code === "conflict")
        return reply(
          "That appointment hasn't happened yet (or already has a review), so I can't post a review for it.",
        );
      return reply("I couldn't post that review: I can only review your own past bookings.");
    case "list_offers": {
      const o = readOffers(r);
      if (!o) return reply("Sorry, I couldn't load your offers just now.");
      const pending = o.filter((x) => x.status === "pending");
      if (!pending.length) return reply("No open offers on your requests yet.");
      return reply(
        `Offers on your requests:\n${pending.map((x, i) => `${i + 1}. ${x.providerName}: ${x.price}, ${x.local}`).join("\n")}\nWhich one would you like to accept?`,
      );
    }
    case "accept_offer": {
      if (r?.ok) {
        const b = readBooked(r);
        return reply(
          b
            ? `Accepted: you're booked with ${b.providerName}${b.local ? ` on ${b.local}` : ""}${b.price ? ` for ${b.price}` : ""}.`
            : "Accepted, you're booked.",
        );
      }
      if (isNotApproved(r)) return reply("Okay, I didn't accept it.");
      return reply("That offer can't be accepted any more.");
    }
    default:
      return reply("Done. Anything else?");
  }
}
