import type { OfflineDecision } from "../../chat-model.js";
import type { Dialogue } from "../conversation.js";
import { call, pick, reply } from "../nlg.js";
import type { DialogueNlu } from "../nlu.js";
import { isExact, matchTime, pickByBareHour } from "../time-match.js";
import { type BookingView, readAvailability } from "../tool-results.js";
import { leftToCancel } from "./cancel-all.js";
import { foreignId, namesSomeoneElse } from "./reference.js";
import type { BookingTask } from "./task.js";

/** What a bookings decision reads, rebuilt from the messages on every call. */
export interface BookingsTurn {
  nlu: DialogueNlu;
  d: Dialogue;
  me: "bookings";
  text: string;
  seed: string;
  task: BookingTask;
}

export function bookingLine(b: BookingView, i?: number): string {
  const status = b.status === "confirmed" ? "" : ` (${b.status})`;
  return `${i ?? b.option}. ${b.serviceName} with ${b.providerName}, ${b.local}, ${b.price}${status}`;
}

/** Acts on the task now that the list is known: refuse, present, ask which, or call the write. */
export function proceed(t: BookingsTurn): OfflineDecision {
  const { task, text, seed, d } = t;
  const list = task.list ?? [];
  const other = namesSomeoneElse(text, list);
  if (other || foreignId(text, list)) {
    const who = other ? `${other}'s booking isn't one of yours, and ` : "";
    return reply(
      `Sorry, I can't do that: ${who}I can only see and change your own bookings. Want me to show yours?`,
    );
  }
  if (task.action === undefined || task.action === "list") {
    if (list.length === 0) return reply(emptyList(task.which, d.context.role));
    // "Who's coming tomorrow?" with nothing then: say so, and what comes next.
    if (task.notFound && task.pickedWhen && task.which === "upcoming") {
      const next = list[0]!;
      // A provider's own business is on every line of their schedule: the job is what tells them apart.
      const what =
        d.context.role === "provider" ? next.serviceName : `${next.serviceName} with ${next.providerName}`;
      return reply(`Nothing is booked ${task.pickedWhen.text}. The next one is ${what}, ${next.local}.`);
    }
    // "When is my cleaning?": the ones the words point at, when they point at some.
    const some =
      task.candidates.length > 0 && task.candidates.length < list.length ? task.candidates : undefined;
    if (some?.length === 1) {
      const b = some[0]!;
      return reply(
        `Your ${b.serviceName} with ${b.providerName} is on ${b.local} (${b.price}). Want to change or cancel it?`,
      );
    }
    const shown = some ?? list;
    const head =
      task.which === "past"
        ? "Your past bookings:"
        : task.which === "all"
          ? "Your bookings:"
          : "Your upcoming bookings:";
    return reply(
      `${head}\n${shown
        .slice(0, 10)
        .map((b) => bookingLine(b))
        .join("\n")}\nWant to change or cancel one of them?`,
    );
  }
  if (list.length === 0) return reply(emptyList(task.which, d.context.role));
  // "Cancel both of them": one at a time, each with its own confirmation.
  const all = task.action === "cancel" && !task.booking ? leftToCancel(t.nlu, d) : undefined;
  if (all?.length) {
    return call(
      "cancel_booking",
      { bookingId: all[0]!.bookingId },
      `I'll cancel them one at a time, each with your OK (${all.length} in all). First:`,
    );
  }
  if (!task.booking) {
    if (task.notFound) {
      return reply(
        `I couldn't find that one among your ${task.which === "past" ? "past" : "upcoming"} bookings:\n${list
          .slice(0, 8)
          .map((b) => bookingLine(b))
          .join("\n")}\nWhich one do you mean?`,
      );
    }
    const c = task.candidates;
    return reply(
      `${pick(seed, ["Which one do you mean?", "I see more than one; which booking?"])}\n${c
        .slice(0, 8)
        .map((b, i) => bookingLine(b, i + 1))
        .join("\n")}`,
    );
  }
  const b = task.booking;
  if (task.action === "cancel") return call("cancel_booking", { bookingId: b.bookingId });
  if (task.action === "review") {
    if (b.upcoming)
      return reply(
        `Your ${b.serviceName} with ${b.providerName} is still ahead (${b.local}); you can review it afterwards.`,
      );
    if (task.rating === undefined)
      return reply(
        `How many stars (1 to 5) would you give ${b.providerName} for the ${b.serviceName}? Add a few words if you like.`,
      );
    return call("leave_review", { bookingId: b.bookingId, rating: task.rating, text: task.reviewText ?? "" });
  }
  // reschedule
  if (!task.target)
    return reply(
      `When would you like to move your ${b.serviceName} with ${b.providerName} (now ${b.local}) to?`,
    );
  const shownSlots = lastSlots(t, b.providerId);
  const matches = matchTime(shownSlots, task.target, d.context.timeZone);
  // A day or a part of it fits several of the times shown: only an exact time, a single fit or an
  // hour that picks one of them moves the booking; otherwise the times are asked about again.
  const hit =
    isExact(task.target) || matches.length === 1
      ? matches[0]
      : pickByBareHour(matches, text, d.context.timeZone);
  if (hit) return call("reschedule_booking", { bookingId: b.bookingId, startsAt: hit.startsAt });
  return call("check_availability", {
    providerId: b.providerId,
    ...window(task.target, new Date(d.context.now)),
    limit: 20,
  });
}

export function emptyList(which: string, role: string): string {
  if (role === "provider")
    return which === "past" ? "No past bookings yet." : "Nothing on your schedule yet.";
  return which === "past"
    ? "I don't see any past bookings on your account yet."
    : "You have no upcoming bookings. Tell me what you need (a haircut, a cleaning or a plumber) and I'll find someone.";
}

export function window(when: { start: string; end: string }, now: Date): { after: string; before: string } {
  const start = new Date(when.start).getTime();
  const end = new Date(when.end).getTime();
  const exact = start === end;
  const after = Math.max(now.getTime(), exact ? start - 3 * 3_600_000 : start);
  const before = Math.max(after + 3_600_000, exact ? start + 4 * 3_600_000 : end);
  return { after: new Date(after).toISOString(), before: new Date(before).toISOString() };
}

/** Slots of the provider shown since the task began (from check_availability or a slot_taken answer). */
export function lastSlots(t: BookingsTurn, providerId: string) {
  for (const turn of [...t.d.turns.slice(t.task.startTurn)].reverse()) {
    for (const s of [...turn.steps].reverse()) {
      const a = readAvailability(s.result);
      if (a && a.providerId === providerId) return a.slots;
      if (s.name === "reschedule_booking" && s.result && !s.result.ok) {
        const next = (s.result.body.error as { next?: unknown } | undefined)?.next;
        if (Array.isArray(next)) return next as { startsAt: string; endsAt: string; local: string }[];
      }
    }
  }
  return [];
}
