import type { WorkingText } from "./working-text.js";

/** Languages a provider may serve customers in, as they are usually written in English. */
const LANGUAGES = [
  "english",
  "spanish",
  "french",
  "german",
  "italian",
  "portuguese",
  "mandarin",
  "cantonese",
  "chinese",
  "vietnamese",
  "korean",
  "japanese",
  "tagalog",
  "filipino",
  "arabic",
  "hindi",
  "urdu",
  "bengali",
  "punjabi",
  "gujarati",
  "tamil",
  "telugu",
  "russian",
  "ukrainian",
  "polish",
  "greek",
  "turkish",
  "farsi",
  "persian",
  "hebrew",
  "amharic",
  "somali",
  "swahili",
  "haitian creole",
  "creole",
  "thai",
  "asl",
  "sign language",
];

const LANGUAGE = new RegExp(`(?<![a-z])(?:${LANGUAGES.join("|")})(?![a-z])`, "g");
const SPEAKS =
  /(?<![a-z])(?:(?:i|we|our (?:team|staff|barbers|cleaners|plumbers|crew)) (?:also |all |both )?(?:speaks?|talks?)|(?:i'?m|we'?re|i am|we are) (?:also )?(?:fluent|bilingual|trilingual) in|(?:i|we) can (?:also )?(?:speak|work in|talk in)|languages?(?: spoken| i speak)?:|hablo|se habla)(?![a-z])/;
const SPECIALISES =
  /(?<![a-z])(?:(?:i|we) (?:also )?speciali[sz]e in|(?:my|our) speciali?t(?:y|ies) (?:is|are|include)|(?:i'?m|we'?re|i am|we are) (?:an? )?(?:expert|specialist)s? (?:in|at|with)|(?:i|we) (?:mainly |mostly )?focus on|speciali?t(?:y|ies):)\s*/;
const SPECIALTY_END = /\s*(?:[.;!?\n]|,? and (?:i|we) |, (?:i|we) |$)/;

function titleCase(s: string): string {
  return s.replace(/(?:^|\s)[a-z]/g, (c) => c.toUpperCase()).replace(/^Asl$/, "ASL");
}

/** "I speak Spanish and English" → ["Spanish", "English"], read only after a speaking cue. */
export function extractLanguages(w: WorkingText): string[] | undefined {
  const text = w.value;
  const cue = SPEAKS.exec(text);
  if (!cue) return undefined;
  const from = cue.index + cue[0].length;
  const clauseEnd = text.slice(from).search(/[.;!?\n]|,? and (?:i|we) (?!speak)/);
  const clause = text.slice(from, clauseEnd >= 0 ? from + clauseEnd : text.length);
  const found = [...clause.matchAll(LANGUAGE)];
  if (found.length === 0) return undefined;
  w.consume(cue.index, from + (found.at(-1)!.index ?? 0) + found.at(-1)![0].length);
  return [...new Set(found.map((m) => titleCase(m[0])))];
}

/** "I specialise in curly hair and color correction" → "curly hair and color correction". */
export function extractSpecialties(w: WorkingText, original: string): string | undefined {
  const text = w.value;
  const cue = SPECIALISES.exec(text);
  if (!cue) return undefined;
  const from = cue.index + cue[0].length;
  const stop = text.slice(from).search(SPECIALTY_END);
  const to = stop >= 0 ? from + stop : text.length;
  const words = original.slice(from, to).trim();
  if (words.length < 3) return undefined;
  w.consume(cue.index, to);
  return words.slice(0, 500);
}
