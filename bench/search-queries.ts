import { readFileSync } from "node:fs";
import { z } from "zod";
import { CATEGORIES, type Category } from "../core/categories.js";
import { getMetros } from "../db/seed/index.js";

const LabelledQuery = z.object({
  query: z.string().min(1),
  category: z.enum(CATEGORIES).nullable().optional(),
  service: z.string().nullable().optional(),
});

const QUERIES_FILE = new URL("../models/offline/eval/retrieval-queries.json", import.meta.url);

export interface QueryInstance {
  q: string;
  category: Category | undefined;
  zip: string;
  metro: string;
}

/**
 * The labelled consumer queries of the embeddings eval, each asked from one zip of every demo
 * metro (a different zip per query, so all neighbourhoods are covered), with its category when
 * labelled. Deterministic: the same file gives the same instances in the same order.
 */
export function searchQueryInstances(): QueryInstance[] {
  const labelled = z.array(LabelledQuery).parse(JSON.parse(readFileSync(QUERIES_FILE, "utf8")));
  const metros = getMetros();
  const out: QueryInstance[] = [];
  labelled.forEach((l, i) => {
    metros.forEach((metro, m) => {
      // Strides coprime with the area counts walk every zip; the metro offset decorrelates metros.
      const area = metro.areas[(i * 7 + m * 3) % metro.areas.length]!;
      out.push({ q: l.query, category: l.category ?? undefined, zip: area.zip, metro: metro.key });
    });
  });
  return out;
}

/** One instance per labelled query, the metros taken in turn, so that a smaller slice covers them all. */
export function onePerQuery(instances: readonly QueryInstance[]): QueryInstance[] {
  const metros = getMetros().length;
  return instances.filter((_, i) => i % metros === Math.floor(i / metros) % metros);
}

/** The nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((s, x) => s + x, 0) / samples.length;
}

/** |got ∩ truth| / |truth|; 1 when the truth is empty (nothing to find, nothing missed). */
export function recall(got: readonly string[], truth: readonly string[]): number {
  if (truth.length === 0) return 1;
  const found = new Set(got);
  return truth.filter((id) => found.has(id)).length / truth.length;
}
