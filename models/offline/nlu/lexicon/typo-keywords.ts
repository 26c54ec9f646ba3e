import type { Category } from "./services.js";

/**
 * Words worth recognising through a typo ("hiarcut", "clening", "plumer"): a token of 5+
 * letters one edit from one of these counts as it. Only long words that name a category or
 * service: short ones sit one edit from ordinary words ("shave"/"shape", "heater"/"heated").
 */
export const TYPO_KEYWORDS: Readonly<Record<Category, string[]>> = {
  haircut: [
    "haircut",
    "haircuts",
    "barber",
    "barbers",
    "barbershop",
    "hairdresser",
    "stylist",
    "highlights",
    "balayage",
    "blowout",
  ],
  cleaning: ["cleaning", "cleaner", "cleaners", "housekeeper", "housekeeping", "janitorial"],
  plumbing: ["plumber", "plumbers", "plumbing", "toilet", "faucet", "leaking", "clogged", "disposal"],
};
