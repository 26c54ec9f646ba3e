import { addDays, formatInZone, instantAt, wallClockAt } from "../../../../core/zoned-time.js";
import { WEEKDAY_NAMES } from "../../nlu/lexicon/time-words.js";
import { dayShift, timeShiftMinutes, withoutShift } from "../../nlu/slots/time-shift.js";
import type { TimeWindow } from "../../nlu/slots.js";
import { normaliseText } from "../../nlu/text-normalise.js";
import type { Dialogue } from "../conversation.js";
import { wantsAccept, wantsCancel, wantsList, wantsOffers, wantsReschedule, wantsReview } from "../cues.js";
import type { DialogueNlu } from "../nlu.js";
import { anchorTime } from "../time-match.js";
import { type BookingView, readBookings } from "../tool-results.js";
import { matchBookings, readBookingWords } from "./reference.js";

/**
 * The day a time said alone belongs to: the new day already asked for ("thursday at 1pm", then
 * "I meant 2pm"), else the booking's own ("push my friday haircut back to 2pm").
 */
function dayOf(
  task: { target: TimeWindow | undefined; booking?: BookingView | undefined },
  timeZone: string,
): TimeWindow | undefined {
  if (task.target || !task.booking) return task.target;
  return instantOnItsDay(task.booking.startsAt, timeZone);
}

/** An instant as a window that names its weekday, so that a time said alone anchors to that day. */
function instantOnItsDay(at: string, timeZone: string): TimeWindow {
  const weekday = WEEKDAY_NAMES[wallClockAt(new Date(at), timeZone).weekday]![0]!;
  return { start: at, end: at, text: weekday };
}

const SAME_TIME = /(?<![a-z])(?:same time|same hour|at the same time|usual time)(?![a-z])/;

export type BookingAction = "cancel" | "reschedule" | "review" | "offers" | "list";
export type ListWhich = "upcoming" | "past" | "all";

/** What the user wants done with which booking, rebuilt from the messages since they asked. */
export interface BookingTask {
  action: BookingAction | undefined;
  /** Index of the turn where the action was asked for. */
  startTurn: number;
  /** The list of bookings that applies, if one was fetched since (or just before) the ask. */
  list: BookingView[] | undefined;
  which: ListWhich;
  /** The one booking meant, once the words pick exactly one. */
  booking: BookingView | undefined;
  /** Several bookings fit the words: the user is asked which. */
  candidates: BookingView[];
  /** The latest words matched none of the bookings. */
  notFound: boolean;
  /** The day or time the words that pick a booking name ("who's coming tomorrow?"). */
  pickedWhen: TimeWindow | undefined;
  target: TimeWindow | undefined;
  rating: number | undefined;
  reviewText: string | undefined;
}

// "I'd like to leave a review for my plumber" asks for a review; it is not part of it.
const REVIEW_REQUEST =
  /\b(?:leave|write|post|add|give|submit|do|make)\b.*\b(?:review|rating|feedback)\b|\b(?:review|rate)\b (?:for |of )?(?:my|the|our|him|her|them)\b/i;

function reviewWords(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const kept = text
    .split(/,\s*/)
    .filter((part) => !REVIEW_REQUEST.test(part))
    .join(", ")
    .trim();
  return kept || undefined;
}

const PRONOUN = /\b(?:it|that|this one|that one|this booking|that booking|that appointment)\b/i;

export function actionOf(text: string): BookingAction | undefined {
  if (wantsOffers(text) || wantsAccept(text)) return "offers";
  if (wantsCancel(text)) return "cancel";
  if (wantsReschedule(text)) return "reschedule";
  if (wantsReview(text)) return "review";
  if (wantsList(text)) return "list";
  return undefined;
}

function listWhich(action: BookingAction | undefined, text: string): ListWhich {
  if (action === "review") return "past";
  if (action === "list") {
    const t = normaliseText(text);
    if (/(?<![a-z])(?:past|previous|history|before|last|done|completed|old)(?![a-z])/.test(t)) return "past";
    if (/(?<![a-z])all(?![a-z])/.test(t)) return "all";
  }
  return "upcoming";
}

/** A finished write of the task's kind closes it: the next message starts a new one. */
function closes(status: string | undefined): boolean {
  return status === "cancelled" || status === "rescheduled" || status === "reviewed" || status === "booked";
}

// "Which is cheaper?" right after the offers were shown is about the offers, not a list of bookings.
export const BOOKING_WORDS = /\b(?:bookings?|appointments?|appts?|reservations?|scheduled?)\b/i;
const ABOUT_OPTIONS =
  /\b(?:which|who|cheap\w*|best|soonest|earliest|first|second|third|last|that one|this one|either|the other)\b/;

function followsOffers(text: string, previous: Dialogue["turns"][number] | undefined): boolean {
  if (!previous?.steps.some((s) => s.name === "list_offers" && s.result?.ok)) return false;
  const t = text.toLowerCase();
  return actionOf(text) === "list" && ABOUT_OPTIONS.test(t) && !BOOKING_WORDS.test(t);
}

/**
 * Rebuilds the task: the latest message that asks for something sets the action; later messages
 * pick among the bookings ("the friday one"), then give the new time or the stars.
 */
