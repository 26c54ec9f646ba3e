const URGENT = new RegExp(
  `(?<![a-z])(?:${[
    "asap",
    "a\\.s\\.a\\.p\\.?",
    "as soon as (?:possible|you can|someone can)",
    "emergenc(?:y|ies)",
    "urgent(?:ly)?",
    "right (?:now|away)",
    "immediately",
    "straight away",
    "flood(?:ing|ed)",
    "burst(?:ing)?",
    "water everywhere",
    "water (?:is |keeps )?(?:pouring|gushing|spraying|spewing|shooting|spurting)",
    "now!+",
  ].join("|")})(?![a-z])`,
);

const NOT_URGENT =
  /(?<![a-z])(?:not (?:urgent|an emergency|a rush|in a rush|in a hurry)|no (?:rush|hurry)|isn'?t urgent|non-?urgent|whenever)(?![a-z])/;

/** Whether the user needs it now: "asap", "emergency", "flooding", "right now"; not if "not urgent". */
export function extractUrgent(text: string): boolean {
  return URGENT.test(text) && !NOT_URGENT.test(text);
}
