-- Conversations and who owns them. The messages live in the LangGraph checkpointer; this table is
-- what ownership checks and "my threads" read, without scanning checkpoints.
CREATE TABLE threads (
  id          uuid PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users (id),
  title       text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
  agent       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_user_idx ON threads (user_id, updated_at DESC);
