import type { Category } from "../lexicon/services.js";

/** A result shown to the user on the previous turn, which "the second one" can point at. */
export interface ShownOption {
  /** 1-based position as shown. */
  index: number;
  id: string;
  name: string;
  priceCents?: number;
  rating?: number;
  startsAt?: string;
}

export interface SlotContext {
  now: Date;
  /** IANA zone the user's times are in, e.g. "America/Chicago". */
  timeZone: string;
  options?: ShownOption[];
  /** Who is speaking, when known: decides whether a bare "$40 for a fade" is a price or a budget. */
  role?: "consumer" | "provider";
}

/** A time window as ISO 8601 instants with the offset of the context's zone. */
export interface TimeWindow {
  start: string;
  end: string;
  /** The words it was read from. */
  text: string;
}

export type Reference =
  | { kind: "ordinal"; index: number }
  | { kind: "cheapest" }
  | { kind: "best_rated" }
  | { kind: "earliest" }
  | { kind: "latest" }
  | { kind: "option"; id: string };

export interface WeeklyHours {
  /** 0 = Sunday */
  weekdays: number[];
  /** "09:00" */
  start?: string;
  end?: string;
  closed?: boolean;
  /** A break within those days' hours ("lunch 12 to 1"), not the hours themselves. */
  break?: boolean;
}

export interface Slots {
  category?: Category;
  /** A trade the user drops for the one they now ask for ("forget the haircut, I need a plumber"). */
  dropped?: Category;
  service?: string;
  /** The user's narrower name for `service` ("skin fade"), when they gave one. */
  serviceVariant?: string;
  bedrooms?: number;
  bathrooms?: number;
  urgent?: boolean;
  when?: TimeWindow;
  budget?: { maxCents?: number; targetCents?: number };
  zip?: string;
  reference?: Reference;
  act?: "affirm" | "deny";
  correction?: boolean;
  rating?: number;
  reviewText?: string;
  prices?: { service: string; priceCents: number }[];
  /** Prices changed by an amount ("knock $20 off the deep clean", "fades go up by $5"). */
  priceChanges?: { service: string; changeCents: number }[];
  /** Prices changed by a share ("deep cleans are 20% more"), in percent; negative lowers them. */
  pricePercentChanges?: { service: string; percent: number }[];
  durations?: { service: string; durationMin: number }[];
  hours?: WeeklyHours[];
  timeOff?: TimeWindow[];
  serviceArea?: { radiusKm?: number; zip?: string };
  addServices?: { name: string; priceCents?: number; durationMin?: number }[];
  removeServices?: string[];
  bio?: string;
  /** `bio` is to be added to the current bio, not replace it ("add to my bio that …"). */
  bioAddition?: boolean;
  name?: string;
  /** Languages a provider serves customers in ("I speak Spanish and English"). */
  languages?: string[];
  /** What a provider specialises in, in their words. */
  specialties?: string;
  /** A business the user names ("Rapid Rooter Plumbing"), as written. */
  providerName?: string;
}
