import type { Category } from "../lexicon/services.js";
import { TYPO_KEYWORDS } from "../lexicon/typo-keywords.js";
import { editDistance } from "./edit-distance.js";

const KEYWORDS = (Object.entries(TYPO_KEYWORDS) as [Category, string[]][]).flatMap(([category, words]) =>
  words.map((word) => ({ word, category })),
);
const EXACT = new Set(KEYWORDS.map((k) => k.word));

/**
 * Category keywords the text reaches only through a typo: tokens of 5+ letters that are one
 * edit (Damerau) from a keyword and are not a keyword themselves.
 */
export function typoKeywords(
  text: string,
): { word: string; category: Category; start: number; end: number }[] {
  const out: { word: string; category: Category; start: number; end: number }[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z]{5,}/g)) {
    if (EXACT.has(m[0])) continue;
    const hit = KEYWORDS.find((k) => k.word[0] === m[0][0] && editDistance(m[0], k.word) === 1);
    if (hit) out.push({ word: hit.word, category: hit.category, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The text with typo'd keywords spelled right, same length where the fix allows it. */
export function correctTypos(text: string): string {
  let out = text;
  for (const t of typoKeywords(text).reverse()) out = out.slice(0, t.start) + t.word + out.slice(t.end);
  return out;
}
