import { NUMBER_PATTERN, parseNumber } from "../numbers.js";
import type { WorkingText } from "./working-text.js";

const N = `(${NUMBER_PATTERN}|\\d+(?:\\.\\d)?)`;
const BED = "(?:bed ?rooms?|beds?|bdrms?|bdr|bd|br|b\\/r|bedroom)";
const BATH = "(?:bath ?rooms?|baths?|ba|bth|bathroom)";
const COMPACT =
  /(?<![a-z0-9.])(\d+)\s?(?:br|bd|bed|b)\s?[/,+ ]\s?(\d+(?:\.\d)?)\s?(?:ba|bath|bth)s?(?![a-z])/g;
const BEDS = new RegExp(`(?<![a-z0-9.])${N}[- ]?${BED}(?![a-z])`, "g");
const BATHS = new RegExp(`(?<![a-z0-9])${N}[- ]?${BATH}(?![a-z])`, "g");
const STUDIO = /(?<![a-z])studio(?![a-z])/;

/** Bedrooms and bathrooms: "2br/1ba", "3 bed 2 bath", "two-bedroom", "2.5 baths"; a studio is 0 bedrooms. */
export function extractRooms(w: WorkingText): { bedrooms?: number; bathrooms?: number } {
  const out: { bedrooms?: number; bathrooms?: number } = {};
  const compact = w.first(COMPACT);
  if (compact) {
    out.bedrooms = Number(compact[1]);
    out.bathrooms = Number(compact[2]);
    w.consumeMatch(compact);
  }
  if (out.bedrooms === undefined) {
    const b = w.first(BEDS);
    const n = b ? parseNumber(b[1]!) : undefined;
    if (b && n !== undefined && n < 20) {
      out.bedrooms = n;
      w.consumeMatch(b);
    } else if (w.test(STUDIO)) out.bedrooms = 0;
  }
  if (out.bathrooms === undefined) {
    const b = w.first(BATHS);
    const n = b ? parseNumber(b[1]!) : undefined;
    if (b && n !== undefined && n < 20) {
      out.bathrooms = n;
      w.consumeMatch(b);
    }
  }
  return out;
}
