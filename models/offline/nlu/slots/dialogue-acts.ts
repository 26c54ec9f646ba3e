import {
  AFFIRM_ANYWHERE,
  AFFIRM_OPENERS,
  CORRECTION_CUES,
  DENY_ANYWHERE,
  DENY_OPENERS,
} from "../lexicon/dialogue-acts.js";

const opener = (words: string[]) => new RegExp(`^(?:${words.join("|")})(?![a-z'])`);
const anywhere = (words: string[]) => new RegExp(`(?<![a-z'])(?:${words.join("|")})(?![a-z'])`);

const AFFIRM_START = opener(AFFIRM_OPENERS);
const AFFIRM_ANY = anywhere(AFFIRM_ANYWHERE);
const DENY_START = opener(DENY_OPENERS);
const DENY_ANY = anywhere(DENY_ANYWHERE);
const CORRECTION = anywhere(CORRECTION_CUES);
// "no, I meant saturday" corrects rather than refuses.
const NO_THEN_CORRECTION =
  /^(?:no|nope|nah|sorry)[,!.]? (?:i meant|i mean|make it|actually|change|it'?s|it should)/;
const GREETING_OK = /^(?:ok(?:ay)?|cool|great)[,!. ]+(?:thanks|thank you|thx|ty|cheers|bye)/;
const STRIP_FILLER = /^(?:(?:hmm+|um+|uh+|well|oh|ah|so|actually|wait)[,.!]? )+/;

/** "yes" / "no": from the opening words, or from phrases like "book it" / "don't book it" anywhere. */
export function extractAct(text: string): "affirm" | "deny" | undefined {
  const t = text.replace(STRIP_FILLER, "").trim();
  if (GREETING_OK.test(t)) return undefined;
  if (NO_THEN_CORRECTION.test(t)) return undefined;
  if (DENY_ANY.test(t)) return "deny";
  if (DENY_START.test(t)) {
    // "no more than $100", "no hot water": a leading "no" that is not an answer.
    if (/^no (?!thanks|thank|way|need|,)[a-z]/.test(t) && !/^no[,.!]/.test(t)) return undefined;
    if (/^don'?t (?!book|do it|bother|want|worry)/.test(t)) return undefined;
    return "deny";
  }
  if (AFFIRM_ANY.test(t)) return "affirm";
  if (AFFIRM_START.test(t)) {
    // "ok and can you also..." moves on rather than answers.
    if (
      /^(?:ok(?:ay)?|alright|right|cool|sure)[,.]? (?:and|so|but|now|also|what|how|can|could)(?![a-z])/.test(
        t,
      )
    )
      return undefined;
    // "sure, can you also..." is still a yes; "right now" or "fine dining" are not.
    if (/^(?:right|fine|great|cool|k|correct|exactly|perfect|deal) (?!thanks|then|,)[a-z]/.test(t))
      return undefined;
    if (/^(?:confirm|confirmed) (?:my|the|a) /.test(t) && t.split(" ").length > 4) return undefined;
    return "affirm";
  }
  return undefined;
}

/** "actually", "instead", "make it", "change it to", "no, I meant": a change to an earlier answer. */
export function extractCorrection(text: string): boolean {
  // "actually no" / "wait, no" opens a refusal, not a change.
  const t = text.replace(/^(?:actually|wait)[,.!]? (?=(?:no|nope|nah)(?![a-z]))/, "");
  return CORRECTION.test(t) || NO_THEN_CORRECTION.test(t);
}
