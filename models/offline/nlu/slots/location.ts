import { NUMBER_PATTERN, parseNumber } from "../numbers.js";
import type { WorkingText } from "./working-text.js";

const KM_PER_MILE = 1.609344;
const ZIP = /(?<![0-9$.,-])(\d{5})(?:-\d{4})?(?![0-9]|,\d| ?(?:dollars?|bucks|usd|\$|k\b|sq|miles?|km))/g;
const RADIUS = new RegExp(
  `(?<![a-z])(?:within|up to|radius(?: of| is| to)?|cover(?:ing)?|travel(?: up to)?|serve|service|around|range of|to)? ?(${NUMBER_PATTERN}) ?(miles?|mi|km|kilomet(?:er|re)s?|kms)(?![a-z])`,
  "g",
);
// A radius said by a provider about their area, not a distance in a consumer's story.
const AREA_CUE =
  /(?<![a-z])(?:within|radius|cover|travel|serve|service area|area|around|jobs|work|go up to|range)(?![a-z])/;

/** A 5-digit US zip code (ZIP+4 accepted, reported as 5 digits). */
export function extractZip(w: WorkingText): string | undefined {
  const m = w.first(ZIP);
  if (!m) return undefined;
  w.consumeMatch(m);
  return m[1];
}

/**
 * A provider's service area: "within 10 miles of 78704", "I cover 15 km around 98101", "only
 * jobs in 60647". Miles become km, rounded to 0.1. The zip said here is the area's centre and is
 * not repeated as the top-level `zip`.
 */
export function extractServiceArea(w: WorkingText): { radiusKm?: number; zip?: string } | undefined {
  const text = w.value;
  if (!AREA_CUE.test(text)) return undefined;
  const area: { radiusKm?: number; zip?: string } = {};
  const r = w.first(RADIUS);
  if (r) {
    const n = parseNumber(r[1]!);
    if (n !== undefined && n > 0) {
      const km = /^mi/.test(r[2]!) ? n * KM_PER_MILE : n;
      area.radiusKm = Math.round(km * 10) / 10;
      w.consumeMatch(r);
    }
  }
  const providerish =
    area.radiusKm !== undefined ||
    /(?<![a-z])(?:i|we) (?:serve|cover|service|only take|work)|only (?:take |want )?jobs|my (?:service )?area/.test(
      text,
    );
  if (providerish) {
    const z = w.first(ZIP);
    if (z) {
      area.zip = z[1];
      w.consumeMatch(z);
    }
  }
  return area.radiusKm !== undefined || area.zip !== undefined ? area : undefined;
}
