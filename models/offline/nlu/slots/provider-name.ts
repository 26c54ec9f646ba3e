import { MONTH_NAMES } from "../lexicon/time-words.js";

/**
 * A business named in the message ("can Rapid Rooter Plumbing install it…", "save Fresh Fades
 * Barbershop"): a run of capitalised words, as people write names, read on the case-kept text.
 * Words that are capitalised for other reasons (the start of a sentence, "I", days, months) do
 * not count. Lower-case names are left to the search itself.
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
  return best.length ? best.join(" ") : undefined;
}
