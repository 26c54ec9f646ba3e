import { AppError } from "../../core/errors.js";
import type { Db, Queryable } from "../pool.js";
import { type GenerateOptions, generateMarketplace } from "./generate.js";
import { insertMarketplace, type ProgressFn } from "./insert.js";

export {
  DEFAULT_CONSUMERS_PER_METRO,
  DEFAULT_PROVIDERS_PER_METRO,
  DEFAULT_SEED,
  type GenerateOptions,
  generateMarketplace,
} from "./generate.js";
export {
  chunkMarketplace,
  type InsertOptions,
  insertMarketplace,
  type ProgressFn,
  type SeedProgress,
} from "./insert.js";
export { getMetros, type Metro, type MetroKey } from "./metros.js";
export {
  DEMO_ADMIN_ID,
  DEMO_BARBER_ID,
  DEMO_CLEANER_ID,
  DEMO_CONSUMER_ID,
  DEMO_IDS,
  DEMO_PLUMBER_ID,
} from "./personas.js";
export { formatProgress, type ProgressStream, printProgress } from "./progress.js";
export type * from "./rows.js";

export interface SeedOptions {
  seed?: number;
  /** The reference instant; history and upcoming bookings are placed around it. Default: now. */
  now?: Date;
  providersPerMetro?: number;
  onProgress?: ProgressFn;
}

export interface SeedResult {
  providers: number;
  services: number;
  users: number;
  bookings: number;
  reviews: number;
  providerIds: string[];
}

// Any constant: it only has to be the same for every replica that might seed this database.
const SEED_LOCK = 7_356_222;

/** True when the database has no providers, the condition for seeding demo data. */
export async function isEmpty(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>("SELECT NOT EXISTS (SELECT 1 FROM providers) AS empty");
  return rows[0]?.empty === true;
}

function refuse(): AppError {
  return new AppError(
    "conflict",
    "The database already has providers: demo data is only seeded into an empty marketplace.",
  );
}

/**
 * Seeds the demo marketplace in one transaction. Refuses with a `conflict` AppError, changing
 * nothing, when any provider exists: a second seed never duplicates or mixes with real data.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
  if (!(await isEmpty(db))) throw refuse();
  const generate: GenerateOptions = {
    seed: opts.seed,
    now: opts.now ?? new Date(),
    providersPerMetro: opts.providersPerMetro,
  };
  const market = generateMarketplace(generate);
  opts.onProgress?.({ step: "generating", done: 1, total: 1 });
  await db.transaction(async (tx) => {
    // Two replicas starting together: the second waits here, then finds the providers and refuses.
    await tx.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK]);
    if (!(await isEmpty(tx))) throw refuse();
    await insertMarketplace(tx, market, { onProgress: opts.onProgress });
  });
  return {
    providers: market.providers.length,
    services: market.services.length,
    users: market.users.length,
    bookings: market.bookings.length,
    reviews: market.reviews.length,
    providerIds: market.providers.map((p) => p.id),
  };
}
