import { ORDINAL_WORDS } from "../lexicon/number-words.js";
import { GENERIC_NAME_WORDS, OPTION_NOUNS, REFERENCE_PHRASES } from "../lexicon/references.js";
import { editDistance } from "./edit-distance.js";
import type { Reference, ShownOption } from "./types.js";
import type { WorkingText } from "./working-text.js";

const ORDINAL = Object.keys(ORDINAL_WORDS).join("|");
const CHOOSING =
  /(?<![a-z])(?:book|go with|going with|pick|choose|take|want|prefer|accept|hire|select|confirm|from|with) (?:the )?$/;
const AFTER_ORDINAL = `(?: ${OPTION_NOUNS}| (?:looks|sounds|works|please|is|then))`;
const ORDINAL_REF = new RegExp(
  [
    `(?<![a-z0-9])(?<!my |our |your )the (${ORDINAL}|last|middle|top|bottom)(?:${AFTER_ORDINAL}|[ ,.!?]*$)`,
    `(?<![a-z0-9])(?<!my |our |your )(${ORDINAL}|last|middle|bottom)${AFTER_ORDINAL}`,
    // A bare ordinal is a pick only as the whole answer: "do the cleaning first" is not.
    `^(${ORDINAL})[ ,.!?]*$`,
  ].join("|"),
);
const ORDINAL_AFTER_VERB = new RegExp(
  `(?<![a-z])(?:go with|take|pick|choose|do|book|want|accept|prefer|like) the (${ORDINAL}|last|middle)(?![a-z])`,
);
// "book the 2nd" with options on the table: a pick, though "the 2nd" alone is a date.
const NUMBERED_PICK =
  /(?<![a-z])(?:book|go with|going with|pick|choose|take|select|hire|want|prefer|i'll have) the (\d)(?:st|nd|rd|th)(?: one)?(?![a-z0-9])(?! (?:of|at|in|on|for) )/;
// "the $200 one", "the 45 dollar one", "the one for $200": an option picked by its price.
const PRICE_PICK = new RegExp(
  [
    `(?<![a-z0-9])(?:the )?\\$(\\d+)(?: ${OPTION_NOUNS})(?![a-z])`,
    `(?<![a-z0-9])(?:the )?(\\d+)(?: ?(?:dollars?|bucks?))(?: ${OPTION_NOUNS})(?![a-z])`,
    `(?<![a-z])(?:the )?(?:one|offer|option|quote|bid) (?:for|at) \\$?(\\d+)(?![0-9])`,
  ].join("|"),
);
const BARE_NUMBER = /^\s*(\d{1,2})(?:\s*(?:please|pls|plz))?[\s.!]*$/;
const COUNT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const NUMBERED = new RegExp(
  `(?<![a-z0-9$])(?:#|no\\.? ?|number |num |option |choice |opt )(\\d{1,2}|${COUNT_WORDS.join("|")})(?![0-9a-z])`,
);
const KIND_RES = REFERENCE_PHRASES.map(({ kind, patterns }) => ({
  kind,
  re: new RegExp(`(?<![a-z])(?:${patterns.join("|")})(?![a-z])`),
}));

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

function stem(w: string): string {
  return w.replace(/'s$/, "").replace(/s$/, "");
}

/**
 * A provider named in the text, fuzzily: each distinctive word of the option's name (not "the",
 * "co", "cleaning") counts if a word of the text equals it or is one edit away (for words of 5+
 * letters). The best-covered option wins if at least half its distinctive words are there.
 */
export function findOptionName(
  text: string,
  options: ShownOption[],
): { option: ShownOption; spans: [number, number][] } | undefined {
  const tokens = [...text.matchAll(/[a-z0-9]+(?:'[a-z]+)?/g)].map((m) => ({
    word: stem(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
  let best: { option: ShownOption; score: number; spans: [number, number][] } | undefined;
  for (const option of options) {
    const distinctive = words(option.name)
      .map(stem)
      .filter((x) => !GENERIC_NAME_WORDS.has(x) && x.length > 1);
    const all = words(option.name).map(stem);
    if (distinctive.length === 0) continue;
    const spans: [number, number][] = [];
    let hits = 0;
    for (const d of distinctive) {
      const t = tokens.find((tok) => tok.word === d || (d.length >= 5 && editDistance(tok.word, d) <= 1));
      if (t) {
        hits++;
        spans.push([t.start, t.end]);
      }
    }
    for (const g of all.filter((x) => !distinctive.includes(x))) {
      const t = tokens.find(
        (tok) =>
          tok.word === g &&
          spans.some(([s, e]) => Math.abs(tok.start - e) <= 1 || Math.abs(s - tok.end) <= 1),
      );
      if (t) spans.push([t.start, t.end]);
    }
    const score = hits / distinctive.length;
    // Short names must match whole ("a fresh cut" must not pick "Fresh Fades"), unless the
    // message is a short answer or the word follows a verb of choosing ("book aquafix").
    const chosen =
      tokens.length <= 4 || spans.some(([s]) => CHOOSING.test(text.slice(Math.max(0, s - 16), s)));
    const enough = (distinctive.length <= 2 ? score === 1 : score >= 2 / 3) || (hits > 0 && chosen);
    if (enough && (!best || score > best.score)) best = { option, score, spans };
  }
  return best;
}

/**
 * A shown option named in the text (fuzzy, see {@link findOptionName}). Run early: the name is
 * consumed so that "Green Clean Team" does not also read as a cleaning request.
 */
export function extractNamedOption(
  w: WorkingText,
  options: ShownOption[] | undefined,
): Reference | undefined {
  if (!options || options.length === 0) return undefined;
  const named = findOptionName(w.value, options);
  if (!named) return undefined;
  for (const [s, e] of named.spans) w.consume(s, e);
  return { kind: "option", id: named.option.id };
}

/**
 * A shown option picked by a numbered ordinal after a verb of choosing ("book the 2nd", "I'll take
 * the 3rd one"). Run before dates, which would read "the 2nd" as a day of the month; only when
 * options are shown and the number is one of them.
 */
export function extractNumberedPick(
  w: WorkingText,
  options: ShownOption[] | undefined,
): Reference | undefined {
  if (!options?.length) return undefined;
  const m = NUMBERED_PICK.exec(w.value);
  const index = m ? Number(m[1]) : 0;
  if (!m || index < 1 || index > options.length) return undefined;
  w.consume(m.index, m.index + m[0].length);
  return { kind: "ordinal", index };
}

/**
 * A shown option picked by its price ("I'll take the $200 one"), when exactly one costs that. Run
 * before budgets, which would read the amount as one.
 */
export function extractPricePick(w: WorkingText, options: ShownOption[] | undefined): Reference | undefined {
  if (!options?.length) return undefined;
  const m = PRICE_PICK.exec(w.value);
  if (!m) return undefined;
  const cents = Number(m.slice(1).find((g) => g !== undefined)) * 100;
  const hits = options.filter((o) => o.priceCents === cents);
  if (hits.length !== 1) return undefined;
  w.consume(m.index, m.index + m[0].length);
  return { kind: "option", id: hits[0]!.id };
}

/**
 * Which shown option the user means by position ("the second one", "#2", "the last one" = the
 * last shown; without options "last" is index -1) or by a property ("the cheaper one", "whoever's
 * top rated", "the soonest"). Run late, after dates have consumed "the 1st".
 */
export function extractReference(w: WorkingText, options: ShownOption[] | undefined): Reference | undefined {
  const text = w.value;
  // "#2" and "number 2" point at options only when options were shown ("a number 2 all over").
  const numbered = options && options.length > 0 ? text.match(NUMBERED) : null;
  if (numbered) {
    const n = numbered[1]!;
    return { kind: "ordinal", index: /^\d/.test(n) ? Number(n) : COUNT_WORDS.indexOf(n) + 1 };
  }
  // "3" as the whole answer to a numbered list is its third option.
  const bare = options?.length ? BARE_NUMBER.exec(text) : null;
  if (bare && Number(bare[1]) >= 1 && Number(bare[1]) <= options!.length)
    return { kind: "ordinal", index: Number(bare[1]) };
  const ord = text.match(ORDINAL_REF) ?? text.match(ORDINAL_AFTER_VERB);
  if (ord) {
    const word = ord.slice(1).find((g) => g !== undefined)!;
    const count = options?.length;
    if (word === "last" || word === "bottom") return { kind: "ordinal", index: count ?? -1 };
    if (word === "middle") return { kind: "ordinal", index: count ? Math.ceil(count / 2) : 2 };
    if (word === "top") return { kind: "ordinal", index: 1 };
    const index = ORDINAL_WORDS[word];
    if (index !== undefined) return { kind: "ordinal", index };
  }
  for (const { kind, re } of KIND_RES) if (re.test(text)) return { kind };
  return undefined;
}
