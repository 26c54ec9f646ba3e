-- requires: vector
-- Semantic search. Skipped, and searched by full text alone, on a PostgreSQL without pgvector.
-- Vectors are stored per embedding model so that two models never mix; switching models is a
-- re-embed, not a migration.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE provider_embeddings (
  provider_id   uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  model         text NOT NULL,
  dims          integer NOT NULL CHECK (dims BETWEEN 1 AND 2000),
  embedding     vector NOT NULL,
  -- A hash of the text that was embedded: an unchanged profile is not embedded again.
  content_hash  text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, model),
  CHECK (vector_dims(embedding) = dims)
);

-- HNSW needs a fixed dimension, so each model gets its own partial index on a cast to its size,
-- created at start for the configured model (db/embeddings.ts, ensureEmbeddingIndex).
