-- The marketplace: who offers what, when, and who booked it.
-- Integrity lives here, not only in TypeScript: checks, foreign keys, the no-overlap exclusion.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Great-circle distance in kilometres (haversine); enough precision for "who serves this zip".
CREATE FUNCTION distance_km(lat1 double precision, lng1 double precision, lat2 double precision, lng2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 12742 * asin(sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2
  ))
$$;

CREATE TABLE users (
  id          text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  role        text NOT NULL DEFAULT 'consumer' CHECK (role IN ('consumer', 'provider', 'admin')),
  name        text CHECK (length(name) <= 120),
  zip         text CHECK (zip ~ '^[0-9]{5}$'),
  timezone    text NOT NULL DEFAULT 'America/Chicago' CHECK (length(timezone) BETWEEN 1 AND 64),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE providers (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            text NOT NULL UNIQUE REFERENCES users (id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  category           text NOT NULL CHECK (category IN ('haircut', 'cleaning', 'plumbing')),
  bio                text NOT NULL DEFAULT '' CHECK (length(bio) <= 4000),
  zip                text NOT NULL CHECK (zip ~ '^[0-9]{5}$'),
  lat                double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng                double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  service_radius_km  double precision NOT NULL DEFAULT 15 CHECK (service_radius_km > 0 AND service_radius_km <= 100),
  timezone           text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  rating             double precision NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  review_count       integer NOT NULL DEFAULT 0 CHECK (review_count >= 0),
  -- The agent-native profile: facts an agent can quote that have no column of their own
  -- (specialties, languages, policies). Services, prices and hours live in their own tables.
  profile            jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(profile) = 'object'),
  search             tsvector,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX providers_search_idx ON providers USING gin (search);
CREATE INDEX providers_category_geo_idx ON providers (category, lat, lng);

CREATE TABLE services (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id   uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  description   text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  price_cents   integer NOT NULL CHECK (price_cents BETWEEN 0 AND 10000000),
  duration_min  integer NOT NULL CHECK (duration_min BETWEEN 5 AND 720),
  -- A removed service stays for the bookings that reference it.
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX services_one_active_name ON services (provider_id, lower(name)) WHERE active;
CREATE INDEX services_provider_idx ON services (provider_id) WHERE active;

-- Opening hours in the provider's own time zone; weekday 0 is Sunday (as extract(dow)).
CREATE TABLE weekly_hours (
  provider_id  uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  weekday      smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_time   time NOT NULL,
  end_time     time NOT NULL,
  PRIMARY KEY (provider_id, weekday, start_time),
  CHECK (start_time < end_time)
);

CREATE TABLE time_off (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id  uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  reason       text CHECK (length(reason) <= 200),
  CHECK (starts_at < ends_at),
  EXCLUDE USING gist (provider_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
);

CREATE TABLE service_requests (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consumer_id      text NOT NULL REFERENCES users (id),
  category         text NOT NULL CHECK (category IN ('haircut', 'cleaning', 'plumbing')),
  description      text NOT NULL CHECK (length(description) BETWEEN 3 AND 2000),
  zip              text NOT NULL CHECK (zip ~ '^[0-9]{5}$'),
  lat              double precision NOT NULL,
  lng              double precision NOT NULL,
  window_start     timestamptz NOT NULL,
  window_end       timestamptz NOT NULL,
  budget_cents     integer CHECK (budget_cents > 0 AND budget_cents <= 10000000),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'cancelled', 'expired')),
  idempotency_key  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (window_start < window_end),
  UNIQUE (consumer_id, idempotency_key)
);
CREATE INDEX service_requests_open_idx ON service_requests (category, window_end) WHERE status = 'open';
CREATE INDEX service_requests_consumer_idx ON service_requests (consumer_id, created_at DESC);

CREATE TABLE bookings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consumer_id      text NOT NULL REFERENCES users (id),
  provider_id      uuid NOT NULL REFERENCES providers (id),
  service_id       uuid REFERENCES services (id),
  -- The service as it was sold: a later rename or price change does not rewrite history.
  service_name     text NOT NULL,
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  status           text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled', 'completed')),
  price_cents      integer NOT NULL CHECK (price_cents BETWEEN 0 AND 10000000),
  request_id       uuid REFERENCES service_requests (id),
  idempotency_key  text,
  cancelled_at     timestamptz,
  cancelled_by     text REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  UNIQUE (consumer_id, idempotency_key),
  -- No double booking, whatever the application does: two live bookings of one provider never overlap.
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    provider_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
  ) WHERE (status <> 'cancelled')
);
CREATE INDEX bookings_consumer_idx ON bookings (consumer_id, starts_at DESC);
CREATE INDEX bookings_provider_idx ON bookings (provider_id, starts_at);

