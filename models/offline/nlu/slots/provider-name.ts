import { NUMBER_WORDS } from "../lexicon/number-words.js";
import { GENERIC_NAME_WORDS } from "../lexicon/references.js";
import { CHILD_WORDS } from "../lexicon/services.js";
import { MONTH_NAMES, PARTS_OF_DAY, WEEKDAY_PATTERN } from "../lexicon/time-words.js";
import { findCategoryWords, findServiceMentions } from "./services.js";

/**
 * A business named in the message ("can Rapid Rooter Plumbing install it…", "save Fresh Fades
 * Barbershop"): a run of capitalised words, as people write names, read on the case-kept text.
 * Words that are capitalised for other reasons (the start of a sentence, "I", days, months) do
 * not count. A name typed in lower case is read from where it stands instead (see
 * `lowerCaseName`).
 */
const NOT_NAME_WORDS = new Set([
  "a",
  "an",
  "i",
  "i'm",
  "i'd",
  "i'll",
  "i've",
  "im",
  "can",
  "could",
  "would",
  "will",
  "please",
  "hi",
  "hey",
  "hello",
  "ok",
  "okay",
  "yes",
  "no",
  "what",
  "when",
  "where",
  "how",
  "do",
  "does",
  "is",
  "are",
  "book",
  "find",
  "need",
  "my",
  "asap",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "today",
  "tomorrow",
  "am",
  "pm",
  "on",
  "at",
  "in",
  "for",
  "to",
  "with",
  "from",
  "by",
  ...MONTH_NAMES,
]);

