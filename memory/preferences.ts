import type { Category } from "../core/categories.js";
import type { Db, Queryable } from "../db/pool.js";

export interface LastService {
  providerId: string;
  providerName: string;
  serviceId: string | null;
  serviceName: string;
  category: Category;
  at: string;
}

export interface Preferences {
  usualZip: string | null;
  favorites: { providerId: string; name: string; category: Category }[];
  lastServices: LastService[];
}

/** Per-user preferences learned from conversations and bookings, kept in the database. */
export interface PreferenceStore {
  get(userId: string): Promise<Preferences>;
  rememberZip(db: Queryable, userId: string, zip: string): Promise<void>;
  rememberBooking(db: Queryable, userId: string, service: Omit<LastService, "at">, at: Date): Promise<void>;
}

const KEEP_LAST = 5;

export function createPreferenceStore(db: Db): PreferenceStore {
  return {
    async get(userId) {
      const { rows } = await db.query<{
        usual_zip: string | null;
        last_services: LastService[] | null;
        favorites: Preferences["favorites"];
      }>(
        `SELECT u.zip AS user_zip, coalesce(p.usual_zip, u.zip) AS usual_zip, p.last_services,
                coalesce((SELECT json_agg(json_build_object('providerId', pr.id, 'name', pr.name, 'category', pr.category)
                          ORDER BY f.created_at DESC)
                          FROM favorites f JOIN providers pr ON pr.id = f.provider_id WHERE f.consumer_id = u.id), '[]') AS favorites
         FROM users u LEFT JOIN user_preferences p ON p.user_id = u.id WHERE u.id = $1`,
        [userId],
      );
      const r = rows[0];
      return {
        usualZip: r?.usual_zip ?? null,
        favorites: r?.favorites ?? [],
        lastServices: r?.last_services ?? [],
      };
    },
    async rememberZip(q, userId, zip) {
      await q.query(
        `INSERT INTO user_preferences (user_id, usual_zip) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET usual_zip = EXCLUDED.usual_zip, updated_at = now()`,
        [userId, zip],
      );
    },
    async rememberBooking(q, userId, service, at) {
      const entry = JSON.stringify([{ ...service, at: at.toISOString() }]);
      // Newest first, one entry per provider and service, at most KEEP_LAST.
      await q.query(
        `INSERT INTO user_preferences (user_id, last_services) VALUES ($1, $2::jsonb)
         ON CONFLICT (user_id) DO UPDATE SET updated_at = now(), last_services = (
           SELECT coalesce(jsonb_agg(e ORDER BY ord), '[]'::jsonb) FROM (
             SELECT e, ord FROM jsonb_array_elements($2::jsonb || (
               SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM jsonb_array_elements(user_preferences.last_services) x
               WHERE NOT (x ->> 'providerId' = $3 AND x ->> 'serviceName' = $4))) WITH ORDINALITY AS t(e, ord)
             ORDER BY ord LIMIT ${KEEP_LAST}) kept)`,
        [userId, entry, service.providerId, service.serviceName],
      );
    },
  };
}
