import type { Category } from "../../core/categories.js";
import type { Kind } from "./catalog.js";
import type { Rng } from "./prng.js";

/**
 * The agent-native profile document (providers.profile). Exactly the fields of
 * db/provider-profile.ts's strict details schema, so a seeded profile can be edited and saved back.
 */
export interface ProviderProfile {
  /** Comma-separated: the full-text search document reads it as plain text. */
  specialties: string;
  languages: string[];
  policies: string;
  yearsInBusiness: number;
}

export interface BioContext {
  category: Category;
  kind: Kind;
  business: string;
  owner: string;
  ownerFirst: string;
  neighborhood: string;
  /** Another neighbourhood of the same city, for "serving X and Y". */
  otherNeighborhood: string;
  city: string;
  yearsInBusiness: number;
  /** The calendar year the seed's "now" falls in. */
  currentYear: number;
  specialties: readonly string[];
  languages: readonly string[];
}

type Line = (r: Rng, c: BioContext) => string;

// Every opener names the business, so two bios never read the same even when other parts repeat.
const OPENERS: Record<Category, readonly Line[]> = {
  haircut: [
    (r, c) =>
      `${c.owner} opened ${c.business} in ${c.neighborhood} in ${since(c)}, after ${r.int(3, 12)} years behind the chair at other shops.`,
    (r, c) =>
      `${c.business} is ${withArticle(r.pick(["small", "busy", "laid-back", "old-school", "bright"]))} ${r.int(2, 8)}-chair shop in ${c.neighborhood}, run by ${c.owner} for ${c.yearsInBusiness} ${years(c)}.`,
    (_r, c) =>
      `${c.owner} has been doing hair in ${c.city} for ${c.yearsInBusiness + 4} years and runs ${c.business} in ${c.neighborhood}.`,
    (_r, c) =>
      `Since ${since(c)}, ${c.business} has been the ${c.neighborhood} spot for ${c.specialties[0]}.`,
    (r, c) =>
      `${c.business} is ${c.owner}'s ${c.kind === "salon" ? "salon" : "shop"} in ${c.neighborhood}: ${r.pick(["a team", "a crew", "a family"])} of ${r.int(2, 7)} who have been at it since ${since(c)}.`,
  ],
  cleaning: [
    (_r, c) =>
      `${c.business} has cleaned ${c.kind === "commercial" ? "offices and homes" : "homes"} across ${c.neighborhood}, ${c.otherNeighborhood} and the rest of ${c.city} since ${since(c)}.`,
    (r, c) =>
      `Started by ${c.owner} in ${since(c)}, ${c.business} is a team of ${r.int(3, 25)} vetted, background-checked cleaners.`,
    (_r, c) =>
      `${c.owner} runs ${c.business} with a small crew serving ${c.neighborhood} and ${c.otherNeighborhood}, ${c.yearsInBusiness} ${years(c)} and counting.`,
    (r, c) =>
      `${c.business} is ${withArticle(r.pick(["woman-owned", "family-run", "locally owned", "employee-owned"]))} cleaning company based in ${c.neighborhood}, founded by ${c.owner} in ${since(c)}.`,
  ],
  plumbing: [
    (_r, c) =>
      `${c.business} is a licensed, family-run plumbing company serving ${c.city} since ${since(c)}.`,
    (r, c) =>
      `Master plumber ${c.owner} has ${c.yearsInBusiness + r.int(2, 10)} years in the trade and started ${c.business} in ${c.neighborhood} in ${since(c)}.`,
    (r, c) =>
      `${c.owner} and a team of ${r.int(2, 14)} plumbers at ${c.business} cover ${c.neighborhood}, ${c.otherNeighborhood} and the rest of ${c.city}.`,
    (_r, c) =>
      `${c.business} has fixed pipes in ${c.neighborhood} homes for ${c.yearsInBusiness} ${years(c)}, under the same owner, ${c.owner}.`,
  ],
};

const SPECIALTY_LINES: readonly Line[] = [
  (_r, c) => `Specialties include ${joinList(c.specialties)}.`,
  (_r, c) => `Known for ${joinList(c.specialties)}.`,
  (_r, c) => `Regulars book ${c.ownerFirst} for ${joinList(c.specialties)}.`,
  (_r, c) => `Ask about ${joinList(c.specialties)}.`,
  (_r, c) =>
    c.specialties.length > 1
      ? `Most clients come for ${c.specialties[0]}, and ${joinList(c.specialties.slice(1))} are close behind.`
      : `Most clients come for ${c.specialties[0]}.`,
];

const LANGUAGE_LINES: readonly Line[] = [
  (_r, c) => `We speak ${joinList(c.languages)}.`,
  (_r, c) => `${c.ownerFirst} speaks ${joinList(c.languages)}.`,
  (_r, c) => `Service in ${joinList(c.languages)}.`,
  (_r, c) => (c.languages.includes("Spanish") ? "Se habla español." : `We speak ${joinList(c.languages)}.`),
];