/** A small word capitalised mid-sentence ("Can I Get A Haircut On Friday") shows Title Case typing. */
const TITLE_CASE_TYPING =
  /[a-z,]['’]?\s+(?:A|An|On|At|In|For|To|Get|Can|My|Me|Is|Are|With|From|And|Or|It|This|Next)\b/;

const CONNECTORS = new Set(["&", "and", "of", "the", "n", "'n'"]);
const TOKEN = /[A-Za-z][A-Za-z'’.-]*|&/g;

export function extractProviderName(original: string): string | undefined {
  // A message Typed In Title Case capitalises everything: no word stands out as a name.
  if (TITLE_CASE_TYPING.test(original)) return undefined;
  let best: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length && CONNECTORS.has(run.at(-1)!.toLowerCase())) run.pop();
    const capitals = run.filter((w) => /^[A-Z]/.test(w)).length;
    if (capitals >= 2 && run.length > best.length) best = run;
    run = [];
  };
  let lastEnd = 0;
  for (const m of original.matchAll(TOKEN)) {
    const word = m[0].replace(/[.’']+$/, "");
    const gap = original.slice(lastEnd, m.index);
    lastEnd = m.index + m[0].length;
    // Punctuation other than spaces ends a name ("Fresh Fades, Tuesday").
    if (/[^\s]/.test(gap)) flush();
    const capitalised = /^[A-Z]/.test(word) && !NOT_NAME_WORDS.has(word.toLowerCase());
    if (capitalised) run.push(word);
    else if (run.length && CONNECTORS.has(word.toLowerCase())) run.push(word);
    else flush();
  }
  flush();
  if (best.length) return best.join(" ");
  return lowerCaseName(original.toLowerCase());
}

/** What a business is asked to do, or be: "can rapid rooter plumbing *install* it". */
const ASKED_TO =
  "install|fix|replace|repair|swap|put|change|hook|mount|look|check|inspect|snake|unblock|unclog|clear|patch|seal|flush|tackle|sort|deal|visit|stop|come|do|cut|clean|take|fit|handle|see|squeeze|book|be|open|available|free|work|charge|quote|give|trim|shave|style|color|colour|make|get|help|send|still";
/** What follows a business named as the object: "book rapid rooter *to* put in…", "with fresh fades *on* friday". */
const AFTER_OBJECT = `to|for|on|at|this|next|tomorrow|today|tonight|again|please|instead|${WEEKDAY_PATTERN}`;
const NAME_RUN = "((?:[a-z][a-z'&.-]*\\s+){1,4}?[a-z][a-z'&.-]*)";
// The name sits in a lookahead, so that a cue inside a rejected guess ("book *with* sparkle maids")
// is tried as a cue of its own.
const AS_SUBJECT = new RegExp(
  `\\b(?:can|could|would|will|does|do|is|are|has|have|did)\\s+(?=${NAME_RUN}\\s+(?:${ASKED_TO})\\b)`,
  "g",
);
const AS_OBJECT = new RegExp(
  `\\b(?:book|with|from|at|try|use|prefer|want)\\s+(?=${NAME_RUN}(?:\\s+(?:${AFTER_OBJECT})\\b|\\s*[.,!?]|\\s*$))`,
  "g",
);

/** Words that point at someone or something without naming a business. */
const NOT_IN_LOWER_CASE_NAMES = new Set([
  ...NOT_NAME_WORDS,
  ...ASKED_TO.split("|"),
  ...Object.keys(NUMBER_WORDS),
  ...Object.keys(PARTS_OF_DAY),
  "the",
  "it",
  "its",
  "you",
  "u",
  "ya",
  "your",
  "our",
  "their",
  "his",
  "her",
  "me",
  "we",
  "they",
  "them",
  "he",
  "she",
  "this",
  "that",
  "these",
  "those",
  "someone",
  "somebody",
  "anyone",
  "anybody",
  "one",
  "guy",
  "lady",
  "person",
  "people",
  "place",
  "first",
  "second",
  "third",
  "last",
  "next",
  "same",
  "usual",
  "regular",
  "cheapest",
  "best",
  "another",
  "other",
  "some",
  "any",
  "all",
  "there",
  "here",
  "time",
  "slot",
  "week",
  "weekend",
  "hour",
  "hours",
  "minute",
  "minutes",
  "day",
  "days",
  "earlier",
  "later",
  "soon",
  "now",
  "something",
  "anything",
  "nothing",
  "everything",
  "both",
  "most",
  "many",
  "few",
  "several",
  "each",
  "every",
  "wife",
  "husband",
  "partner",
  "mom",
  "dad",
  "family",
  "friend",
  "cheaper",
  "closer",
  "nearer",
  "sooner",
  "faster",
  "quicker",
  "better",
  "really",
  "just",
  "also",
  "not",
]);

const CHILD = new RegExp(`^${CHILD_WORDS}$`);

/**
 * A business named in lower case, read from its place in the sentence: the subject of what is
 * asked ("can rapid rooter plumbing install it…", "is fresh fades open sunday") or the object of a
 * booking ("book rapid rooter to put in…"). Two to five words that are not pronouns, times,
 * numbers or a service ("can deep cleaning be done friday" names none), with at least one word
 * that is not a trade word. A wrong guess costs little: the search looks the words up, and only a
 * provider whose distinctive name words were all said is taken as the one meant.
 */
function lowerCaseName(lower: string): string | undefined {
  for (const re of [AS_SUBJECT, AS_OBJECT]) {
    for (const m of lower.matchAll(re)) {
      const words = m[1]!.trim().split(/\s+/);
      if (isLowerCaseName(words)) return words.join(" ");
    }
  }
  return undefined;
}

function isLowerCaseName(words: string[]): boolean {
  if (words.length < 2 || words.length > 5) return false;
  if (words.some((w) => NOT_IN_LOWER_CASE_NAMES.has(w.replace(/[.'’]+$/, "")) || CHILD.test(w))) return false;
  // Services and trade words may be part of a name ("fresh fades", "rapid rooter plumbing",
  // "sparkle maids"), but a name is more than them: "deep cleaning" and "drain cleaning" name none.
  const phrase = words.join(" ");
  const covered = new Array<boolean>(phrase.length).fill(false);
  for (const m of findServiceMentions(phrase)) covered.fill(true, m.start, m.end);
  for (const c of findCategoryWords(phrase)) {
    const end = phrase.indexOf(" ", c.start);
    covered.fill(true, c.start, end < 0 ? phrase.length : end);
  }
  let at = 0;
  return words.some((w) => {
    const start = phrase.indexOf(w, at);
    at = start + w.length;
    return !covered[start] && !GENERIC_NAME_WORDS.has(w) && !CONNECTORS.has(w);
  });
}
