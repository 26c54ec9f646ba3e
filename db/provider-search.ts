import type { EmbeddingModel } from "./embeddings.js";
import type { Db } from "./pool.js";
import { type ProviderSummary, type SearchQuery, searchProviders } from "./providers.js";

export type ProviderSearchQuery = Omit<SearchQuery, "vector" | "vectorScan">;

export interface ProviderSearch {
  /** Whether results fuse vector similarity (pgvector present and an embedding model configured). */
  readonly hybrid: boolean;
  search(query: ProviderSearchQuery): Promise<ProviderSummary[]>;
}

/**
 * Search as the API and the agents use it: the query is embedded with the configured model when
 * the database can do vector search, and searched by full text alone when it cannot.
 */
export function createProviderSearch({
  db,
  embeddings,
  vector,
}: {
  db: Db;
  embeddings?: EmbeddingModel | undefined;
  vector: boolean;
}): ProviderSearch {
  const hybrid = vector && embeddings !== undefined;
  return {
    hybrid,
    async search(query) {
      const text = query.q?.trim();
      if (!hybrid || !text || !embeddings) return searchProviders(db, query);
      const values = await embeddings.embedQuery(text);
      return searchProviders(db, { ...query, vector: { model: embeddings.modelId, values } });
    },
  };
}
