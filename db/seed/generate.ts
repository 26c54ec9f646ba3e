import { CATEGORIES, type Category } from "../../core/categories.js";
import { consumerPool, generateHistory } from "./history.js";
import { getMetros } from "./metros.js";
import { personName } from "./names.js";
import { DEMO_ADMIN_ID, DEMO_CONSUMER_ID, DEMO_CONSUMER_NAME, PERSONAS } from "./personas.js";
import { type Rng, rngFor } from "./prng.js";
import { generateProvider } from "./provider.js";
import { drawQuality } from "./reviews.js";
import type { Marketplace } from "./rows.js";
import { DAY_MS, localDay, MINUTE_MS } from "./time.js";

export const DEFAULT_SEED = 42;
export const DEFAULT_PROVIDERS_PER_METRO = 60;
export const DEFAULT_CONSUMERS_PER_METRO = 10;

export interface GenerateOptions {
  seed?: number;
  /** The reference instant: history is the 60 days before it, upcoming bookings the 14 after. */
  now?: Date;
  /** Split evenly over haircut, cleaning and plumbing (round-robin). */
  providersPerMetro?: number;
  consumersPerMetro?: number;
  /** Bookings, reviews and time off; a search benchmark that needs only the catalogue can skip them. */
  history?: boolean;
}

/**
 * The demo marketplace as rows, without touching a database. Pure and deterministic: the same
 * options give deep-equal output whatever the process's time zone. Linear in the number of
 * providers; the demo consumers are few, so history stops growing once their days are booked.
 *
 * Every provider, consumer and history draws from a random stream of its own (seed, kind, index),
 * so a change to how one provider is drawn does not reshuffle all the others. Two things are
 * shared, in provider order: the business names already taken, and each consumer's booked days.
 */
export function generateMarketplace(opts: GenerateOptions = {}): Marketplace {
  const seed = opts.seed ?? DEFAULT_SEED;
  const now = opts.now ?? new Date();
  const perMetro = opts.providersPerMetro ?? DEFAULT_PROVIDERS_PER_METRO;
  const consumersPerMetro = opts.consumersPerMetro ?? DEFAULT_CONSUMERS_PER_METRO;
  const nowMs = now.getTime();
  const m: Marketplace = {
    seed,
    now,
    users: [],
    providers: [],
    services: [],
    weeklyHours: [],
    timeOff: [],
    bookings: [],
    reviews: [],
  };
  const businessNames = new Set(Object.values(PERSONAS).map((p) => p.business));
  const ownerNames = new Set(Object.values(PERSONAS).map((p) => p.owner.full));
  // Everyone joined before the 60 days of history (and the 14 days of notice before it).
  const joined = (rng: Rng) => minuteFloor(nowMs - rng.int(75, 900) * DAY_MS - rng.int(0, 1439) * MINUTE_MS);

  m.users.push({
    id: DEMO_ADMIN_ID,
    role: "admin",
    name: "Demo Admin",
    zip: "78701",
    timezone: "America/Chicago",
    createdAt: minuteFloor(nowMs - 900 * DAY_MS),
  });

  let providerNumber = 0;
  for (const metro of getMetros()) {
    const consumerIds: string[] = [];
    for (let c = 0; c < consumersPerMetro; c++) {
      const rng = rngFor(seed, `consumer:${metro.key}`, c);
      const isDemo = metro.key === "austin" && c === 0;
      const id = isDemo ? DEMO_CONSUMER_ID : `demo-consumer-${metro.key}-${c + 1}`;
      m.users.push({
        id,
        role: "consumer",
        name: isDemo ? DEMO_CONSUMER_NAME : personName(rng).full,
        zip: isDemo ? "78704" : rng.pick(metro.areas).zip,
        timezone: metro.timezone,
        createdAt: joined(rng),
      });
      consumerIds.push(id);
    }
    const pool = consumerPool(consumerIds);
    const today = localDay(nowMs, metro.timezone);

    for (let i = 0; i < perMetro; i++) {
      const category = CATEGORIES[i % CATEGORIES.length] as Category;
      const persona = metro.key === "austin" && i < CATEGORIES.length ? PERSONAS[category] : undefined;
      const rng = rngFor(seed, `provider:${metro.key}`, i);
      const draft = generateProvider(rng, {
        metro,
        category,
        persona,
        userId: persona?.userId ?? `demo-provider-${++providerNumber}`,
        createdAt: joined(rng),
        currentYear: now.getUTCFullYear(),
        businessNames,
        ownerNames,
      });
      m.users.push(draft.user);
      m.providers.push(draft.provider);
      for (const s of draft.services) m.services.push(s);
      for (const h of draft.weeklyHours) m.weeklyHours.push(h);
      if (opts.history === false) continue;

      const historyRng = rngFor(seed, `history:${metro.key}`, i);
      const history = generateHistory({
        rng: historyRng,
        now: nowMs,
        today,
        providerId: draft.provider.id,
        category,
        timezone: metro.timezone,
        hours: draft.hours,
        services: draft.bookable,
        consumers: pool,
        // The demo providers are ones a demo can recommend.
        quality: persona ? 4.7 : drawQuality(historyRng),
        ownerFirst: draft.owner.first,
        neighborhood: draft.area.neighborhood,
        prefer: persona && { consumerId: DEMO_CONSUMER_ID, ...persona.prefer },
      });
      for (const t of history.timeOff) m.timeOff.push(t);
      for (const b of history.bookings) m.bookings.push(b);
      for (const r of history.reviews) m.reviews.push(r);
    }
  }
  return m;
}

function minuteFloor(ms: number): Date {
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS);
}
