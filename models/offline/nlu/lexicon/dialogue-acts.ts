/**
 * Phrases that accept or refuse what the assistant just proposed, and that correct an earlier
 * answer. Patterns are regex sources over lower-case text.
 */

/** Accepting, when it opens the message or is most of it. */
export const AFFIRM_OPENERS = [
  "yes",
  "yeah",
  "yea",
  "yep",
  "yup",
  "ya",
  "yah",
  // "y" alone, as typed on a phone; "y is it so much" asks why.
  "y(?=[ .!]*$)",
  "sure",
  "ok(?:ay)?",
  "k",
  "alright",
  "all right",
  "absolutely",
  "definitely",
  "of course",
  "certainly",
  "perfect",
  "great",
  "fine",
  "cool",
  "deal",
  "correct",
  "right",
  "exactly",
  "please do",
  "go ahead",
  "go for it",
  "do it",
  "let'?s do (?:it|that|the \\w+)",
  "let'?s go",
  "sounds (?:good|great|perfect|fine)",
  "that works",
  "works for me",
  "that'?s (?:fine|good|great|perfect)",
  "confirm(?:ed)?",
  "(?:send|submit) (?:it|that)(?: over| off)?(?! (?:to|later|tomorrow|instead))",
];

/** Accepting anywhere in the message. */
export const AFFIRM_ANYWHERE = [
  "book (?:it|that|them|him|her|me in with (?:them|him|her))(?! (?:for|on|at))",
  "go ahead",
  "sounds good",
  "that works",
  "works for me",
  "looks (?:good|great|fine|perfect)",
  "confirm (?:it|that|the booking)",
  "i'?ll take (?:it|that)",
  "let'?s do (?:it|that|the \\w+)",
  "go with (?:it|that)",
  "(?:send|submit) (?:it|that|the offer|my offer)(?! (?:to|later|tomorrow))",
];

/** Refusing, when it opens the message. */
export const DENY_OPENERS = [
  "no",
  "nope",
  "nah",
  "naw",
  "no thanks",
  "no thank you",
  "not really",
  "not that one",
  "never ?mind",
  "forget (?:it|that|about it)",
  "cancel that",
  "scratch that",
  "neither",
  "none of (?:them|those)",
  "don'?t",
  "i'?ll pass",
  "pass",
];

/** Refusing anywhere in the message. */
export const DENY_ANYWHERE = [
  "don'?t (?:book|do (?:it|that)|want (?:it|that|to book)|bother|confirm|go ahead)",
  "do not (?:book|confirm)",
  "never ?mind",
  "forget (?:it|that)",
  "cancel that",
  "scratch that",
  "not interested",
  "i'?ll pass",
  "leave it as is",
  "i'?m good",
  "changed my mind",
  "don'?t cancel",
  // "actually I'll wait, thanks anyway": not now.
  "i'?ll (?:wait|hold off|think about it)",
  "thanks anyway",
  "maybe (?:later|another time)",
  "hold off",
];

/** Changing an earlier answer. */
export const CORRECTION_CUES = [
  "actually",
  "instead(?! of (?:a|an|the|me|you) )",
  "(?<!(?:can'?t|cannot|won'?t|couldn'?t|not) )make it(?! (?:to|on time|in time|there))",
  "change (?:it|that|the time|the day) to",
  "switch (?:it |that )?to",
  "move it to",
  "i meant",
  "i mean",
  "meant to say",
  "rather",
  "on second thought",
  "wait",
  "sorry,? (?:i meant|i mean|make|it'?s|change|wrong)",
  "correction",
  "(?:works|would be|is|'?s) better",
  "from \\d{1,2}(?::\\d\\d)? ?(?:am|pm)? to",
  "how about",
  "what about",
  "can we do",
  "could we do",
];