const EXTRAS: Record<Kind, readonly string[]> = {
  barbershop: [
    "Free coffee and a good playlist while you wait.",
    "Street parking out front and a bike rack by the door.",
    "Every cut finishes with a hot towel.",
    "Gift cards are sold at the front desk.",
    "The shop is wheelchair accessible.",
    "Card, cash and tap-to-pay accepted.",
  ],
  salon: [
    "Only vegan, cruelty-free products are used.",
    "Curly and textured hair welcome: every stylist is trained for it.",
    "Gift cards are available online.",
    "Complimentary consultation before every colour service.",
    "The salon is wheelchair accessible, with a quiet room on request.",
  ],
  home: [
    "Eco-friendly, pet-safe products on request.",
    "Recurring clients get the same cleaner every visit.",
    "Airbnb turnovers are scheduled around your guests.",
    "Weekly and biweekly clients save 10%.",
    "All supplies and equipment are included.",
  ],
  commercial: [
    "Evening visits keep the office clean without interrupting work.",
    "Green Seal certified products throughout.",
    "One point of contact for every site, with checklists after each visit.",
  ],
  general: [
    "Trucks are fully stocked, so most jobs are finished in one visit.",
    "Shoe covers on, and the work area is left cleaner than it was found.",
    "You get a text with the plumber's arrival time.",
    "Seniors and veterans get 10% off labour.",
  ],
  drain: [
    "Camera inspections come with a video you keep.",
    "Root problems are fixed with trenchless repair where possible.",
    "Drain cleaning is guaranteed for 90 days.",
  ],
  emergency: [
    "A plumber answers the phone day and night.",
    "Most emergency calls are reached within the hour.",
    "No overtime charges on evenings and weekends.",
  ],
};

const POLICIES: Record<Kind, readonly string[]> = {
  barbershop: [
    "Walk-ins welcome when a chair is free; appointments get priority.",
    "Please cancel at least 12 hours ahead; no-shows pay half the service price.",
    "More than 15 minutes late may mean a shorter service or a new time.",
    "Kids under 8 need an adult with them.",
  ],
  salon: [
    "A card holds the booking; cancellations with less than 24 hours' notice are charged 50%.",
    "First-time colour clients need a patch test 48 hours before the appointment.",
    "Arriving more than 15 minutes late may mean rescheduling.",
    "Colour corrections are quoted after a free consultation.",
  ],
  home: [
    "Free cancellation up to 24 hours before the visit; later cancellations cost $40.",
    "Any room you are not happy with is cleaned again, free, within 24 hours.",
    "Someone needs to let us in, or leave a key or door code.",
    "All cleaners are background-checked and insured.",
  ],
  commercial: [
    "Free walkthrough and quote before the first visit.",
    "Insured and bonded; certificate of insurance on request.",
    "Cancel or reschedule up to 24 hours ahead at no charge.",
  ],
  general: [
    "Free estimates; a flat-rate price is agreed before any work starts.",
    "All labour is guaranteed for one year.",
    "Cancel up to 2 hours before the visit at no charge.",
    "Licensed, bonded and insured.",
  ],
  drain: [
    "Flat-rate drain cleaning with no charge if we cannot clear it.",
    "Licensed, bonded and insured.",
    "Cancel up to 2 hours before the visit at no charge.",
  ],
  emergency: [
    "Emergency call-outs are answered 24/7; after-hours rates are quoted on the phone.",
    "Free estimates on non-emergency work.",
    "All labour is guaranteed for one year.",
  ],
};

/** "an old-school", "a busy". */
function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

function since(c: BioContext): number {
  return c.currentYear - c.yearsInBusiness;
}

function years(c: BioContext): string {
  return c.yearsInBusiness === 1 ? "year" : "years";
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Two to four sentences: an opener, the specialties, then up to two of languages, a perk, a policy. */
export function composeBio(rng: Rng, c: BioContext, policies: readonly string[]): string {
  const sentences = [rng.pick(OPENERS[c.category])(rng, c), rng.pick(SPECIALTY_LINES)(rng, c)];
  const optional: string[] = [rng.pick(EXTRAS[c.kind])];
  if (c.languages.length > 1) optional.push(rng.pick(LANGUAGE_LINES)(rng, c));
  if (policies.length) optional.push(rng.pick(policies));
  sentences.push(...rng.sample(optional, rng.int(0, 2)));
  return sentences.join(" ");
}

export function pickPolicies(rng: Rng, kind: Kind): string[] {
  return rng.sample(POLICIES[kind], rng.int(1, 3));
}

export function composeProfile(c: BioContext, policies: readonly string[]): ProviderProfile {
  return {
    specialties: c.specialties.join(", "),
    languages: [...c.languages],
    policies: policies.join(" "),
    yearsInBusiness: c.yearsInBusiness,
  };
}
