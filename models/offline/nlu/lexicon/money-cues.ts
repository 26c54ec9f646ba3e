/** Words before an amount that make it a ceiling: "under $60", "no more than 100". */
export const MAX_BEFORE = [
  "under",
  "below",
  "less than",
  "no more than",
  "not more than",
  "not over",
  "no higher than",
  "max(?:imum)?(?: of)?",
  "at most",
  "up to",
  "within",
  "capped at",
  "cap(?: of| at)?",
  "budget(?: is| of|'s)?",
  "spend(?:ing)?",
  "pay(?:ing)?",
  "afford",
  "for",
];

/** Words after an amount that make it a ceiling: "40 bucks max", "$100 or less". */
export const MAX_AFTER = [
  "max",
  "maximum",
  "tops",
  "or less",
  "or under",
  "at most",
  "at the most",
  "budget",
  "limit",
];

/** Words around an amount that make it a target: "around $50", "$50ish". */
export const TARGET_BEFORE = [
  "around",
  "about",
  "roughly",
  "approximately",
  "approx\\.?",
  "~",
  "in the region of",
  "something like",
  "close to",
];
export const TARGET_AFTER = ["ish", "or so", "give or take"];

/** A clause with one of these updates a provider's price list rather than naming a budget. */
export const PRICE_CUES = [
  "charge[sd]?",
  "charging",
  "prices?",
  "pricing",
  "rates?",
  "costs?",
  "go(?:es)? for",
  "raise",
  "lower",
  "bump",
  "reduce",
  "increase",
  "drop",
  "set",
  "are(?: now)?",
  "is(?: now)?",
  "flat",
  "per (?:room|hour|hr|visit|job)",
  "from now on",
  "now",
  "starting at",
];

/** A clause with one of these is a one-off quote for a job: the amount is a budget. */
export const QUOTE_CUES = ["offer", "quote", "bid", "budget", "refund", "pay", "spend", "afford"];
