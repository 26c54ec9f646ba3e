/**
 * Requests Proxie refuses whatever the classifier says, as regex sources over lower-case text.
 * Generic shapes of prompt injection and of reaching other people's data, not example sentences.
 */
export const PROMPT_INJECTION = [
  "(?:ignore|disregard|forget|override|bypass) (?:all |any |your |the |my |these |those |previous |prior |earlier |above |preceding |every )*(?:instructions?|rules|prompts?|guidelines|directions|polic(?:y|ies)|restrictions|programming|training)",
  "(?:ignore|disregard|forget) (?:everything|all that|what) (?:you(?:'ve| have)? (?:were |been )?(?:told|said|instructed))?",
  "forget everything",
  "system prompt",
  "hidden (?:instructions|prompt|rules)",
  "(?:developer|debug|god|admin|jailbreak|dan) mode",
  "jailbreak",
  "you are now",
  "from now on you",
  "pretend (?:you(?:'re| are)|to be)",
  "act as (?:an? |the )?(?:admin|administrator|developer|root|system|superuser|moderator)",
  "(?:reveal|show|print|tell me|give me|leak|dump|output) (?:me )?(?:your|the) (?:system |initial |original |hidden )?(?:prompt|instructions|configuration|config|secrets?|keys|api keys?|credentials|tokens?|passwords?)",
  "api keys?",
  "secret keys?",
  "admin (?:access|rights|privileges|panel|password)",
  "^system:",
];

export const OTHER_PEOPLES_DATA = [
  "(?:someone|somebody|anyone|anybody) else'?s",
  "(?:another|other|different) (?:user|customer|client|person|provider|consumer|member|account)'?s?(?: (?:booking|appointment|data|account|details|info|reviews?|address|orders?))?",
  "other (?:users|customers|clients|people|providers|members)",
  "(?:all|every|each) (?:the )?(?:users|customers|clients|members|accounts|user|customer|client|member)(?:'s|s')?",
  "everyone'?s (?:data|info|information|details|bookings|addresses|emails|numbers|accounts)",
  "user (?:#|id |number )?\\d+",
  "(?:my )?neighbou?r'?s",
  "(?:phone numbers?|emails?|e-mail addresses|addresses|home addresses|contact details|personal (?:data|info|details)) of (?:all|every|other|the other|each)",
  "(?:database|db|table|list) of (?:all )?(?:users|customers|clients|providers|accounts)",
  "export (?:the |all )?(?:database|data|users|customers)",
  // Review bombing and fake reviews: ratings aimed at many businesses at once, or invented.
  "(?:rate|review|give|leave|post) (?:\\w+ ){0,3}(?:all|every|each) (?:the |of the )?(?:\\w+ )?(?:barbers?|cleaners?|plumbers?|providers?|pros?|businesses|shops?|stylists?)",
  "(?:all|every|each) (?:the |of the )?(?:barbers?|cleaners?|plumbers?|providers?|pros|businesses|shops|stylists?) (?:\\w+ ){0,3}(?:stars?|reviews?|ratings?)",
  "fake (?:\\w+ )?(?:reviews?|ratings?|stars?)",
  // Reviews belong to the people who wrote them: nobody deletes or hides someone's review by chat.
  "(?:delete|remove|erase|hide|take down|get rid of|wipe) (?:\\w+ ){0,4}(?:reviews?|ratings?)",
];
