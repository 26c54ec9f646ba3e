import type { WordVectors } from "../word-vectors.js";
import { INTENT_CUES } from "./lexicon/intent-cues.js";
import { slotShapeKeys } from "./slot-shape-features.js";
import { findCategoryWords, findServiceMentions } from "./slots/services.js";
import { typoKeywords } from "./slots/typos.js";
import { tokenize } from "./text-normalise.js";

/** Hashed sparse features live below this index; dense word-vector features follow it. */
export const HASH_BUCKETS = 1 << 18;

export interface FeatureVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface FeatureContext {
  role?: "consumer" | "provider";
}

export interface FeatureExtractor {
  /** Total width: HASH_BUCKETS plus the word-vector dimensions when vectors are given. */
  readonly size: number;
  extract(text: string, ctx?: FeatureContext): FeatureVector;
}

export interface FeatureOptions {
  wordVectors?: WordVectors;
  /**
   * Words seen in training, with the number of training messages each occurs in. With word
   * vectors, a word outside it also fires the unigram of its nearest seen word ("reservations"
   * fires "bookings"), weighted by their cosine.
   */
  vocabulary?: ReadonlyMap<string, number>;
  /**
   * Set while extracting the training messages themselves: a word found in only one training
   * message is then treated as unseen (leave-one-out), so the model learns what unseen words mean.
   */
  leaveOneOut?: boolean;
}

// Relative weights of the feature groups, each L2-normalised first: words carry most, char
// n-grams catch typos and inflections, lexicon hits carry what the corpus never showed, the
// mean word vector places unseen wording near seen wording.
const GROUP_WEIGHT = { word: 1, bigram: 0.6, char: 0.6, lexicon: 2, vector: 0.9 };
// Below this cosine a nearest training word is more likely noise than a synonym.
const EXPANSION_MIN_COSINE = 0.6;
// SIF weighting (Arora et al. 2017): frequent words count less; p(w) from the Zipf rank.
const SIF_A = 1e-3;

