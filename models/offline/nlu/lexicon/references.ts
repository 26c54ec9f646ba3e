/** Ways of pointing at one of the options shown last turn, other than by position or name. */
export const REFERENCE_PHRASES: readonly {
  kind: "cheapest" | "best_rated" | "earliest" | "latest";
  patterns: string[];
}[] = [
  {
    kind: "cheapest",
    patterns: [
      "cheap(?:est|er)",
      "least expensive",
      "less expensive",
      "lowest(?:[- ]priced| price| cost| quote| bid)?",
      "lower priced",
      "most affordable",
      "(?:more )?affordable one",
      "best (?:price|deal|value)",
    ],
  },
  {
    kind: "best_rated",
    patterns: [
      "(?:best|top|highest|higher)[- ]rated",
      "(?:best|most|highest|better|top) (?:reviews?|reviewed|stars?|ratings?|rating)",
      "highest rating",
      "most stars",
      "the best one",
    ],
  },
  {
    kind: "earliest",
    patterns: [
      "earliest",
      "soonest",
      "sooner",
      "earlier one",
      "first (?:available|opening|free|slot|one available)",
      "next available",
      // "whoever can come first", "whichever can get here quickest"
      "(?:who|whoever|whichever|anyone who|someone who|the one who|the one that)(?:'s| is| can| could)? (?:\\w+ ){0,3}?(?:first|fastest|quickest)",
    ],
  },
  { kind: "latest", patterns: ["latest", "later one", "last slot", "later slot", "latest slot"] },
];

/** Nouns that can follow an ordinal when it points at an option: "the second barber". */
export const OPTION_NOUNS =
  "(?:one|option|choice|offer|quote|bid|result|listing|guy|lady|person|place|shop|slot|time|pro|provider|barber|stylist|cleaner|plumber|company|team|on the list)";

/** Words in provider names that say nothing about which one is meant. */
export const GENERIC_NAME_WORDS = new Set([
  "the",
  "and",
  "by",
  "co",
  "company",
  "inc",
  "llc",
  "ltd",
  "team",
  "services",
  "service",
  "pros",
  "salon",
  "shop",
  "barber",
  "barbers",
  "cleaning",
  "cleaners",
  "plumbing",
  "plumber",
  "home",
  "on",
  "of",
  "&",
]);

/** Words naming a booking the user already has: "my haircut", "the plumber", "our appointment". */
export const BOOKING_NOUNS = "booking|appointment|appt|haircut|cut|cleaning|clean|plumber|plumbing|visit";

/**
 * Capitalised words before "'s" that are not a person or a business: "Friday's appointment",
 * "It's $30", "Let's do it".
 */
export const NOT_A_NAME =
  /^(?:I|It|That|This|There|Here|What|Who|Let|He|She|Today|Tomorrow|Tonight|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Last|Next|Everyone|Everybody|Nobody|Customer|Customers|Proxie)$/;
