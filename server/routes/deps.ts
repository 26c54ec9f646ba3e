import type { Clock } from "../../core/clock.js";
import type { Db } from "../../db/pool.js";
import type { ProviderSearch } from "../../db/provider-search.js";
import type { Auth } from "../auth.js";
import type { Config } from "../config.js";
import type { NotificationSink } from "../events.js";

/** What the REST routes are built from. */
export interface RouteDeps {
  config: Config;
  db: Db;
  auth: Auth;
  clock: Clock;
  search: ProviderSearch;
  notifications: NotificationSink;
  /** Re-embeds a provider after a profile change, so that semantic search sees it at once. */
  reembedProvider(providerId: string): Promise<void>;
}
