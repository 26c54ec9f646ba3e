import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import type { EmbeddingModel } from "../db/embeddings.js";

/** Where query vectors are kept: Redis across replicas when configured, else this process. */
export interface VectorCache {
  get(key: string): Promise<number[] | undefined>;
  set(key: string, vector: number[]): Promise<void>;
}

export function memoryVectorCache(max = 5_000): VectorCache {
  const lru = new LRUCache<string, number[]>({ max });
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, vector) {
      lru.set(key, vector);
    },
  };
}

const TTL_SECONDS = 7 * 24 * 3600;

export function redisVectorCache(redis: Redis, prefix: string): VectorCache {
  return {
    async get(key) {
      // A cache that is down must not take search down with it: a miss is always acceptable.
      const raw = await redis.getBuffer(prefix + key).catch(() => null);
      // Copied out: a Buffer from a pool may start at an offset that is not 4-byte aligned.
      return raw ? Array.from(new Float32Array(Uint8Array.from(raw).buffer)) : undefined;
    },
    async set(key, vector) {
      await redis
        .set(prefix + key, Buffer.from(new Float32Array(vector).buffer), "EX", TTL_SECONDS)
        .catch(() => {});
    },
  };
}

/**
 * Query embeddings are the one repeated model call on the search path ("fade near 78704" is asked
 * again and again): cache them per model and normalised text. Documents are not cached; they are
 * embedded once per content hash by db/embeddings.ts.
 */
export function cachedQueries(model: EmbeddingModel, cache: VectorCache): EmbeddingModel {
  return {
    modelId: model.modelId,
    dims: model.dims,
    embedDocuments: (texts) => model.embedDocuments(texts),
    async embedQuery(text) {
      const key = `${model.modelId}:${createHash("sha256").update(text.trim().toLowerCase()).digest("hex").slice(0, 32)}`;
      const hit = await cache.get(key);
      if (hit) return hit;
      const vector = await model.embedQuery(text);
      await cache.set(key, vector);
      return vector;
    },
  };
}
