import { NOT_A_NAME } from "../../nlu/lexicon/references.js";
import { normaliseSpacing } from "../../nlu/text-normalise.js";

// "Lines & Culture's skin fade", "Rapid Rooter's prices": a business's listing named by its owner's name.
const POSSESSIVE_NAME = /\b([A-Z][\w.-]*(?: (?:&|and|of|[A-Z][\w.-]*))*)['’]s\b/g;

/**
 * Another business's listing, named in a provider's request to change something ("change Lines &
 * Culture's skin fade price"): the profile agent changes only the provider's own profile, and says
 * so rather than write the change to it.
 */
export function namesAnotherListing(text: string): string | undefined {
  for (const m of normaliseSpacing(text).matchAll(POSSESSIVE_NAME)) {
    const name = m[1]!;
    if (!NOT_A_NAME.test(name)) return name;
  }
  return undefined;
}
