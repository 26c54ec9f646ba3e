import { extractSlots } from "../nlu/slots.js";
import { normaliseText, tokenize } from "../nlu/text-normalise.js";

// Detection only needs to know whether a time is there at all: any instant and zone will do.
const DETECTION = { now: new Date(Date.UTC(2026, 0, 7, 12)), timeZone: "UTC" };
const APPROVE =
  /^(?:approve[ds]?|i approve|confirm(?:ed)?|accept(?:ed)?|agreed?|yes,? (?:please|do it|book it|confirm))(?![a-z])/;
const REJECT = /^(?:reject(?:ed)?|decline[ds]?|deny|i decline|no,? (?:thanks|thank you|don'?t))(?![a-z])/;

/**
 * A reply to a pending confirmation: "approve" for a plain yes ("yes book it", "go ahead", "sure
 * thing"), "reject" for a plain no ("nope", "don't"), undefined for anything that says more ("yes
 * but at 4pm", "no, the second one"), which the conversation then handles as a new message.
 */
export function readAnswer(text: string): "approve" | "reject" | undefined {
  const t = normaliseText(text);
  if (!t || tokenize(t).length > 8) return undefined;
  const s = extractSlots(text, DETECTION);
  if (s.when || s.reference || s.zip || s.budget || s.service || s.category || s.correction) return undefined;
  if (s.bedrooms !== undefined || s.bathrooms !== undefined || s.rating !== undefined) return undefined;
  if (/\?$/.test(t)) return undefined;
  if (APPROVE.test(t)) return "approve";
  if (REJECT.test(t)) return "reject";
  if (s.act === "affirm") return "approve";
  if (s.act === "deny") return "reject";
  return undefined;
}
