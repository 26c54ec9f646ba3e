-- Messages of conversations, stored once each (memory/conversation-saver.ts): a checkpoint's
-- messages channel refers to them instead of re-storing the whole list at every turn. Rows are
-- never updated; a message that changes gets a new content hash.
CREATE TABLE checkpoint_messages (
  thread_id   text NOT NULL,
  message_id  text NOT NULL,
  hash        text NOT NULL,
  type        text NOT NULL,
  blob        bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, message_id, hash)
);
