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
  "up",
  "bedroom",
  "bed",
  "br",
  "bath",
  "bathroom",
  "ba",
]);

/**
 * Words that name the trade rather than the job: every cleaning service "cleans". A query that
 * says more than these ("window clean") must match on what it says more.
 */
const GENERIC = new Set([
  "clean",
  "cleaner",
  "cleanup",
  "house",
  "home",
  "plumb",
  "plumber",
  "job",
  "appointment",
]);

const NAME_WEIGHT = 3;
const DESCRIPTION_WEIGHT = 1;
const GENERIC_WEIGHT = 0.5;

/** Enough of a stemmer for service names: "cleaning" → "clean", "fades" → "fade", "braids" → "braid". */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (/(s|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

function words(s: string): string[] {
  return (
    s
      .toLowerCase()
      // "move-in" and "move-out" are different jobs; "in" alone is a stop word.
      .replace(/\bmove[\s-]*(in|out)\b/g, "move$1")
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !/^\d+$/.test(w))
      .map(stem)
      .filter((w) => !STOP.has(w))
  );
}

/** "3 bedrooms", "a 2br", "4 bed" → 3, 2, 4. */
function bedroomsAsked(s: string): number | undefined {
  const m = /\b(\d{1,2})\s*-?\s*(?:bed(?:room)?s?|br)\b/i.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** "Deep Clean (1-2 bedrooms)" → [1, 2]; "(3 bedrooms)" → [3, 3]; "(4+ bedrooms)" → [4, ∞]. */
function bedroomRange(name: string): [number, number] | undefined {
  const m = /(\d{1,2})\s*(?:(-|to)\s*(\d{1,2})|(\+))?\s*bedrooms?/i.exec(name);
  if (!m) return undefined;
  const lo = Number(m[1]);
  if (m[3]) return [lo, Number(m[3])];
  return m[4] ? [lo, Number.POSITIVE_INFINITY] : [lo, lo];
}

interface Scored {
  service: ServiceItem;
  score: number;
  specific: boolean;
  /** A word of the request that is not the trade's own is in the service's name. */
  inName: boolean;
  extraNameWords: number;
}

function scoreService(s: ServiceItem, want: Set<string>, bedrooms: number | undefined): Scored | undefined {
  const nameWords = new Set(words(s.name));
  const descriptionWords = new Set(words(s.description));
  let score = 0;
  let specific = false;
  let inName = false;
  for (const w of want) {
    const generic = GENERIC.has(w);
    if (nameWords.has(w)) {
      score += generic ? GENERIC_WEIGHT : NAME_WEIGHT;
      if (!generic) inName = true;
    } else if (descriptionWords.has(w)) score += generic ? 0 : DESCRIPTION_WEIGHT;
    else continue;
    if (!generic) specific = true;
  }
  const range = bedroomRange(s.name);
  if (bedrooms !== undefined && range) {
    // A 1-2 bedroom price for a 3-bedroom home is a wrong quote, not a weaker match.
    if (bedrooms < range[0] || bedrooms > range[1]) return undefined;
    score += NAME_WEIGHT;
  }
  const extraNameWords = [...nameWords].filter((w) => !want.has(w)).length;
  return { service: s, score, specific, inName, extraNameWords };
}

function better(a: Scored, b: Scored): boolean {
  if (a.score !== b.score) return a.score > b.score;
  // "haircut" names "Haircut" more closely than "Haircut & Beard".
  if (a.extraNameWords !== b.extraNameWords) return a.extraNameWords < b.extraNameWords;
  return a.service.priceCents < b.service.priceCents;
}

/**
 * The provider's service that a request names best ("fade" → "Skin Fade", "deep clean 3 bedrooms"
 * → "Deep Clean (3 bedrooms)"), and whether it really matches (`matched`): a query with words
 * beyond the trade's own ("window clean") must share one of them. With no match, the cheapest
 * service stands in, which is what "from $X" prices promise.
 */
export interface ServiceMatch {
  service: ServiceItem;
  matched: boolean;
  /**
   * How well: 2 when the service's name carries a word of the request beyond the trade's own
   * ("Oven Deep Clean" for "oven clean"), 1 for a weaker match (a word in its description), 0 none.
   */
  strength: 0 | 1 | 2;
}

export function matchService(services: ServiceItem[], request: string | undefined): ServiceMatch | undefined {
  if (!services.length) return undefined;
  const want = new Set(words(request ?? ""));
  const needsSpecific = [...want].some((w) => !GENERIC.has(w));
  const bedrooms = bedroomsAsked(request ?? "");
  let best: Scored | undefined;
  for (const s of services) {
    const scored = scoreService(s, want, bedrooms);
    if (!scored || scored.score <= 0 || (needsSpecific && !scored.specific)) continue;
    if (!best || better(scored, best)) best = scored;
  }
  if (best) return { service: best.service, matched: true, strength: best.inName || !needsSpecific ? 2 : 1 };
  return {
    service: [...services].sort((a, b) => a.priceCents - b.priceCents)[0]!,
    matched: false,
    strength: 0,
  };
}
