import { INTENT_CUES } from "../nlu/lexicon/intent-cues.js";
import { BOOKING_NOUNS } from "../nlu/lexicon/references.js";
import { WEEKDAY_PATTERN } from "../nlu/lexicon/time-words.js";
import { dayShift, timeShiftMinutes } from "../nlu/slots/time-shift.js";
import { normaliseText } from "../nlu/text-normalise.js";

/**
 * Dialogue-level cues the slot extractors do not cover: what the user asks the assistant to do
 * with the conversation (get quotes, show offers, use the usual provider…). Generic phrasings,
 * regex over normalised text.
 */
const cue = (source: string) => new RegExp(`(?<![a-z])(?:${source})(?![a-z])`);

const GREETING = cue(INTENT_CUES.greeting!);
const THANKS = cue(INTENT_CUES.thanks!);
const FAREWELL = cue(INTENT_CUES.farewell!);
const HELP = cue(INTENT_CUES.help!);

// "None of those work": nothing shown fits, so ask providers for offers, unless a new time is said.
const NONE_FIT = [
  "(?:nothing|none of (?:these|those|them|the \\w+)) (?:fits?|works?|suits?|is (?:good|right))",
  "(?:neither|none) (?:of them |of these |of those )?(?:fits?|works?)",
];
const QUOTE_ASKS = [
  "(?:get|want|need|like|love|ask for|request|collect|see about|compare) (?:me |us )?(?:some |a few |a couple of |several |more |\\d |two |three )?(?:quotes?|estimates?|bids|offers)",
  "post (?:a|my|the|this|it as a) (?:job|request)",
  "(?:ask|send it) (?:around|out)",
  "(?:have|can|could|let|will) (?:some |a few |local )?(?:providers|pros|people|them|barbers|stylists|cleaners|maids|plumbers|companies) (?:send|make|give|quote)(?: me| us)? (?:offers|quotes|bids|a quote|a price)?",
  "request for (?:quotes|offers|bids)",
];
const WANTS_QUOTES = cue([...QUOTE_ASKS, ...NONE_FIT].join("|"));
const WANTS_OFFERS = cue(
  [
    "(?:show|see|list|check|compare|view|read|review) (?:me )?(?:all )?(?:my |the |any |those |these )?(?:offers|quotes|bids)",
    "(?:any|what|which|how many) (?:new )?(?:offers|quotes|bids)",
    "(?:offers|quotes|bids) (?:came|come|have come|so far|yet|i got|i have|i received)",
    "(?:did|has|have) (?:anyone|anybody|any \\w+) (?:offer|quote|bid|respond|replied|answer)",
    "(?:anyone|anybody|someone|somebody|any \\w+) (?:sent|send|made|make|given|give|put in)(?: me| us)? (?:an |any |a )?(?:offers?|quotes?|bids?)",
    "(?:i|we) (?:got|have|received) (?:any |an |some )?(?:offers?|quotes?|bids?)",
    "(?:have|did) (?:i|we) (?:got|get|received|receive) (?:any |an |some )?(?:offers?|quotes?|bids?)",
  ].join("|"),
);
const ACCEPT = cue(
  "accept|take (?:the|that|this) (?:offer|quote|bid)|go with (?:the|that) (?:offer|quote|bid)",
);
const USUAL = cue(
  [
    "usual",
    "regular (?:barber|stylist|cleaner|plumber|guy|lady|person|place|one)",
    "same (?:barber|stylist|cleaner|plumber|guy|lady|person|place|one|shop|team|as (?:last time|before|always))",
    "(?:like|as) last time",
    "(?:barber|stylist|cleaner|plumber|one|place|person|guy|lady|team) (?:i|we) (?:had|used|booked|went to|saw) (?:last time|before)",
    "favou?rite",
    "(?:again|once more) with",
  ].join("|"),
);
const SAVE_FAVORITE = cue(
  "(?:save|add|mark|keep|put|remember) (?:\\w+ ){0,4}(?:as |to |in |on )?(?:my |a |the )?favou?rites?|favou?rite (?:them|him|her|it|this|that)",
);
const MORE_OPTIONS = cue(
  "(?:more|other|different|another) (?:options|ones|providers|barbers|stylists|cleaners|plumbers|choices|places)|anyone else|someone else|show (?:me )?more|what else",
);
const CHEAPER = cue(
  "(?:anything|anyone|anybody|something|someone|any(?:thing|one)? else|others?|options?) (?:\\w+ )?(?:cheaper|less expensive|more affordable|lower priced)|cheaper (?:options?|ones|places|providers|barbers|cleaners|plumbers)|too (?:expensive|pricey|much)",
);
const ASKS_PRICE = cue(
  "how much|what(?:'s| is| does it) (?:the )?(?:price|cost)|what do(?:es)? (?:they|\\w+(?: \\w+){0,3}) charge|what are (?:their|the) (?:prices|rates)|price\\?|cost\\?",
);
const DETAILS = cue(
  "tell me (?:more )?about|more (?:info|information|details) (?:on|about)|what (?:services|else) (?:do|does)|reviews (?:of|for)|what do (?:people|customers) say",
);
// "Whoever's available", "first available": any provider will do, the soonest first.
const ANYONE =
  "(?:whatever|whichever|whoever|anyone|anybody)(?:'s| is| one is)? (?:first|soonest|earliest|next|available|free)|first available";
