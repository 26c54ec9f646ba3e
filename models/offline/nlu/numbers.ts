import { NUMBER_WORDS } from "./lexicon/number-words.js";

const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/**
 * A regex source matching a number as typed: digits (with , thousands and a decimal part), or
 * words up to "ninety-nine" and "a hundred", "a couple", "a few". Use with {@link parseNumber}.
 */
export const NUMBER_PATTERN = [
  "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?",
  "\\d+(?:\\.\\d+)?",
  `(?:${TENS.join("|")})(?:[- ](?:${UNITS.join("|")}))?`,
  "a couple(?: of)?",
  "a few",
  "a dozen",
  "(?:a|one) hundred",
  "a pair of",
  ...Object.keys(NUMBER_WORDS)
    .filter((w) => !w.includes(" ") && !["a", "an", "no", "couple", "few", "dozen", "hundred"].includes(w))
    .sort((a, b) => b.length - a.length),
].join("|");

/** The value of a number matched by {@link NUMBER_PATTERN}, or undefined. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.trim().toLowerCase();
  if (/^\d/.test(s)) {
    const n = Number(s.replace(/,/g, ""));
    return Number.isFinite(n) ? n : undefined;
  }
  if (s in NUMBER_WORDS) return NUMBER_WORDS[s];
  const compound = s.match(/^([a-z]+)[- ]([a-z]+)$/);
  if (compound) {
    const tens = NUMBER_WORDS[compound[1]!];
    const unit = NUMBER_WORDS[compound[2]!];
    if (tens !== undefined && unit !== undefined && tens >= 20 && unit < 10) return tens + unit;
  }
  return undefined;
}
