import type { Category } from "../../core/categories.js";
import type { Rng } from "./prng.js";

export interface ReviewContext {
  category: Category;
  ownerFirst: string;
  service: string;
  neighborhood: string;
}

type Line = (r: Rng, c: ReviewContext) => string;

const OPENERS: Record<1 | 2 | 3 | 4 | 5, readonly Line[]> = {
  5: [
    (_r, c) => `${c.ownerFirst} is the best in ${c.neighborhood}, hands down.`,
    (_r, c) => `Couldn't be happier with my ${c.service.toLowerCase()}.`,
    () => "Five stars, no hesitation.",
    (_r, c) => `Booked a ${c.service.toLowerCase()} and it was perfect.`,
    () => "Exactly what I asked for.",
    (_r, c) => `Third time with ${c.ownerFirst} and still impressed.`,
  ],
  4: [
    () => "Really good experience overall.",
    (_r, c) => `Solid ${c.service.toLowerCase()}, would book again.`,
    (_r, c) => `${c.ownerFirst} did a great job.`,
    () => "Very happy with the result.",
  ],
  3: [
    () => "It was fine.",
    (_r, c) => `Decent ${c.service.toLowerCase()}, nothing special.`,
    () => "Mixed feelings.",
    () => "Okay, but not quite what I hoped for.",
  ],
  2: [
    () => "Disappointed this time.",
    (_r, c) => `Not my best ${c.service.toLowerCase()}.`,
    () => "Expected more for the price.",
  ],
  1: [
    () => "Would not book again.",
    () => "Really poor experience.",
    (_r, c) => `My ${c.service.toLowerCase()} had to be redone elsewhere.`,
  ],
};

const GOOD: Record<Category, readonly string[]> = {
  haircut: [
    "The fade was seamless and the line-up crisp.",
    "Listened to what I wanted and didn't rush.",
    "Clean shop, friendly crew and zero wait.",
    "Best beard trim I've had in years.",
    "Great with my son, who usually hates haircuts.",
    "The colour came out exactly like the photo I brought.",
  ],
  cleaning: [
    "The kitchen hasn't looked this good since we moved in.",
    "On time, thorough, and they even did the baseboards.",
    "Got my full deposit back after the move-out clean.",
    "They were great with our dog.",
    "Every room smelled fresh and the bathroom sparkled.",
  ],
  plumbing: [
    "Showed up within the window and fixed the leak in under an hour.",
    "Explained the problem and the price before starting.",
    "Cleaned up after themselves, which I really appreciated.",
    "Fair price and the drain has been perfect since.",
    "Had hot water again the same afternoon.",
  ],
};

const BAD: Record<Category, readonly string[]> = {
  haircut: [
    "Waited 25 minutes past my appointment time.",
    "The sides were uneven and felt rushed.",
    "Not the style I asked for.",
  ],
  cleaning: [
    "They skipped the inside of the oven even though it was on the list.",
    "Arrived an hour late and left early.",
    "Dusty shelves were still dusty afterwards.",
  ],
  plumbing: [
    "Needed a second visit for the same leak.",
    "The final bill was higher than the quote.",
    "Showed up well outside the arrival window.",
  ],
};

const CLOSERS: Record<"good" | "bad", readonly string[]> = {
  good: [
    "Highly recommend.",
    "Already booked my next visit.",
    "Will be back.",
    "Thank you!",
    "Worth every penny.",
  ],
  bad: [
    "Hope it was an off day.",
    "Might try somewhere else next time.",
    "Customer service was polite, at least.",
  ],
};

/** Ratings skew positive, as on real marketplaces: a provider's quality is its expected rating. */
export function drawRating(rng: Rng, quality: number): 1 | 2 | 3 | 4 | 5 {
  // The sum of three uniforms is a cheap bell curve, centred on 0 with a spread of about +-1.
  const noise = (rng.next() + rng.next() + rng.next() - 1.5) * 1.2;
  return Math.min(5, Math.max(1, Math.round(quality + noise))) as 1 | 2 | 3 | 4 | 5;
}

/** An expected rating per provider: most are good, a few are mediocre. */
export function drawQuality(rng: Rng): number {
  return rng.chance(0.08) ? 2.6 + rng.next() * 0.8 : 3.9 + Math.sqrt(rng.next()) * 1.2;
}

export function reviewText(rng: Rng, rating: 1 | 2 | 3 | 4 | 5, c: ReviewContext): string {
  const parts = [rng.pick(OPENERS[rating])(rng, c)];
  const tone = rating >= 4 ? "good" : "bad";
  if (rating !== 3 || rng.chance(0.5)) {
    if (rng.chance(0.85)) parts.push(rng.pick((tone === "good" ? GOOD : BAD)[c.category]));
  } else {
    // A three-star review is usually a bit of both.
    parts.push(rng.pick(GOOD[c.category]), rng.pick(BAD[c.category]));
  }
  if (rng.chance(0.5)) parts.push(rng.pick(CLOSERS[tone]));
  return parts.join(" ");
}