const cueRes = Object.entries(INTENT_CUES).map(([name, source]) => ({
  name,
  re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`),
}));

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function addGroup(acc: Map<number, number>, keys: [string, number][], weight: number): void {
  if (keys.length === 0) return;
  const counts = new Map<number, number>();
  for (const [k, v] of keys) {
    const i = fnv1a(k) % HASH_BUCKETS;
    counts.set(i, (counts.get(i) ?? 0) + v);
  }
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  const scale = weight / Math.sqrt(norm);
  for (const [i, c] of counts) acc.set(i, (acc.get(i) ?? 0) + c * scale);
}

const ones = (keys: string[]): [string, number][] => keys.map((k) => [k, 1]);

function charGrams(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (/\d/.test(t)) continue;
    const padded = `<${t}>`;
    for (let n = 3; n <= 5; n++)
      for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
  }
  return out;
}

/** Digits collapse to a shape so "$45" and "$60" look alike to the model. */
function shape(t: string): string {
  return /\d/.test(t) ? t.replace(/\d/g, "0") : t;
}

function lexiconKeys(lower: string): string[] {
  const keys: string[] = [];
  for (const m of findServiceMentions(lower)) keys.push(`lex:service:${m.category}`);
  for (const c of findCategoryWords(lower)) keys.push(`lex:category:${c.category}`);
  for (const t of typoKeywords(lower)) keys.push(`lex:category:${t.category}`);
  for (const { name, re } of cueRes) if (re.test(lower)) keys.push(`cue:${name}`);
  return keys;
}

/** Nearest-word lookup over the training vocabulary, for words the training never showed. */
function createExpander(wordVectors: WordVectors, vocabulary: Iterable<string>) {
  const words = [...vocabulary].filter((w) => /^[a-z]{3,}$/.test(w) && wordVectors.has(w));
  const dims = wordVectors.dims;
  const matrix = new Float32Array(words.length * dims);
  const v = new Float32Array(dims);
  words.forEach((w, i) => {
    wordVectors.get(w, v);
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d]! * v[d]!;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < dims; d++) matrix[i * dims + d] = v[d]! / n;
  });
  const cache = new Map<string, [string, number] | null>();
  return (token: string): [string, number] | undefined => {
    if (!/^[a-z]{3,}$/.test(token)) return undefined;
    const hit = cache.get(token);
    if (hit !== undefined) return hit ?? undefined;
    let result: [string, number] | null = null;
    if (wordVectors.get(token, v)) {
      let n = 0;
      for (let d = 0; d < dims; d++) n += v[d]! * v[d]!;
      n = Math.sqrt(n) || 1;
      let best = -1;
      let bestScore = EXPANSION_MIN_COSINE;
      for (let i = 0; i < words.length; i++) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += matrix[i * dims + d]! * v[d]!;
        s /= n;
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      // Leave-one-out: the word itself is in the vocabulary; its nearest other word is wanted.
      if (best >= 0 && words[best] === token) best = secondBest(matrix, v, n, words.length, dims, best);
      if (best >= 0) result = [words[best]!, cosineAt(matrix, v, n, best, dims)];
    }
    cache.set(token, result);
    return result ?? undefined;
  };
}

function cosineAt(matrix: Float32Array, v: Float32Array, norm: number, i: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += matrix[i * dims + d]! * v[d]!;
  return s / norm;
}

function secondBest(
  matrix: Float32Array,
  v: Float32Array,
  norm: number,
  count: number,
  dims: number,
  skip: number,
): number {
  let best = -1;
  let bestScore = EXPANSION_MIN_COSINE;
  for (let i = 0; i < count; i++) {
    if (i === skip) continue;
    const s = cosineAt(matrix, v, norm, i, dims);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

/**
 * Features for the intent model: hashed word unigrams and bigrams, character 3-5-grams, lexicon
 * hits (services, categories, typo'd keywords, intent cue classes), the speaker's role and, with
 * `wordVectors`, the SIF-weighted mean word vector (common direction removed) and nearest-word
 * expansion of unseen words.
 */
export function createFeatureExtractor({
  wordVectors,
  vocabulary,
  leaveOneOut,
}: FeatureOptions = {}): FeatureExtractor {
  const dims = wordVectors?.dims ?? 0;
  const common = wordVectors?.frequencyWeightedMean();
  const expand = wordVectors && vocabulary ? createExpander(wordVectors, vocabulary.keys()) : undefined;
  const isUnseen = (t: string) => (vocabulary?.get(t) ?? 0) <= (leaveOneOut ? 1 : 0);
  const scratch = new Float32Array(dims);
  return {
    size: HASH_BUCKETS + dims,
    extract(text, ctx = {}) {
      const lower = text.toLowerCase();
      const raw = tokenize(text);
      const tokens = raw.map(shape);
      const acc = new Map<number, number>();
      const unigrams: [string, number][] = tokens.map((t) => [`w:${t}`, 1]);
      if (expand) {
        for (const t of raw) {
          if (!isUnseen(t)) continue;
          const near = expand(t);
          if (near) unigrams.push([`w:${near[0]}`, near[1]]);
        }
      }
      addGroup(acc, unigrams, GROUP_WEIGHT.word);
      const padded = ["<s>", ...tokens, "</s>"];
      addGroup(acc, ones(padded.slice(1).map((t, i) => `b:${padded[i]}_${t}`)), GROUP_WEIGHT.bigram);
      addGroup(acc, ones(charGrams(tokens)), GROUP_WEIGHT.char);
      const lex = lexiconKeys(lower);
      lex.push(...slotShapeKeys(lower, ctx.role));
      if (ctx.role) {
        // Role alone is a prior (providers mostly edit their profile); with each cue it can
        // learn that a provider asking about "jobs" or "tomorrow" means their bookings.
        const cues = lex.filter((k) => k.startsWith("cue:"));
        lex.push(`role:${ctx.role}`, ...cues.map((c) => `role:${ctx.role}&${c}`));
      }
      if (tokens.length <= 3) lex.push("len:short");
      addGroup(acc, ones(lex), GROUP_WEIGHT.lexicon);
      const indices: number[] = [...acc.keys()].sort((a, b) => a - b);
      const values: number[] = indices.map((i) => acc.get(i)!);
      if (wordVectors && common) {
        const mean = new Float32Array(dims);
        let total = 0;
        for (const t of raw) {
          if (!wordVectors.get(t, scratch)) continue;
          const rank = wordVectors.rank(t) ?? 1e6;
          const weight = SIF_A / (SIF_A + 0.1 / (rank + 1));
          for (let d = 0; d < dims; d++) mean[d]! += weight * scratch[d]!;
          total += weight;
        }
        if (total > 0) {
          let norm = 0;
          for (let d = 0; d < dims; d++) {
            mean[d] = mean[d]! / total - common[d]!;
            norm += mean[d]! * mean[d]!;
          }
          const scale = GROUP_WEIGHT.vector / Math.sqrt(norm || 1);
          for (let d = 0; d < dims; d++) {
            indices.push(HASH_BUCKETS + d);
            values.push(mean[d]! * scale);
          }
        }
      }
      return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
    },
  };
}
