// Bio and business name are free text: found on the case-kept text and masked from the other
// extractors, so "Fresh Fades" does not also read as a service.
const BIO =
  /(?<![a-z])(?:(?:update|change|set|make|edit|rewrite) my (?:bio|description|about(?: me)?|profile text|tagline)(?: to| to say| to read| as)?|my (?:bio|description|about(?: me)?) (?:should|to|must|will|can) (?:say|read|be)|(?:put|add|write) (?:in|on|to) my (?:bio|description)(?: that)?|(?:i'?d like|i want) my (?:bio|description) to (?:say|read|be)|(?:bio|description):)\s*:?\s*/;

const ADDS_TO_BIO = /^(?:put|add|write)\b|\balso\b/;

const NAME =
  /(?<![a-z])(?:(?:my |our |the )?(?:business|company|shop|salon|store)(?: name)? (?:is |will be )?(?:called|named)|(?:my |our |the )?(?:business|company|shop|salon|store) name(?: is|:|'s)?|(?:change|update|set) my (?:business |company |shop )?name to|name'?s|name is|company name is|(?<!service )(?<!services )(?:called|named)|sign (?:me|us) up as|register (?:me|us) as|list (?:me|us) as)\s*:?\s*/;

const NAME_END = /\s*(?:[,.;!?]|\s(?:and|i|we|in|from|based|serving|near)\s|$)/;

export interface ProfileText {
  bio?: string;
  /** The bio words are to be added to the current bio ("add to my bio that …"), not replace it. */
  bioAddition?: boolean;
  name?: string;
  /** Where the bio and the name themselves are, cue words excluded. */
  spans: { start: number; end: number; kind: "bio" | "name" }[];
}

function trimQuotes(s: string): string {
  return s.replace(/^["'\s]+|["'\s]+$/g, "");
}

/** "update my bio to: ...", "my bio should say ..." and an enrolling provider's business name. */
export function extractProfileText(lower: string, original: string): ProfileText {
  const out: ProfileText = { spans: [] };
  const bio = lower.match(BIO);
  if (bio?.index !== undefined) {
    const from = bio.index + bio[0].length;
    const text = trimQuotes(original.slice(from));
    if (text.length > 0) {
      out.bio = text;
      if (ADDS_TO_BIO.test(bio[0])) out.bioAddition = true;
      out.spans.push({ start: from, end: lower.length, kind: "bio" });
    }
  }
  const scope = out.bio ? lower.slice(0, bio!.index) : lower;
  for (const name of scope.matchAll(new RegExp(NAME.source, "g"))) {
    const from = name.index + name[0].length;
    const rest = lower.slice(from);
    const stop = rest.search(NAME_END);
    const raw = original.slice(from, from + (stop >= 0 ? stop : rest.length));
    const text = trimQuotes(raw);
    // "sign me up as a barber" names a trade, not a business.
    if (text.length <= 1 || /^(?:a|an|the)\s/i.test(text) || /^(?:a|an)$/i.test(text)) continue;
    out.name = text;
    out.spans.push({ start: from, end: from + raw.length, kind: "name" });
    break;
  }
  return out;
}
