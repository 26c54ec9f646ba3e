import type { Category } from "../lexicon/services.js";
import { findCategoryWords, findServiceMentions, serviceAndCategoryOf } from "./services.js";
import type { WorkingText } from "./working-text.js";

const DROP_CUE =
  /(?<![a-z])(?:forget|never ?mind|scratch|skip|ditch|instead of|rather than)(?: about)? (?:the |my |a |an |that |this )?/g;

/**
 * A trade the user drops for another in the same breath: "forget the haircut, I need a plumber".
 * The dropped words are consumed, so that the trade asked for is the one the slots name. Without
 * another trade named ("forget the cleaning on thursday") the words stay: they say which booking.
 */
export function extractDropped(w: WorkingText): Category | undefined {
  const text = w.value;
  const cues = [...text.matchAll(DROP_CUE)];
  // Most messages drop nothing: the mentions are looked for only when a cue is there.
  if (cues.length === 0) return undefined;
  const services = findServiceMentions(text);
  const words = findCategoryWords(text);
  for (const cue of cues) {
    const at = cue.index + cue[0].length;
    const named = services.find((m) => m.start === at) ?? words.find((m) => m.start === at);
    if (!named) continue;
    const rest = `${text.slice(0, cue.index)} ${" ".repeat(named.end - cue.index)}${text.slice(named.end)}`;
    const wanted = serviceAndCategoryOf(rest).category;
    if (!wanted || wanted === named.category) continue;
    w.consume(cue.index, named.end);
    return named.category;
  }
  return undefined;
}
