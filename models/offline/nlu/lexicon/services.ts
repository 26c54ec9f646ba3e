/**
 * The canonical service names Proxie understands, by category, and the phrasings that map to
 * each. Patterns are regex sources matched against normalised (lower-case) text at word
 * boundaries. Canonical lists (the `service` slot takes exactly one of these):
 *
 * - haircut: fade, haircut, beard trim, line up, colour, kids cut, buzz cut, shave, blowout,
 *   braids, locs, perm
 * - cleaning: deep clean, regular clean, move-out clean, move-in clean, office clean, carpet clean,
 *   window clean, oven clean, post-construction clean, turnover clean
 * - plumbing: leak repair, drain clog, water heater, toilet repair, fixture install, garbage
 *   disposal, sewer line, emergency, pipe repair, sump pump
 */

export const CATEGORIES = ["haircut", "cleaning", "plumbing"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ServiceEntry {
  service: string;
  category: Category;
  patterns: string[];
  /**
   * Its modifiers name narrower services that providers list apart ("skin fade", "taper fade"),
   * where for other entries they are synonyms ("standard clean" is a regular clean).
   */
  keepsModifier?: boolean;
  /** Frequency words like "weekly" name a service only when the category is already known. */
  needsCategoryContext?: boolean;
}

const FIXTURE_NOUN = "(?:faucet|tap|sink|shower ?head|fixture|valve|shower|tub)s?";
const INSTALL_VERB = "(?:install\\w*|replac\\w*|new|put in|swap(?:ped)? out|fit(?:ted)?|upgrade)";

export const SERVICE_LEXICON: readonly ServiceEntry[] = [
  // haircut
  {
    service: "fade",
    category: "haircut",
    keepsModifier: true,
    patterns: [
      "(?:skin|low|mid|high|bald|drop|burst|temp)[- ]fades?",
      "fades?",
      "tapers?(?: fade)?",
      "tapered",
    ],
  },
  {
    service: "beard trim",
    category: "haircut",
    patterns: [
      "beards?(?: (?:trims?|tidy(?:[- ]?ups?)?|shape[- ]?ups?|line[- ]?ups?))?",
      "must[a]?ches?",
      "moustaches?",
      "goatee",
    ],
  },
  {
    service: "line up",
    category: "haircut",
    patterns: [
      "line[- ]?ups?",
      "edge[- ]?ups?",
      // "line me up", "edge my son up": the verb said around the person
      "(?:line|edge) (?:me|him|us|them|my (?:son|boy|kid|husband|brother)) up",
    ],
  },
  {
    service: "colour",
    category: "haircut",
    patterns: [
      "colou?r(?:ing|ed|s)?",
      "dye(?:d|ing)?",
      "(?:high|low)lights?",
      "balayage",
      "ombre",
      "bleach(?:ed|ing)?",
      "tint(?:ed|ing)?",
      "roots? touch[- ]?up",
      "roots touched up",
      "my roots",
    ],
  },
  {
    service: "kids cut",
    category: "haircut",
    patterns: [
      "kids?'?s? ?(?:hair)?cuts?",
      "child(?:ren)?'?s? ?(?:hair)?cuts?",
      // A provider's "kids under 12 are $18": the cut for children, by age.
      "(?:kids|children) (?:under|below|up to) \\d{1,2}",
    ],
  },
  {
    service: "buzz cut",
    category: "haircut",
    patterns: ["buzz ?cuts?", "buzzed", "clipper cuts?", "crew ?cuts?", "buzz it"],
  },
  {
    service: "shave",
    category: "haircut",
    keepsModifier: true,
    patterns: [
      "(?:hot[- ]towel|straight[- ]razor|head) shaves?",
      "shaves?",
      "shaving",
      "straight razor",
      "hot towel",
    ],
  },
  { service: "blowout", category: "haircut", patterns: ["blow[- ]?outs?", "blow[- ]?dr(?:y|ies|ied|ying)"] },
  {
    service: "braids",
    category: "haircut",
    patterns: ["braids?", "braiding", "corn ?rows?", "plaits?"],
  },
  {
    service: "locs",
    category: "haircut",
    patterns: ["locs", "dread(?:lock)?s", "re-?twist(?:ed)?", "starter locs"],
  },
  { service: "perm", category: "haircut", patterns: ["perms?", "permed"] },
  {
    service: "haircut",
    category: "haircut",
    patterns: [
      "hair ?cuts?",
      "cut my hair",
      "cut (?:my |his |her )?(?:\\w+'s )?hair",
      "hair (?:cut|trimmed|trim)",
      "trims?",
      "cuts?",
      "bob",
      "short back and sides",
      "men'?s cut",
    ],
  },
  // cleaning
  {
    service: "deep clean",
    category: "cleaning",
    patterns: [
      "deep[- ]?clean(?:ing|ed|s)?",
      "thorough(?:ly)? clean(?:ing|ed)?",
      "spring[- ]?clean(?:ing)?",
      "top to bottom",
    ],
  },
  {
    service: "move-out clean",
    category: "cleaning",
    patterns: ["move[- ]?out", "moving out", "moved out", "end[- ]of[- ](?:tenancy|lease)", "vacating"],
  },
  {
    service: "move-in clean",
    category: "cleaning",
    patterns: ["move[- ]?in(?:to)?", "moving in(?:to)?", "moved in(?:to)?", "just moved"],
  },
  {
    service: "office clean",
    category: "cleaning",
    patterns: ["offices?", "commercial clean(?:ing)?", "janitorial", "workplace"],
  },
  {
    service: "carpet clean",
    category: "cleaning",
    patterns: ["carpets?", "rugs?", "upholstery", "steam clean(?:ing)?"],
  },
  { service: "window clean", category: "cleaning", patterns: ["windows?"] },
  {
    service: "oven clean",
    category: "cleaning",
    // "deep clean a greasy oven" is an oven job: the longer phrase wins over "deep clean".
    patterns: ["(?:deep[- ])?clean(?:ing)?(?: out)? (?:a |an |the |my |our )?(?:\\w+ ){0,2}ovens?", "ovens?"],
  },
  {
    service: "post-construction clean",
    category: "cleaning",
    patterns: [
      "post[- ]?(?:construction|reno(?:vation)?|build)",
      "after (?:the |our |my )?(?:\\w+ )?(?:builders?|reno(?:vation)?|construction|remodel)",
      "construction clean(?:ing|[- ]?up)?",
    ],
  },
  {
    service: "turnover clean",
    category: "cleaning",
    patterns: ["turnovers?", "airbnb", "between guests", "vacation rental", "short[- ]term rental"],
  },
  {
    service: "regular clean",
    category: "cleaning",
    patterns: [
      "(?:regular|routine|normal|standard|basic|maintenance|general|light) (?:house |home |apartment |flat |condo )?clean(?:ing|up)?",
      "regular housekeeping",
      "recurring clean(?:ing)?",
    ],
  },
  {
    service: "regular clean",
    category: "cleaning",
    needsCategoryContext: true,
    patterns: [
      "weekly",
      "bi-?weekly",
      "fortnightly",
      "every (?:other|two|2) weeks?",
      "every (?:week|fortnight|month)",
      "monthly",
    ],
  },
  // plumbing
  {
    service: "emergency",
    category: "plumbing",
    patterns: [
      "emergenc(?:y|ies)",
      "burst(?:ing)? (?:\\w+ )?pipes?",
      "pipes? (?:\\w+ ){0,4}burst",
      "flood(?:ing|ed|s)?",
      "water everywhere",
      "water (?:is |keeps |keep )?(?:coming|gushing|spraying|pouring|pour|spewing|shooting|streaming|spurting|running) (?:out|from|everywhere|all over)",
    ],
  },
  {
    service: "leak repair",
    category: "plumbing",
    patterns: ["leak(?:s|ing|y|ed|age)?", "drip(?:s|ping|py)?"],
  },
  {
    service: "drain clog",
    category: "plumbing",
    patterns: [
      "clog(?:s|ged|ging)?",
      "unclog(?:ging)?",
      "block(?:ed|age)",
      "backed up",
      "slow drain",
      "won'?t drain",
      "not draining",
      "snake the drain",
      "drains?",
      "draining",
    ],
  },
  {
    service: "water heater",
    category: "plumbing",
    patterns: ["water heaters?", "heaters?", "boilers?", "hot water", "tankless", "water tank"],
  },
  { service: "toilet repair", category: "plumbing", patterns: ["toilets?", "loo", "wax ring"] },
  {
    service: "fixture install",
    category: "plumbing",
    patterns: [
      `${INSTALL_VERB}(?: \\w+){0,3}? ${FIXTURE_NOUN}`,
      `${FIXTURE_NOUN}(?: \\w+){0,2}? (?:install\\w*|replacement|put in|fitted)`,
      "fixtures?",
    ],
  },
  {
    service: "garbage disposal",
    category: "plumbing",
    patterns: ["(?:garbage )?dispos(?:al|er)s?", "garburators?", "insinkerator"],
  },
  {
    service: "sewer line",
    category: "plumbing",
    patterns: ["sewer(?: line)?s?", "sewage", "main line", "septic"],
  },
  {
    service: "pipe repair",
    category: "plumbing",
    patterns: [
      "(?:frozen|cracked|broken|busted|corroded) pipes?",
      "pipes? (?:froze|frozen|cracked|broke)",
      "pipe repairs?",
    ],
  },
  { service: "sump pump", category: "plumbing", patterns: ["sump(?: pump)?s?"] },
];

/** Words that name a category without naming a service. */
export const CATEGORY_WORDS: Readonly<Record<Category, string[]>> = {
  haircut: [
    "barbers?",
    "barber ?shops?",
    "hair ?dressers?",
    "hair ?stylists?",
    "stylists?",
    "salons?",
    "hair",
    "sideburns",
    "clippers",
  ],
  cleaning: [
    "clean(?:er|ers|ing|ed|s)?",
    "maids?",
    "housekeep(?:er|ers|ing)",
    "janitors?",
    "tidy(?: up)?",
    "scrub",
    "vacuum(?:ing)?",
    "mop(?:ping)?",
    "dust(?:ing)?",
    "filthy",
    "dirty",
  ],
  plumbing: ["plumb(?:er|ers|ing)", "pipes?", "water pressure", "sinks?", "faucets?"],
};

/** A leak or drip on one of these is not a plumbing job. */
export const NON_PLUMBING_LEAK_CONTEXT = [
  "roof",
  "car",
  "oil",
  "gas",

  "tire",
  "tyre",
  "engine",
  "ac",
  "transmission",
];

/** People a cut might be for that make it a kids cut. */
export const CHILD_WORDS =
  "(?:son|sons|daughter|daughters|kid|kids|kiddo|child|children|boy|girl|toddler|twins|baby|year[- ]old|\\d+ ?yo)";

/**
 * What a cleaning of "my …" can be about that is a kind of clean already (the place itself, its
 * rooms) or no object at all: "clean my house" still asks which clean, "clean my gutters" does not.
 */
export const CLEANING_PLACE_WORDS = [
  "house",
  "home",
  "apartment",
  "apt",
  "flat",
  "place",
  "condo",
  "room",
  "rooms",
  "kitchen",
  "bathroom",
  "bathrooms",
  "bedroom",
  "bedrooms",
  "bath",
  "unit",
  "studio",
  "space",
  "loft",
  "townhouse",
  "duplex",
  "whole",
  "entire",
  "living",
  "floors",
  "floor",
  "stuff",
  "mess",
  "it",
  "everything",
];
