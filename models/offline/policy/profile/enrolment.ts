import type { ProfilePatch } from "../../../../tools/profile-patch.js";
import { normaliseSpacing } from "../../nlu/text-normalise.js";
import type { Dialogue } from "../conversation.js";
import { wantsSkip } from "../cues.js";
import type { DialogueNlu } from "../nlu.js";
import { readMissingFields } from "../tool-results.js";
import { mergePatches, patchFromSlots } from "./patch.js";

/** What an enrolling provider is asked, in order: what the tool requires, then their menu and hours. */
export type EnrolField = "name" | "category" | "zip" | "services" | "hours";

export interface Enrolment {
  /** update_profile said the profile does not exist yet, and it has not been created since. */
  active: boolean;
  /** Everything the provider has said since, as one patch (category included). */
  gathered: ProfilePatch;
  /** The next thing to ask, or undefined when the profile can be created. */
  next: EnrolField | undefined;
}

const NAME_LEAD =
  /^(?:(?:it'?s|it is|we'?re|we are|i'?m|i am|the name is|name'?s|the business is|my business is|our business is|my business name is|business name is|we'?re called|it'?s called|call (?:it|us|me)|called|just)\s+)+/i;

/** A business name given as a bare answer: "It's Pipe Dreams." → "Pipe Dreams". */
export function nameFromAnswer(text: string): string | undefined {
  const name = normaliseSpacing(text)
    .replace(NAME_LEAD, "")
    .replace(/[.!?]+$/, "")
    .split(/,|\band (?:we|i)\b/i)[0]!
    .replace(/^["']|["']$/g, "")
    .trim();
  return name.length >= 2 && name.length <= 120 && /[a-z]/i.test(name) ? name : undefined;
}

function nextField(p: ProfilePatch, skipped: Set<EnrolField>): EnrolField | undefined {
  if (!p.name) return "name";
  if (!p.category) return "category";
  if (!p.zip) return "zip";
  if (!p.setServices?.length && !skipped.has("services")) return "services";
  if (!p.setHours?.length && !p.closedWeekdays?.length && !skipped.has("hours")) return "hours";
  return undefined;
}

/**
 * Rebuilds an enrolment from the messages: it starts at the turn whose update_profile answered
 * missing_fields, and gathers every later message, reading a bare answer as the field asked for
 * ("Pipe Dreams" after "what's your business called?").
 */
export function readEnrolment(nlu: DialogueNlu, d: Dialogue, me: string): Enrolment {
  let start = -1;
  d.turns.forEach((turn, i) => {
    for (const s of turn.steps) {
      if (s.name !== "update_profile" || (s.agent !== undefined && s.agent !== me)) continue;
      if (readMissingFields(s.result).length > 0 && start < 0) start = i;
      if (s.result?.ok) start = -1;
    }
  });
  if (start < 0) return { active: false, gathered: {}, next: undefined };
  const ctx = { now: new Date(d.context.now), timeZone: d.context.timeZone, role: "provider" as const };
  let gathered: ProfilePatch = {};
  const skipped = new Set<EnrolField>();
  let first = true;
  for (const turn of d.turns.slice(start)) {
    if (turn.human === undefined) continue;
    const asked = first ? undefined : nextField(gathered, skipped);
    first = false;
    const slots = nlu.slots(turn.human, ctx);
    const patch = patchFromSlots(slots).patch;
    if (slots.category) patch.category = slots.category;
    if (asked === "name" && !patch.name) {
      const name = nameFromAnswer(turn.human);
      if (name && !slots.zip) {
        patch.name = name;
        // The words of a name ("Pipe Dreams") are not a trade.
        delete patch.category;
      }
    }
    if (
      (asked === "services" && !patch.setServices?.length) ||
      (asked === "hours" && !patch.setHours?.length)
    ) {
      if (wantsSkip(turn.human) || slots.act === "deny") skipped.add(asked);
    }
    gathered = mergePatches(gathered, patch);
  }
  return { active: true, gathered, next: nextField(gathered, skipped) };
}

export function enrolQuestion(field: EnrolField): string {
  switch (field) {
    case "name":
      return "Welcome to Proxie! Let's set up your profile. What's the name of your business?";
    case "category":
      return "What do you offer: haircuts and grooming, cleaning, or plumbing?";
    case "zip":
      return "What's the zip code you work from?";
    case "services":
      return 'Which services do you offer, with prices? For example "deep clean $200, regular clean $120". You can also say "later".';
    case "hours":
      return 'What are your working hours? For example "weekdays 9 to 5, Saturdays 10-2". Or say "later".';
  }
}

/** Missing fields as the tool names them, for when the gathered patch lost track. */
export function fieldsMissing(d: Dialogue): string[] {
  for (const turn of [...d.turns].reverse()) {
    for (const s of [...turn.steps].reverse()) {
      const fields = readMissingFields(s.result);
      if (fields.length) return fields;
    }
  }
  return [];
}
