import { extractProfileText } from "./slots/profile-text.js";
import { findOptionName } from "./slots/reference.js";
import type { ShownOption } from "./slots/types.js";
import { normaliseSpacing } from "./text-normalise.js";

/**
 * The message as the intent model should read it: free text that is not the user's own request
 * becomes a placeholder word. A bio ("Master barber, classic cuts") or a business name ("Shine On
 * Cleaning") would otherwise read as a haircut or cleaning request, and a shown provider's name
 * ("Tidy Tina") as a topic.
 */
export function maskForClassifier(text: string, options?: ShownOption[]): string {
  const original = normaliseSpacing(text);
  const lower = original.toLowerCase();
  const profile = extractProfileText(lower, original);
  const spans: { start: number; end: number; word: string }[] = profile.spans.map((s) => ({
    start: s.start,
    end: s.end,
    word: s.kind === "bio" ? "xbiox" : "xnamex",
  }));
  if (options && options.length > 0) {
    const named = findOptionName(lower, options);
    if (named) {
      const free = named.spans.filter(([s, e]) => !spans.some((x) => s < x.end && e > x.start));
      if (free.length > 0) {
        spans.push({
          start: Math.min(...free.map(([s]) => s)),
          end: Math.max(...free.map(([, e]) => e)),
          word: "xoptionx",
        });
      }
    }
  }
  let out = lower;
  for (const s of spans.sort((a, b) => b.start - a.start))
    out = `${out.slice(0, s.start)} ${s.word} ${out.slice(s.end)}`;
  return out.replace(/\s+/g, " ").trim();
}
