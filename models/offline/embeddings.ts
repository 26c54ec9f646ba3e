import { createHash } from "node:crypto";
import { Embeddings } from "@langchain/core/embeddings";
import { loadWordVectors, WORD_VECTOR_DIMS, type WordVectors } from "./word-vectors.js";

export const OFFLINE_EMBEDDING_MODEL = "offline-glove-100";

export interface OfflineEmbeddingsOptions {
  /**
   * How words are weighted in the sentence mean. "sif" (default) is a / (a + p(w)) from Arora et
   * al. 2017, "A Simple but Tough-to-Beat Baseline for Sentence Embeddings"; "uniform" is a plain mean.
   */
  weighting?: "sif" | "uniform";
  /** SIF's a; the paper recommends 1e-3 to 1e-4. Default 1e-4. */
  sifA?: number;
  /** SIF's second step, removing the common discourse direction from every sentence. Default true. */
  removeCommonComponent?: boolean;
}

// p(w) is estimated from the frequency rank with Zipf's law over GloVe 6B's 400k-word vocabulary:
// p(rank) = 1 / ((rank + 1) * H), H the harmonic number of 400k (about ln(400k) + Euler's gamma).
const ZIPF_HARMONIC = Math.log(400_000) + 0.5772;
const zipfProbability = (rank: number) => 1 / ((rank + 1) * ZIPF_HARMONIC);

// Domain words GloVe 6B does not know (listed by build-word-vectors.ts), mapped to words it does.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  balayage: ["highlights", "hair", "color"],
  locs: ["dreadlocks"],
  shapeup: ["haircut", "lineup"],
  edgeup: ["haircut", "lineup"],
  fauxhawk: ["mohawk"],
  blowdry: ["blow", "dry", "hair"],
  blowdryer: ["hair", "dryer"],
  hydrojet: ["jetting", "drain"],
  moveout: ["move", "out"],
  movein: ["move", "in"],
};

const CLITICS: Readonly<Record<string, readonly string[]>> = {
  s: [], // possessive or "is": both carry no topic
  re: ["are"],
  ll: ["will"],
  ve: ["have"],
  m: ["am"],
  d: ["would"],
};
const NOT_BASES: Readonly<Record<string, string>> = { wo: "will", ca: "can", sha: "shall" };

const TOKEN = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * Sentence embeddings from GloVe word vectors, with no network and no model weights beyond the
 * 5 MB table: a SIF-weighted mean of word vectors with the common direction removed, L2-normalised.
 */
export class OfflineEmbeddings extends Embeddings {
  /** Stored beside each vector (see db/embeddings.ts), so vectors of two models never mix. */
  readonly modelId = OFFLINE_EMBEDDING_MODEL;
  readonly dims = WORD_VECTOR_DIMS;
  private readonly weighting: "sif" | "uniform";
  private readonly sifA: number;
  private readonly common: number[] | undefined;

  constructor(
    private readonly vectors: WordVectors,
    options: OfflineEmbeddingsOptions = {},
  ) {
    super({});
    this.weighting = options.weighting ?? "sif";
    this.sifA = options.sifA ?? 1e-4;
    // SIF removes the first principal component of a corpus's sentence vectors, the direction all
    // sentences share whatever their topic. With no corpus at hand it is estimated as the direction
    // of the expected word vector.
    this.common =
      (options.removeCommonComponent ?? true)
        ? normalise(Float64Array.from(vectors.frequencyWeightedMean()))
        : undefined;
  }

