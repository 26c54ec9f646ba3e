/**
 * Word classes the intent model sees as features besides the words themselves, so that a synonym
 * in the class carries what its neighbours learned. Regex sources over lower-case text.
 */
export const INTENT_CUES: Readonly<Record<string, string>> = {
  /** Managing bookings that exist: "my appointment", "cancel", "reschedule". */
  bookings:
    "(?:bookings?|booked|appointments?|appt|reservations?|requests?|offers?|quotes?|bids?|schedule|calendar|agenda|cancel\\w*|reschedul\\w*|postpone|confirm\\w*|jobs?|clients?|customers?|upcoming|lined up|history|status)",
  /** Something of mine that already exists: "my cleaning on friday", "my plumber". */
  mine: "(?:my|our) (?:\\w+ )?(?:bookings?|appointments?|appt|reservations?|requests?|visit|job|order|cleaning|haircut|cut|clean|plumber|cleaner|barber|stylist|schedule|calendar)",
  /** A provider's own listing: "my prices", "my hours", "sign me up". */
  profile:
    "(?:my (?:prices?|rates?|hours|bio|profile|availability|service area|radius|menu|listing|services|description|business|company|shop)|i charge|sign (?:me |us )?up|join as|become a (?:provider|pro)|get listed|list (?:me|myself|my business)|i (?:offer|do|provide) (?:\\w+ ){0,3}(?:now|too|anymore|any more)|(?:i'?m|i am) (?:a|an) (?:barber|stylist|hairdresser|hairstylist|cleaner|plumber|provider))",
  /** A review: stars, out of 5. */
  review: "(?:\\d|one|two|three|four|five) ?(?:stars?|\\/ ?5|out of (?:5|five))|review|feedback|rate|rating",
  /** Proxie itself: how it works, fees, support. */
  platform:
    "(?:proxie|this app|the app|this (?:site|service|platform)|you guys|support|fees?|refunds?|payments?|pay(?:ing)? through|background checks?|insured|vetted|verified|a human|real person|an ai|a bot|how (?:does|do) (?:this|it|you|booking|offers?|payments?) work)",
  /** Small talk: greetings, thanks, goodbyes, asking for help. Closed classes of words. */
  greeting:
    "(?:hi|hello|hey|hiya|howdy|yo|sup|heya|greetings|good (?:morning|afternoon|evening|day)|morning|evening|how are you|how'?s it going|what'?s up)",
  thanks: "(?:thanks?|thank you|thx|ty|cheers|appreciate(?:d| it| you)?|much obliged|grateful)",
  farewell:
    "(?:bye|goodbye|good ?night|see (?:you|ya)|catch you|later|take care|talk soon|that'?s all|have a (?:good|nice|great) (?:day|one|night))",
  // Help with Proxie itself; "help me write my resume" asks for something else.
  help: "(?:^(?:(?:can|could) you |please )?help(?: me)?(?: (?:please|out))?[?!. ]*$|i need (?:some )?help[?!. ]*$|what can you|what do you do|how (?:does|do) (?:this|it) work|where do i start|confused|not sure|don'?t know (?:what|where|how)|what should i)",
  /** Talking to the assistant itself. */
  assistant:
    "(?:yourself|your name|who are you|are you (?:a|an|real|human|the)|nice to meet|talk to (?:a|an) (?:person|human|agent))",
  /** An amount of money. */
  money: "(?:\\$ ?\\d|\\d+ ?(?:dollars?|bucks|usd))",
};

/** Words that show a message is about existing bookings, to tell a new topic from a follow-up. */
export const BOOKINGS_CUES = INTENT_CUES.bookings!;

/** Words that show a message is about a provider's own profile. */
export const PROFILE_CUES = INTENT_CUES.profile!;
