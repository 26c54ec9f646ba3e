/** Phrases by which a provider adds services to their menu; services named after them are added. */
export const ADD_SERVICE_CUES = [
  "(?:i |we )?(?:also|now) (?:do|offer|install|clean|provide|fix|handle|take)",
  "(?:started|start|starting|begun|began|beginning) (?:doing|offering|to offer|to do|taking)",
  "(?:want|like|going) to (?:start )?offer",
  "now offering",
  "(?:i |we )can (?:also )?do (?=.*\\bnow\\b)",
  "i do (?=.*\\bnow\\b)",
  "add(?:ing)?(?= (?:\\w+ ){0,4}?(?:to my|for \\$?\\d|services?|\\$))",
  "new service",
  "offer(?:ing)? (?=.*\\btoo\\b)",
];

/** Phrases by which a provider drops services; services named after them are removed. */
export const REMOVE_SERVICE_CUES = [
  "(?:don'?t|do not|won'?t|will not) (?:do|offer|provide|take)",
  "no longer",
  "stop(?:ped)? (?:offering|doing|providing|taking)",
  "remove",
  "take (?=(?:\\w+ ){0,4}off)",
  "drop(?! (?:my |the )?(?:price|rate))",
  "quit(?:ting)? (?:doing|offering)",
  "not (?:doing|offering) ",
  "no more(?! than)",
  "discontinu\\w+",
];
