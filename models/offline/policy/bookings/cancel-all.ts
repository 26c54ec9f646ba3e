import type { Dialogue } from "../conversation.js";
import type { DialogueNlu } from "../nlu.js";
import type { BookingView } from "../tool-results.js";
import { actionOf, readTask } from "./task.js";

// "Cancel both of them", "cancel all my appointments next week": every booking the words fit.
const EVERY = /(?<![a-z])(?:both|all|every|each|everything)(?![a-z])/i;

/**
 * The bookings a "cancel them all" still leaves to cancel, one confirmation each: those the ask's
 * words fit when it was made, less those already proposed for cancelling since (approved or not:
 * a refusal ends the run, since the user then says what they want). Undefined when the latest ask
 * is not to cancel several.
 */
export function leftToCancel(nlu: DialogueNlu, d: Dialogue): BookingView[] | undefined {
  let ask = -1;
  for (let i = d.turns.length - 1; i >= 0; i--) {
    const human = d.turns[i]!.human;
    if (human === undefined) continue;
    const action = actionOf(human);
    if (action === undefined) continue;
    if (action === "cancel" && EVERY.test(human)) ask = i;
    break;
  }
  if (ask < 0) return undefined;
  const atAsk = readTask(nlu, { ...d, turns: d.turns.slice(0, ask + 1) }, "bookings");
  if (atAsk.action !== "cancel" || atAsk.booking || atAsk.candidates.length < 2) return undefined;
  const cancels = d.turns
    .slice(ask)
    .flatMap((t) => t.steps)
    .filter((s) => s.name === "cancel_booking");
  if (cancels.some((s) => s.result !== undefined && !s.result.ok)) return [];
  const proposed = new Set(cancels.map((s) => s.args.bookingId).filter((id) => typeof id === "string"));
  return atAsk.candidates.filter((b) => b.status === "confirmed" && b.upcoming && !proposed.has(b.bookingId));
}
