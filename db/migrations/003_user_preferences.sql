-- Long-term memory of a user: what agents may use to shorten a conversation ("book my usual barber").
CREATE TABLE user_preferences (
  user_id        text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  usual_zip      text CHECK (usual_zip ~ '^[0-9]{5}$'),
  -- The last services booked, newest first: [{providerId, providerName, serviceId, serviceName, category, at}].
  last_services  jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(last_services) = 'array'),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
