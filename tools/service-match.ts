import type { ServiceItem } from "../db/provider-profile.js";

const STOP = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "for",
  "my",
  "i",
  "need",
  "want",
  "get",
  "to",
  "of",
  "in",
  "on",
  "with",
  "service",
]);

function words(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => w.replace(/(ing|es|s)$/, ""));
}

/**
 * The provider's service that a request names best ("fade" → "Skin Fade"), by shared words
 * (`matched`); with no shared word, the cheapest service, which is what "from $X" prices promise.
 */
export function matchService(
  services: ServiceItem[],
  request: string | undefined,
): { service: ServiceItem; matched: boolean } | undefined {
  if (!services.length) return undefined;
  const want = new Set(words(request ?? ""));
  let best: ServiceItem | undefined;
  let bestScore = 0;
  for (const s of services) {
    const have = words(`${s.name} ${s.description}`);
    const nameWords = new Set(words(s.name));
    const score = have.reduce((n, w) => n + (want.has(w) ? (nameWords.has(w) ? 2 : 1) : 0), 0);
    if (score > bestScore || (score === bestScore && score > 0 && best && s.priceCents < best.priceCents)) {
      best = s;
      bestScore = score;
    }
  }
  if (best) return { service: best, matched: true };
  return { service: [...services].sort((a, b) => a.priceCents - b.priceCents)[0]!, matched: false };
}