  /** Embeddings over the table shipped in models/offline/data (or another directory). */
  static load(dir?: string, options?: OfflineEmbeddingsOptions): OfflineEmbeddings {
    return new OfflineEmbeddings(loadWordVectors(dir), options);
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  /** The synchronous core of embedQuery, for callers that embed in a tight loop. */
  embed(text: string): number[] {
    const sum = new Float64Array(WORD_VECTOR_DIMS);
    let used = 0;
    for (const word of this.words(text)) {
      const vec = this.vectors.get(word);
      if (!vec) continue;
      const w = this.weight(word);
      for (let d = 0; d < WORD_VECTOR_DIMS; d++) sum[d] = sum[d]! + w * vec[d]!;
      used++;
    }
    if (this.common) {
      let along = 0;
      for (let d = 0; d < WORD_VECTOR_DIMS; d++) along += sum[d]! * this.common[d]!;
      for (let d = 0; d < WORD_VECTOR_DIMS; d++) sum[d] = sum[d]! - along * this.common[d]!;
    }
    // The mean's 1/n vanishes in the normalisation, so only the sum is kept.
    const out = used > 0 ? normalise(sum) : undefined;
    return out ?? fallbackVector(text);
  }

  /** The vocabulary words a text is read as, in order (after contractions, aliases, typo repair). */
  words(text: string): string[] {
    const normalised = text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\u2018\u2019`\u00b4]/g, "'");
    const out: string[] = [];
    for (const match of normalised.matchAll(TOKEN)) out.push(...this.resolveToken(match[0]));
    return out;
  }

  private weight(word: string): number {
    if (this.weighting === "uniform") return 1;
    const p = zipfProbability(this.vectors.rank(word) ?? 0);
    return this.sifA / (this.sifA + p);
  }

  private resolveToken(token: string): string[] {
    if (this.vectors.has(token)) return [token];
    if (token.includes("'")) return this.resolveApostrophe(token);
    if (token.includes("-")) {
      const joined = token.replaceAll("-", "");
      if (this.vectors.has(joined)) return [joined];
      return token.split("-").flatMap((part) => this.resolveToken(part));
    }
    // "10am", "2br", "3pm": digits alone are not in the table (winkJS dropped numbers).
    if (/\p{N}/u.test(token) && /\p{L}/u.test(token)) {
      return (token.match(/\p{L}+/gu) ?? []).flatMap((part) => this.resolveToken(part));
    }
    if (!/\p{L}/u.test(token)) return [];
    return this.resolveWord(token);
  }

  private resolveApostrophe(token: string): string[] {
    const not = /^(.+)n't$/.exec(token);
    if (not) return [...this.resolveToken(NOT_BASES[not[1]!] ?? not[1]!), "not"];
    const clitic = /^(.+)'(s|re|ll|ve|m|d)$/.exec(token);
    if (clitic) return [...this.resolveToken(clitic[1]!), ...CLITICS[clitic[2]!]!];
    const joined = token.replaceAll("'", "");
    if (this.vectors.has(joined)) return [joined];
    return token.split("'").flatMap((part) => this.resolveToken(part));
  }

  /** An out-of-vocabulary word: alias, then inflection, then a one-edit typo repair. */
  private resolveWord(word: string): string[] {
    const alias = ALIASES[word];
    if (alias) return alias.filter((w) => this.vectors.has(w));
    for (const stem of inflectionStems(word)) if (this.vectors.has(stem)) return [stem];
    const repaired = this.repairTypo(word);
    return repaired ? [repaired] : [];
  }

  /**
   * The most frequent known word one edit away. Short words are left alone: at three letters
   * almost every edit is another word. Edits are tried by how people mistype (swapped letters,
   * then a dropped letter, an extra letter, a wrong letter), the most frequent candidate winning.
   */
  private repairTypo(word: string): string | undefined {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return undefined;
    const transposes: string[] = [];
    const inserts: string[] = [];
    const deletes: string[] = [];
    const replaces: string[] = [];
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (tail.length > 1) transposes.push(head + tail[1] + tail[0] + tail.slice(2));
      if (tail.length > 0) deletes.push(head + tail.slice(1));
      for (const c of LETTERS) {
        inserts.push(head + c + tail);
        if (tail.length > 0 && c !== tail[0]) replaces.push(head + c + tail.slice(1));
      }
    }
    for (const candidates of [transposes, inserts, deletes, replaces]) {
      let best: string | undefined;
      let bestRank = Number.POSITIVE_INFINITY;
      for (const c of candidates) {
        const r = this.vectors.rank(c);
        if (r !== undefined && r < bestRank) {
          best = c;
          bestRank = r;
        }
      }
      if (best) return best;
    }
    return undefined;
  }
}

/** Candidate stems of an inflected word, most likely first ("mopping" -> "mopp", "mop", "mope"). */
function inflectionStems(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith("ies") && word.length > 4) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es") && word.length > 3) out.push(word.slice(0, -2));
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) out.push(word.slice(0, -1));
  for (const suffix of ["ing", "ed"]) {
    if (!word.endsWith(suffix) || word.length < suffix.length + 3) continue;
    const stem = word.slice(0, -suffix.length);
    out.push(stem, `${stem}e`);
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) out.push(stem.slice(0, -1));
  }
  return out;
}

function normalise(v: Float64Array): number[] | undefined {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (!(n > 0) || !Number.isFinite(n)) return undefined;
  return Array.from(v, (x) => x / n);
}

/**
 * A text with no known word still needs a vector: a unit vector seeded by the text's hash, so the
 * same text always lands on the same point and different unknown texts do not all collide.
 */
function fallbackVector(text: string): number[] {
  const out = new Float64Array(WORD_VECTOR_DIMS);
  let filled = 0;
  for (let block = 0; filled < WORD_VECTOR_DIMS; block++) {
    const digest = createHash("sha256").update(`${block}\u0000${text}`).digest();
    for (let i = 0; i + 1 < digest.length && filled < WORD_VECTOR_DIMS; i += 2) {
      out[filled++] = digest.readInt16LE(i) / 32768;
    }
  }
  // sha256 output is never all zeros in practice; the guard keeps the never-NaN promise anyway.
  return normalise(out) ?? Array.from(out, (_, i) => (i === 0 ? 1 : 0));
}