const ANY_TIME = cue(
  `any ?time|whenever|no preference|doesn'?t matter|don'?t mind|(?:i'?m |am )?flexible|${ANYONE}|first (?:free|open) (?:one|slot|time)|soonest|earliest|either (?:one|is fine|works)|any (?:of them|one is fine)`,
);
// What a booking is called: "my cleaning", "the trim", "friday's appointment".
const BOOKED = `(?:${BOOKING_NOUNS}|trim|fade)`;
const CANCEL = cue(
  [
    "cancel\\w*|call off|scrap (?:my|the)|drop my",
    // "I don't need the plumber on friday anymore", "we no longer need our cleaning"
    "(?:don'?t|do not) need (?:my|the|our) (?:\\w+ ){1,4}any ?more|no longer need (?:my|the|our)",
    // "forget the cleaning on thursday": a booking named with its day, let go. Without a day,
    // "forget the haircut" is as likely to drop a search under way.
    `forget (?:about )?(?:my|the|our) (?:\\w+ )?${BOOKED} (?:(?:on|for|this|next) )?(?:${WEEKDAY_PATTERN}|today|tonight|tomorrow|the \\d)`,
    // "bail on the cleaning", "back out of my appointment", "gonna have to skip the haircut"
    "bail(?:ing)? on (?:my|the|our)|back(?:ing)? out (?:of|on) (?:my|the|our)",
    "(?:have to|need to|gotta|got to|gonna have to|going to have to) (?:skip|miss|bail on) (?:my|the|our)",
    // "I can't make it thursday anymore": the booking that day is off (the confirmation says which).
    `(?:can'?t|cannot|won'?t|will not|not going to|not gonna) make (?:it|my|the|our)(?: \\w+){0,3} (?:on )?(?:${WEEKDAY_PATTERN}|today|tonight|tomorrow|any ?more)`,
  ].join("|"),
);
const RESCHEDULE = cue(
  `reschedul\\w*|rebook|move (?:my|the|it|that|our)|move (?:${WEEKDAY_PATTERN}|today|tomorrow)(?:'s)? (?:\\w+ )?${BOOKED}|moving (?:my|the|it)|push (?:my|the|it|back)|postpone|bump (?:my|the|it)|shift (?:my|the|it)|change (?:the )?(?:time|date|day) of|change (?:my|the) (?:\\w+ )?(?:booking|appointment|appt)|move (?:it|that) to|different (?:time|day)`,
);
const REVIEW = cue("review|rate|rating|stars?|feedback|out of (?:5|five)");
const LIST = cue(
  "(?:what|which|show|list|see|view|check|when is|when's|do i have|have i got|upcoming|coming up|my (?:bookings|appointments|reservations|schedule)|when (?:is |are )?(?:the|my|our) \\w+ (?:is |are )?(?:coming|arriving|due|showing up))",
);
const SCHEDULE = cue(
  "schedule|calendar|agenda|bookings|appointments|jobs (?:today|tomorrow|this week)|who (?:is|'s) coming",
);
const REQUESTS = cue(
  "requests?|jobs? (?:near|in my area|available|open|posted)|open jobs|leads|customers? (?:looking|need)|(?:any|got any|have any)(?: new)? (?:work|jobs?|gigs?)|(?:work|anything) for (?:me|us)",
);
const MAKE_OFFER = cue(
  [
    "(?:make|send|put in|submit|give|place) (?:them |him |her |the customer )?(?:an |a |my )?(?:offer|quote|bid)",
    "(?:offer|quote|bid)(?: them| him| her| the customer)? (?:\\$|\\d)",
    "(?:offer|quote|bid) (?:on|for) (?:the|that|this|request|job|#|number|it)",
    "(?:i'?ll|i will|i can|i could|let'?s|we'?ll|we can) (?:offer|quote|bid|do it for)",
    // "I can do that sink for 150", "we could do the job for $200"
    "(?:i'?ll|i will|i can|i could|i'?d|we'?ll|we can|we could|we'?d) do (?:it|that|this|(?:the|that|this) \\w+(?: \\w+){0,5}) (?:for|at|on) \\$?\\d",
  ].join("|"),
);
const ENROL = cue(
  "sign (?:me |us )?up|join|enrol+|register|get (?:me |us |(?:my|our) (?:\\w+ ){0,2}(?:business|company|shop|salon) )?listed|(?:list|add|put) (?:me|us|(?:my|our) (?:\\w+ ){0,2}(?:business|company|shop|salon|services))|offer my services|work (?:on|through|with) proxie|become a (?:provider|pro)|create (?:my|a) (?:provider )?profile|set up (?:my|a) (?:provider )?profile|new provider|onboard|get (?:on|onto) (?:here|proxie|the app|this app|the platform|this platform|the site|this site)|be on (?:here|proxie)|(?:start|begin) (?:getting|taking|finding) (?:customers|clients|jobs|bookings|work) (?:here|on proxie|through (?:you|proxie|here))",
);
const SKIP = cue(
  "skip|later|not now|no thanks|not yet|none|nothing else|that'?s (?:it|all)|i'?ll do (?:it|that) later|no more",
);

