import {
  CATEGORY_WORDS,
  type Category,
  CHILD_WORDS,
  CLEANING_PLACE_WORDS,
  NON_PLUMBING_LEAK_CONTEXT,
  SERVICE_LEXICON,
  type ServiceEntry,
} from "../lexicon/services.js";
import { correctTypos } from "./typos.js";
import { wordPattern } from "./working-text.js";

export interface ServiceMention {
  service: string;
  category: Category;
  start: number;
  end: number;
  /**
   * The user's narrower words for the service, when they name the canonical one and more ("skin
   * fade" for "fade"): the canonical slot stays coarse for the policy, the variant picks between a
   * provider's "Skin Fade" and "Taper Fade".
   */
  variant?: string;
}

const singular = (w: string) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);

/** "skin fades" for "fade" → "skin fade"; "fades", "tapered" or "clean the greasy oven" → none. */
export function variantOf(surface: string, service: string): string | undefined {
  const words = surface
    .split(/[\s-]+/)
    .filter(Boolean)
    .map(singular);
  const last = service.split(" ").at(-1);
  const head = last && singular(last);
  // A modifier before the service's own word ("skin fade", "low fade"), not a phrase around it.
  if (words.length < 2 || words.length > 3 || !head || words.at(-1) !== head) return undefined;
  const variant = words.join(" ");
  return variant === service.split(" ").map(singular).join(" ") ? undefined : variant;
}

const compiled = SERVICE_LEXICON.map((entry) => ({
  entry,
  re: new RegExp(`\\b(?:${entry.patterns.join("|")})\\b`, "g"),
}));

const categoryRes = (Object.entries(CATEGORY_WORDS) as [Category, string[]][]).map(([category, words]) => ({
  category,
  re: new RegExp(`\\b(?:${words.join("|")})\\b`, "g"),
}));

const nonPlumbingLeak = new RegExp(`(?:${NON_PLUMBING_LEAK_CONTEXT.join("|")})(?:'s)? (?:\\w+ ){0,3}$`);
const childRe = new RegExp(wordPattern(CHILD_WORDS));

function mentionsOf(text: string): (ServiceMention & { needsContext: boolean })[] {
  const found: (ServiceMention & { needsContext: boolean })[] = [];
  for (const { entry, re } of compiled) {
    for (const m of text.matchAll(re)) {
      if (isExcluded(entry, text, m.index)) continue;
      const variant = entry.keepsModifier ? variantOf(m[0], entry.service) : undefined;
      found.push({
        service: entry.service,
        category: entry.category,
        start: m.index,
        end: m.index + m[0].length,
        needsContext: entry.needsCategoryContext === true,
        ...(variant ? { variant } : {}),
      });
    }
  }
  return found;
}

function isExcluded(entry: ServiceEntry, text: string, at: number): boolean {
  if (entry.service === "leak repair" || entry.service === "emergency") {
    return nonPlumbingLeak.test(text.slice(Math.max(0, at - 40), at));
  }
  return false;
}

/**
 * Every service mention in reading order. Where phrasings overlap ("beard trim" and "trim"), the
 * one that starts first wins, then the longer.
 */
export function findServiceMentions(text: string): ServiceMention[] {
  const found = mentionsOf(text);
  const categoriesSeen = new Set<Category>(found.filter((m) => !m.needsContext).map((m) => m.category));
  if (found.some((m) => m.needsContext))
    for (const c of findCategoryWords(text)) categoriesSeen.add(c.category);
  const all = found
    .filter((m) => !m.needsContext || categoriesSeen.has(m.category))
    .map(({ needsContext: _, ...m }) => m)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ServiceMention[] = [];
  let coveredTo = -1;
  for (const m of all) {
    if (m.start < coveredTo) continue;
    kept.push(m);
    coveredTo = m.end;
  }
  return kept;
}

export function findCategoryWords(text: string): { category: Category; start: number; end: number }[] {
  const found: { category: Category; start: number; end: number }[] = [];
  for (const { category, re } of categoryRes) {
    for (const m of text.matchAll(re)) found.push({ category, start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * `service` is the first service mentioned; a generic cut for a child becomes "kids cut".
 * `category` is that service's category, else the first category word ("plumber", "maid").
 */
export function extractServiceAndCategory(text: string): {
  service?: string;
  category?: Category;
  variant?: string;
} {
  const found = serviceAndCategoryOf(text);
  if (found.category) return found;
  const fixed = correctTypos(text);
  return fixed === text ? found : serviceAndCategoryOf(fixed);
}

export function serviceAndCategoryOf(text: string): {
  service?: string;
  category?: Category;
  variant?: string;
} {
  const mentions = findServiceMentions(text);
  const first = mentions[0];
  if (first) {
    const service = first.service === "haircut" && childRe.test(text) ? "kids cut" : first.service;
    return { service, category: first.category, ...(first.variant ? { variant: first.variant } : {}) };
  }
  const word = findCategoryWords(text)[0];
  if (!word) return {};
  if (word.category === "haircut" && childRe.test(text)) return { category: "haircut", service: "kids cut" };
  return { category: word.category };
}

/** The canonical service a short phrase names ("box braids" → "braids"), if any. */
export function canonicalService(phrase: string): ServiceMention | undefined {
  return findServiceMentions(phrase)[0];
}

// "clean my gutters", "clean out the garage", "get our grill cleaned": a thing to clean, named.
const CLEAN_THE_THING = [
  /\bclean(?:ed|ing)?(?: out)? (?:my|our|the|his|her|their) ([a-z]+(?: [a-z]+)?)/,
  /\b(?:get|have|need|want|like) (?:my|our|the) ([a-z]+(?: [a-z]+)?) (?:cleaned|washed|scrubbed|power[- ]washed|pressure[- ]washed)\b/,
  /\b(?:my|our|the) ([a-z]+(?: [a-z]+)?) (?:needs?|could use|is due) (?:a )?(?:good )?(?:clean|cleaning|wash|scrub)\b/,
];
const PLACE = new Set(CLEANING_PLACE_WORDS);
// Words that end the thing's name: "the garage on friday", "my gutters before the rain".
const AFTER_THING =
  /^(?:on|at|in|for|before|after|by|this|next|tomorrow|today|tonight|asap|please|and|or|near|around|soon|sometime|every|once|again|too|also|[a-z]+day|[a-z]+days|weekend|morning|afternoon|evening|real|really|out|up)$/;

/**
 * A thing the user wants cleaned that no service of the catalogue names ("gutters", "the
 * garage"), as a service in their words ("gutter cleaning"); undefined when the text names a
 * catalogue service, the place itself ("my house") or nothing.
 */
export function unlistedCleaningJob(text: string): string | undefined {
  if (findServiceMentions(text).length > 0) return undefined;
  for (const re of CLEAN_THE_THING) {
    const m = re.exec(text);
    if (!m) continue;
    const words = m[1]!.split(" ");
    if (words[1] && AFTER_THING.test(words[1])) words.pop();
    const head = words.at(-1)!;
    if (AFTER_THING.test(words[0]!) || words.some((w) => PLACE.has(w))) return undefined;
    const thing = [...words.slice(0, -1), singular(head)].join(" ");
    return `${thing} cleaning`;
  }
  return undefined;
}