CREATE TABLE offers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id    uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  provider_id   uuid NOT NULL REFERENCES providers (id),
  service_id    uuid REFERENCES services (id),
  price_cents   integer NOT NULL CHECK (price_cents BETWEEN 0 AND 10000000),
  starts_at     timestamptz NOT NULL,
  duration_min  integer NOT NULL DEFAULT 60 CHECK (duration_min BETWEEN 5 AND 720),
  message       text CHECK (length(message) <= 1000),
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
  booking_id    uuid REFERENCES bookings (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'accepted') = (booking_id IS NOT NULL))
);
-- A request is won by one offer at most, and a provider keeps one live offer per request.
CREATE UNIQUE INDEX offers_one_accepted_per_request ON offers (request_id) WHERE status = 'accepted';
CREATE UNIQUE INDEX offers_one_pending_per_provider ON offers (request_id, provider_id) WHERE status = 'pending';
CREATE INDEX offers_provider_idx ON offers (provider_id, created_at DESC);

CREATE TABLE reviews (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id   uuid NOT NULL UNIQUE REFERENCES bookings (id),
  provider_id  uuid NOT NULL REFERENCES providers (id),
  consumer_id  text NOT NULL REFERENCES users (id),
  rating       smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  text         text NOT NULL DEFAULT '' CHECK (length(text) <= 2000),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_provider_idx ON reviews (provider_id, created_at DESC);

CREATE TABLE favorites (
  consumer_id  text NOT NULL REFERENCES users (id),
  provider_id  uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_id, provider_id)
);

CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     text NOT NULL REFERENCES users (id),
  kind        text NOT NULL CHECK (kind IN ('request', 'offer', 'booking', 'cancellation', 'review', 'profile')),
  payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
  read_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

CREATE TABLE llm_usage (
  id             bigserial PRIMARY KEY,
  user_id        text NOT NULL REFERENCES users (id),
  thread_id      text NOT NULL,
  model          text NOT NULL,
  input_tokens   integer NOT NULL CHECK (input_tokens >= 0),
  output_tokens  integer NOT NULL CHECK (output_tokens >= 0),
  cost_usd       double precision NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX llm_usage_user_day_idx ON llm_usage (user_id, created_at);
CREATE INDEX llm_usage_thread_idx ON llm_usage (thread_id);

-- Replays of a write with the same Idempotency-Key get the first answer back.
CREATE TABLE idempotency_keys (
  user_id       text NOT NULL REFERENCES users (id),
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  scope         text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  actor_id      text NOT NULL,
  action        text NOT NULL,
  entity        text NOT NULL,
  entity_id     text NOT NULL,
  via           text NOT NULL DEFAULT 'api' CHECK (via IN ('api', 'tool', 'seed', 'system')),
  thread_id     text,
  tool_call_id  text,
  before        jsonb,
  after         jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- The full-text document of a provider: name and category weigh most, then services, then the bio.
CREATE FUNCTION provider_search_document(p providers) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', p.name), 'A')
      || setweight(to_tsvector('english', p.category), 'A')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(s.name || ' ' || s.description, ' ')
           FROM services s WHERE s.provider_id = p.id AND s.active), '')), 'B')
      || setweight(to_tsvector('english', coalesce(p.profile ->> 'specialties', '')), 'B')
      || setweight(to_tsvector('english', p.bio), 'C')
$$;

CREATE FUNCTION providers_refresh_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := provider_search_document(NEW);
  RETURN NEW;
END $$;

-- Only a change to what the document is made of rebuilds it (a new rating does not).
CREATE TRIGGER providers_search_trg BEFORE INSERT OR UPDATE OF name, category, bio, profile, updated_at ON providers
  FOR EACH ROW EXECUTE FUNCTION providers_refresh_search();

-- A change of services touches its providers' rows, which recomputes their search documents.
-- Once per statement, not per row: a menu of ten services rebuilds the document once.
CREATE FUNCTION services_touch_providers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE providers SET updated_at = now() WHERE id IN (SELECT DISTINCT provider_id FROM changed_services);
  RETURN NULL;
END $$;

CREATE TRIGGER services_touch_on_insert AFTER INSERT ON services
  REFERENCING NEW TABLE AS changed_services FOR EACH STATEMENT EXECUTE FUNCTION services_touch_providers();
CREATE TRIGGER services_touch_on_update AFTER UPDATE ON services
  REFERENCING NEW TABLE AS changed_services FOR EACH STATEMENT EXECUTE FUNCTION services_touch_providers();
CREATE TRIGGER services_touch_on_delete AFTER DELETE ON services
  REFERENCING OLD TABLE AS changed_services FOR EACH STATEMENT EXECUTE FUNCTION services_touch_providers();

-- Ratings are derived from reviews, in the same transaction, once per inserting statement.
CREATE FUNCTION reviews_update_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE providers p SET rating = r.avg, review_count = r.n
  FROM (
    SELECT provider_id, avg(rating)::double precision AS avg, count(*)::int AS n FROM reviews
    WHERE provider_id IN (SELECT DISTINCT provider_id FROM new_reviews)
    GROUP BY provider_id
  ) r
  WHERE p.id = r.provider_id;
  RETURN NULL;
END $$;

CREATE TRIGGER reviews_update_ratings_trg AFTER INSERT ON reviews
  REFERENCING NEW TABLE AS new_reviews FOR EACH STATEMENT EXECUTE FUNCTION reviews_update_ratings();
