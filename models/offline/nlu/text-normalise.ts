/**
 * Quotes, dashes and whitespace made uniform, case kept: offsets into this string are valid in
 * its lower-cased form too, so free text (a bio, a review) can be cut from it by positions found
 * in the lower-case text.
 */
export function normaliseSpacing(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u2032`]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** The form every matcher works on: {@link normaliseSpacing} then lower case. */
export function normaliseText(text: string): string {
  return normaliseSpacing(text).toLowerCase();
}

/** Words as the classifier sees them: letters and digits, apostrophes inside words, and "$". */
export function tokenize(text: string): string[] {
  return normaliseText(text).match(/\$|[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}