export function readTask(nlu: DialogueNlu, d: Dialogue, me: string): BookingTask {
  const ctx = { now: new Date(d.context.now), timeZone: d.context.timeZone };
  let startTurn = -1;
  let action: BookingAction | undefined;
  d.turns.forEach((turn, i) => {
    if (turn.human !== undefined) {
      const a = followsOffers(turn.human, d.turns[i - 1]) ? "offers" : actionOf(turn.human);
      if (a) {
        action = a;
        startTurn = i;
      }
    }
    if (turn.steps.some((s) => s.result?.ok && closes(s.result.status)) && i < d.turns.length - 1) {
      action = undefined;
      startTurn = -1;
    }
  });
  const latest = d.turns.length - 1;
  if (startTurn < 0) startTurn = latest;
  const which = listWhich(action, d.turns[startTurn]?.human ?? "");
  const task: BookingTask = {
    action,
    startTurn,
    list: undefined,
    which,
    booking: undefined,
    candidates: [],
    notFound: false,
    pickedWhen: undefined,
    target: undefined,
    rating: undefined,
    reviewText: undefined,
  };

  // A list fetched before the ask is only reused for a pick by position ("cancel the second one"):
  // otherwise the list is fetched again, since bookings may have changed since.
  const startText = d.turns[startTurn]?.human ?? "";
  const byPosition = nlu.slots(startText, { ...ctx, role: "consumer" }).reference?.kind === "ordinal";
  let listTurn = -1;
  d.turns.forEach((turn, i) => {
    if (i < startTurn && !byPosition) return;
    for (const s of turn.steps) {
      if (s.name !== "list_bookings" && s.name !== "list_schedule") continue;
      if (s.agent !== undefined && s.agent !== me) continue;
      const got = readBookings(s.result);
      const gotWhich = (s.args.which as ListWhich | undefined) ?? "upcoming";
      if (got && (gotWhich === which || gotWhich === "all")) {
        task.list = got;
        listTurn = i;
      }
    }
  });
  if (!task.list || listTurn < 0) return task;

  let candidates = task.list;
  // "Can I move it to saturday?": "it" is the booking the previous message was about.
  const previousText = [...d.turns.slice(0, startTurn)].reverse().find((x) => x.human !== undefined)?.human;
  if (previousText && PRONOUN.test(d.turns[startTurn]?.human ?? "")) {
    const words = readBookingWords(nlu, previousText, candidates, ctx, false);
    const found = matchBookings(words.which, candidates, ctx.timeZone, false);
    if (found.length === 1) task.booking = found[0];
    else if (found.length > 1 && found.length < candidates.length) candidates = found;
  }
  let sameTime = false;
  let shiftMinutes: number | undefined;
  let shiftDays: number | undefined;
  for (let i = startTurn; i <= latest; i++) {
    const text = d.turns[i]!.human;
    if (text === undefined) continue;
    if (SAME_TIME.test(normaliseText(text))) sameTime = true;
    const minutes = timeShiftMinutes(text);
    const days = dayShift(text);
    shiftMinutes = minutes ?? shiftMinutes;
    // "Push my friday haircut 30 min": with a shift, a day said names the booking, not a new day.
    const shifting = minutes !== undefined || days !== undefined;
    const reschedule = action === "reschedule" && !shifting;
    if (!task.booking) {
      const words = readBookingWords(nlu, shifting ? withoutShift(text) : text, candidates, ctx, reschedule);
      // Positions point into the list the user saw: the whole list, or the few they were asked about.
      const shownBefore = listTurn < i || candidates !== task.list;
      const found = matchBookings(words.which, candidates, ctx.timeZone, shownBefore);
      task.notFound = found.length === 0;
      task.pickedWhen = words.which.when ?? task.pickedWhen;
      if (found.length === 1) task.booking = found[0];
      else if (found.length > 1 && found.length < candidates.length) candidates = found;
      else if (found.length > 1 && i === startTurn) candidates = found;
      if (words.target) task.target = anchorTime(words.target, dayOf(task, ctx.timeZone), [], ctx.timeZone);
      const s = words.which;
      task.rating = s.rating ?? task.rating;
      task.reviewText = reviewWords(s.reviewText) ?? task.reviewText;
    } else {
      const s = nlu.slots(text, { ...ctx, role: "consumer" });
      // "The 10:30 one" after times on saturday were shown: 10:30 that saturday.
      if (s.when) task.target = anchorTime(s.when, dayOf(task, ctx.timeZone), [], ctx.timeZone);
      task.rating = s.rating ?? task.rating;
      task.reviewText = reviewWords(s.reviewText) ?? task.reviewText;
    }
    // "A week later" is counted from the booking, not from today as the date reader takes it.
    if (days !== undefined) shiftDays = days;
    if (shifting) task.target = undefined;
  }
  // "Friday, same time": the day said, at the booking's own time of day.
  if (sameTime && task.booking && task.target) {
    const at = task.booking.startsAt;
    task.target = anchorTime({ start: at, end: at, text: "" }, task.target, [], ctx.timeZone);
  }
  // "An hour later": the booking's own time, moved by that much.
  if (shiftMinutes !== undefined && task.booking && !task.target) {
    const at = new Date(new Date(task.booking.startsAt).getTime() + shiftMinutes * 60_000).toISOString();
    task.target = { start: at, end: at, text: "" };
  }
  // "A week later": the same time of day, that many days on (a clock change in between or not).
  if (shiftDays !== undefined && task.booking && !task.target) {
    const w = wallClockAt(new Date(task.booking.startsAt), ctx.timeZone);
    const day = addDays(w, shiftDays);
    const at = formatInZone(instantAt(day, w.hour, w.minute, ctx.timeZone), ctx.timeZone);
    task.target = instantOnItsDay(at, ctx.timeZone);
  }
  task.candidates = task.booking ? [task.booking] : candidates;
  return task;
}