// "What do my prices look like?", "show me my profile": a provider reading their listing back.
const OWN_LISTING =
  "(?:prices?|rates?|hours|opening hours|profile|services|listing|menu|service area|area|bio|time off)";
const READS_OWN_LISTING = cue(
  [
    `(?:what|which|show|see|view|check|read|list|tell me|remind me)\\b[^.!?]{0,30}\\bmy ${OWN_LISTING}`,
    `(?:what|how) (?:do|does|is|are) my ${OWN_LISTING}(?: \\w+)? (?:look|say|read|set|right now|now|at the moment)`,
    `what (?:do |did )?i (?:charge|have (?:listed|on my profile))`,
    `what (?:hours|prices|rates|services) (?:do|did) i (?:have|charge|offer|list)`,
  ].join("|"),
);

// "Which is best rated?", "does the first place have anything before 10?": asked, not chosen.
const QUESTION =
  /^(?:which|who|whose|what|does|do|is|are|has|have|any|anything)\b[^.!]*\?\s*$|^(?:which|who)(?:'s| is)\b|^how (?:much|long|many)\b/;

export function isQuestion(text: string): boolean {
  return QUESTION.test(text.trim().toLowerCase());
}

const has = (re: RegExp) => (text: string) => re.test(normaliseText(text));

export const isGreeting = has(GREETING);
export const isThanks = has(THANKS);
export const isFarewell = has(FAREWELL);
export const asksHelp = has(HELP);
export const wantsQuotes = has(WANTS_QUOTES);
export const wantsOffers = has(WANTS_OFFERS);
export const wantsAccept = has(ACCEPT);
export const wantsUsual = has(USUAL);
export const wantsFavoriteSaved = has(SAVE_FAVORITE);
export const wantsMoreOptions = has(MORE_OPTIONS);
export const wantsDetails = has(DETAILS);
export const wantsCheaper = has(CHEAPER);
export const asksPrice = has(ASKS_PRICE);
export const anyTime = has(ANY_TIME);
export const anyoneWillDo = has(cue(ANYONE));
export const wantsCancel = has(CANCEL);
// "The haircut", "my friday appointment": a booking the user has, named.
const NAMES_A_BOOKING = cue(`(?:the|my|our) (?:\\w+ )?${BOOKED}`);
// "Could the maids come Saturday instead": the people coming to a booking the user has, named.
const NAMES_THE_VISITORS = cue(
  "(?:the|my|our) (?:\\w+ )?(?:maids?|cleaners?|cleaning (?:lady|ladies|crew|team)|barbers?|stylists?|hairdressers?|plumbers?|handyman)",
);
// "Instead" with another day or time: the arrangement already made is to change, not a new one.
const ANOTHER_DAY_INSTEAD = cue(
  `(?:${WEEKDAY_PATTERN}|tomorrow|tonight|next week|(?:in the )?(?:morning|afternoon|evening)|\\d{1,2}(?::\\d\\d)? ?(?:am|pm)|noon|(?:the )?\\d{1,2}(?:st|nd|rd|th))(?: \\w+){0,3} instead`,
);
export const wantsReschedule = (text: string): boolean => {
  const t = normaliseText(text);
  // "Can the cleaners come a week later", "do the haircut an hour later": the arrangement made, moved.
  const shifted = timeShiftMinutes(t) !== undefined || dayShift(t) !== undefined;
  return (
    RESCHEDULE.test(t) ||
    ((NAMES_A_BOOKING.test(t) || NAMES_THE_VISITORS.test(t)) && (ANOTHER_DAY_INSTEAD.test(t) || shifted))
  );
};
export const wantsReview = has(REVIEW);
export const wantsList = has(LIST);
export const mentionsSchedule = has(SCHEDULE);
export const mentionsRequests = has(REQUESTS);
export const mentionsOffer = has(MAKE_OFFER);
export const rejectsShown = has(cue(NONE_FIT.join("|")));
/** Asks for quotes in so many words ("get me some quotes"), not only by turning down what was shown. */
export const asksQuotesOutright = has(cue(QUOTE_ASKS.join("|")));
export const wantsEnrol = has(ENROL);
export const wantsSkip = has(SKIP);
export const readsOwnListing = has(READS_OWN_LISTING);

/** Only small talk: a greeting, thanks or goodbye, and nothing else of substance. */
export function isSmallTalk(text: string): boolean {
  const t = normaliseText(text);
  if (!(GREETING.test(t) || THANKS.test(t) || FAREWELL.test(t))) return false;
  const rest = t
    .replace(new RegExp(GREETING.source, "g"), " ")
    .replace(new RegExp(THANKS.source, "g"), " ")
    .replace(new RegExp(FAREWELL.source, "g"), " ")
    .replace(
      /(?<![a-z])(?:so much|a lot|very much|again|ok(?:ay)?|great|cool|perfect|awesome|that'?s|all|for (?:now|everything|your help|the help|that)|you|guys|proxie|there|and|it|now)(?![a-z])/g,
      " ",
    )
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return rest.length === 0;
}
