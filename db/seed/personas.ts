import type { Category } from "../../core/categories.js";
import type { Kind } from "./catalog.js";
import type { PersonName } from "./names.js";

/** Well-known ids: the web UI's sign-in picker and tests rely on them. */
export const DEMO_CONSUMER_ID = "demo-consumer";
export const DEMO_BARBER_ID = "demo-barber";
export const DEMO_CLEANER_ID = "demo-cleaner";
export const DEMO_PLUMBER_ID = "demo-plumber";
export const DEMO_ADMIN_ID = "demo-admin";
export const DEMO_IDS = {
  consumer: DEMO_CONSUMER_ID,
  barber: DEMO_BARBER_ID,
  cleaner: DEMO_CLEANER_ID,
  plumber: DEMO_PLUMBER_ID,
  admin: DEMO_ADMIN_ID,
} as const;

export interface Persona {
  userId: string;
  business: string;
  owner: PersonName;
  kind: Kind;
  zip: string;
  neighborhood: string;
  /** Services offered whatever the draw: the demo script asks the barber for a skin fade. */
  require?: readonly string[];
  /** Bookings with the demo consumer, so that signing in as them shows a history. */
  prefer: { past: number; upcoming: number };
}

/**
 * The demo providers: fixed names and places, so that demos and docs can name them. They are
 * the first three Austin providers (one per category); everything else about them is drawn.
 */
export const PERSONAS: Record<Category, Persona> = {
  haircut: {
    userId: DEMO_BARBER_ID,
    business: "Fresh Fades Barbershop",
    owner: { first: "Marcus", last: "Reed", full: "Marcus Reed" },
    kind: "barbershop",
    zip: "78704",
    neighborhood: "South Congress",
    require: ["Skin Fade"],
    prefer: { past: 2, upcoming: 0 },
  },
  cleaning: {
    userId: DEMO_CLEANER_ID,
    business: "Sparkle & Shine Cleaning",
    owner: { first: "Sofia", last: "Ramirez", full: "Sofia Ramirez" },
    kind: "home",
    zip: "78745",
    neighborhood: "South Manchaca",
    prefer: { past: 1, upcoming: 1 },
  },
  plumbing: {
    userId: DEMO_PLUMBER_ID,
    business: "Rapid Rooter Plumbing",
    owner: { first: "Darnell", last: "Jackson", full: "Darnell Jackson" },
    kind: "general",
    zip: "78702",
    neighborhood: "East Austin",
    prefer: { past: 1, upcoming: 0 },
  },
};

export const DEMO_CONSUMER_NAME = "Jordan Avery";
