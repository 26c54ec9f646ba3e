import { NUMBER_PATTERN, parseNumber } from "../numbers.js";

const N = `(${NUMBER_PATTERN})`;
const RATING = [
  new RegExp(`(?<![a-z0-9])${N} ?(?:\\/|out of|outta) ?(?:5|five)(?: stars?)?(?![0-9])`),
  new RegExp(`(?<![a-z0-9])${N}[- ]?stars?(?![a-z])`),
  new RegExp(
    `(?<![a-z])(?:rate|rating|give|giving|gave)(?: (?:them|him|her|it|my \\w+|the \\w+))? (?:a )?${N}(?![0-9a-z])`,
  ),
];
// Clauses that only ask to leave a review ("leave a review for my barber") carry no review text.
const REVIEW_COMMAND =
  /^(?:(?:i'?d |i want to |i'?ll |please )?(?:leave|write|post|add|give)(?: a| my)? (?:review|feedback|rating)|review\b|feedback\b|rate\b|rating\b|i'?d rate\b|give (?:them|him|her|it)\b)/;

export interface Review {
  rating?: number;
  reviewText?: string;
  /** Where the rating was said, for the caller to consume ("4/5" is not a date). */
  span?: { start: number; end: number };
}

/**
 * A star rating from 1 to 5 ("5 stars", "4/5", "give them 4", "three stars") and the words of the
 * review around it: the message's clauses minus those that hold the rating or only ask to
 * leave a review. Text keeps the user's case.
 */
export function extractReview(lower: string, original: string): Review {
  let found: { rating: number; start: number; end: number } | undefined;
  for (const re of RATING) {
    const m = lower.match(re);
    if (!m || m.index === undefined) continue;
    const n = parseNumber(m[1]!);
    if (n === undefined || n < 1 || n > 5 || !Number.isInteger(n)) continue;
    found = { rating: n, start: m.index, end: m.index + m[0].length };
    break;
  }
  if (!found) return {};
  const clauses: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of lower.matchAll(/[,:;.!?]+(?:\s|$)|\s-\s/g)) {
    clauses.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < lower.length) clauses.push({ start, end: lower.length });
  const kept = clauses.filter((c) => {
    if (found.start < c.end && found.end > c.start) {
      // A clause with the rating can still hold the review: "4 stars for the plumber" holds none.
      return false;
    }
    return !REVIEW_COMMAND.test(lower.slice(c.start, c.end).trim());
  });
  const reviewText = kept
    .map((c) => original.slice(c.start, c.end).trim())
    .filter((s) => s.length > 0)
    .join(", ");
  const span = { start: found.start, end: found.end };
  return reviewText ? { rating: found.rating, reviewText, span } : { rating: found.rating, span };
}
