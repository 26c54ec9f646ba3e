import { normaliseSpacing } from "../../nlu/text-normalise.js";

// "Lines & Culture's skin fade", "Rapid Rooter's prices": a business's listing named by its owner's name.
const POSSESSIVE_NAME = /\b([A-Z][\w.-]*(?: (?:&|and|of|[A-Z][\w.-]*))*)['’]s\b/g;
const NOT_A_BUSINESS =
  /^(?:I|It|That|This|There|Here|What|Who|Let|He|She|Today|Tomorrow|Tonight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Everyone|Everybody|Nobody|Customer|Customers)$/;

/**
 * Another business's listing, named in a provider's request to change something ("change Lines &
 * Culture's skin fade price"): the profile agent changes only the provider's own profile, and says
 * so rather than write the change to it.
 */
export function namesAnotherListing(text: string): string | undefined {
  for (const m of normaliseSpacing(text).matchAll(POSSESSIVE_NAME)) {
    const name = m[1]!;
    if (!NOT_A_BUSINESS.test(name)) return name;
  }
  return undefined;
}
