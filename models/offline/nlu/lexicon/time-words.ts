/**
 * Conventions for turning loose time words into windows (all wall-clock in the user's zone):
 * - a day with no time is the business day, 08:00-21:00;
 * - morning 08:00-12:00, afternoon 12:00-17:00, evening / tonight / night 17:00-21:00,
 *   lunchtime 12:00-14:00, "first thing" and "before work" 08:00-09:00, "after work" 17:00-21:00,
 *   "after school" 15:00-19:00;
 * - "after 5" runs to the end of the business day, "before noon" from its start;
 * - "around 3" is 14:30-15:30; "at 3" is the instant 15:00 (start = end);
 * - an hour with no am/pm from 1 to 7 is afternoon (people book services 08:00-19:59);
 * - early / mid / late in a month are days 1-10, 11-20, 21-end.
 */
export const BUSINESS_DAY = { start: 8 * 60, end: 21 * 60 };

export const PARTS_OF_DAY: Readonly<Record<string, { start: number; end: number }>> = {
  morning: { start: 8 * 60, end: 12 * 60 },
  afternoon: { start: 12 * 60, end: 17 * 60 },
  evening: { start: 17 * 60, end: 21 * 60 },
  evenings: { start: 17 * 60, end: 21 * 60 },
  night: { start: 17 * 60, end: 21 * 60 },
  tonight: { start: 17 * 60, end: 21 * 60 },
  lunchtime: { start: 12 * 60, end: 14 * 60 },
  lunch: { start: 12 * 60, end: 14 * 60 },
  "first thing": { start: 8 * 60, end: 9 * 60 },
  // When people are free around a working or school day.
  "before work": { start: 8 * 60, end: 9 * 60 },
  "after work": { start: 17 * 60, end: 21 * 60 },
  "after school": { start: 15 * 60, end: 19 * 60 },
};

export const AROUND_MINUTES = 30;

export const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ["sunday", "sun", "sundays"],
  ["monday", "mon", "mondays"],
  ["tuesday", "tue", "tues", "tuesdays"],
  ["wednesday", "wed", "weds", "wednesdays"],
  ["thursday", "thu", "thur", "thurs", "thursdays"],
  ["friday", "fri", "fridays"],
  ["saturday", "sat", "saturdays"],
];

/** Regex source: one weekday name in full, singular or plural ("monday", "mondays"). */
export const WEEKDAY_PATTERN = "(?:sun|mon|tues|wednes|thurs|fri|satur)days?";

/** Short names, trusted only inside ranges ("tue-sat", "mon to fri"): "sat" and "wed" are verbs too. */
export const WEEKDAY_SHORT_PATTERN = "(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)";

/** The weekday (0 = Sunday) a matched name means. */
export function weekdayNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/s$/, "").replace(/day$/, "");
  const stems = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  const i = stems.findIndex((s) => w.startsWith(s));
  return i >= 0 ? i : undefined;
}

export const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
