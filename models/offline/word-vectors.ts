import { readFileSync } from "node:fs";
import { endianness } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * GloVe 100-d word vectors, cut down to a compact int8 table (see data/ATTRIBUTION.md and
 * build-word-vectors.ts). Shared by the offline embeddings and the offline NLU.
 */
export interface WordVectors {
  readonly dims: 100;
  /** Number of words in the table. */
  readonly size: number;
  /**
   * The vector of a word (case-insensitive): a fresh copy the caller may modify, or written into
   * `into` (100 long) when given, for loops over many words.
   */
  get(word: string, into?: Float32Array): Float32Array | undefined;
  has(word: string): boolean;
  /** Frequency rank in the GloVe corpus order, 0 = most frequent. */
  rank(word: string): number | undefined;
  /** Every word of the table, most frequent first (the domain additions last). */
  words(): Iterable<string>;
  /**
   * The mean word vector weighted by Zipf frequency, 1 / (rank + 1): the expected vector of a word
   * drawn from running text, which every sentence average leans towards. Computed once, a copy.
   */
  frequencyWeightedMean(): Float32Array;
  /** The k words most cosine-similar to vec, best first; ties go to the more frequent word. */
  nearest(vec: Float32Array, k: number): { word: string; score: number }[];
}

export const WORD_VECTOR_DIMS = 100;
export const DEFAULT_WORD_VECTORS_DIR = fileURLToPath(new URL("./data/", import.meta.url));
export const WORD_VECTORS_BIN = "word-vectors.bin";
export const WORD_VECTORS_VOCAB = "word-vectors.vocab.txt";

// Layout, little-endian: magic "PXWV", u32 version, u32 dims, u32 count, then f32 scale[count],
// u32 rank[count], i8 vector[count * dims]. The 16-byte header keeps the f32/u32 arrays aligned so
// they can be viewed in place instead of copied.
const MAGIC = 0x56575850; // "PXWV" read as a little-endian u32
const VERSION = 1;
const HEADER_BYTES = 16;

export interface WordVectorRow {
  word: string;
  rank: number;
  vector: ArrayLike<number>;
}

/** Quantises rows to int8 with one float32 scale per word; returns the two files' contents. */
export function encodeWordVectors(rows: readonly WordVectorRow[]): { bin: Buffer; vocab: string } {
  const count = rows.length;
  const bin = Buffer.alloc(HEADER_BYTES + count * (8 + WORD_VECTOR_DIMS));
  bin.writeUInt32LE(MAGIC, 0);
  bin.writeUInt32LE(VERSION, 4);
  bin.writeUInt32LE(WORD_VECTOR_DIMS, 8);
  bin.writeUInt32LE(count, 12);
  const scalesAt = HEADER_BYTES;
  const ranksAt = scalesAt + 4 * count;
  const vectorsAt = ranksAt + 4 * count;
  rows.forEach((row, i) => {
    if (row.vector.length !== WORD_VECTOR_DIMS) {
      throw new Error(`"${row.word}" has ${row.vector.length} dimensions, expected ${WORD_VECTOR_DIMS}`);
    }
    if (/\s/.test(row.word) || row.word !== row.word.toLowerCase()) {
      throw new Error(`"${row.word}" must be one lower-case token`);
    }
    let max = 0;
    for (let d = 0; d < WORD_VECTOR_DIMS; d++) max = Math.max(max, Math.abs(row.vector[d]!));
    const scale = max / 127;
    bin.writeFloatLE(scale, scalesAt + 4 * i);
    bin.writeUInt32LE(row.rank, ranksAt + 4 * i);
    for (let d = 0; d < WORD_VECTOR_DIMS; d++) {
      const q = scale === 0 ? 0 : Math.round(row.vector[d]! / scale);
      bin.writeInt8(Math.max(-127, Math.min(127, q)), vectorsAt + i * WORD_VECTOR_DIMS + d);
    }
  });
  return { bin, vocab: `${rows.map((r) => r.word).join("\n")}\n` };
}

/** Reads a table from the two files' contents; throws if they disagree. */
export function decodeWordVectors(bin: Uint8Array, vocabText: string): WordVectors {
  if (endianness() !== "LE") throw new Error("word-vectors.bin is little-endian; this machine is not");
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  if (bin.byteLength < HEADER_BYTES || view.getUint32(0, true) !== MAGIC) {
    throw new Error("not a word-vectors.bin file (bad magic)");
  }
  const version = view.getUint32(4, true);
  const dims = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  if (version !== VERSION || dims !== WORD_VECTOR_DIMS) {
    throw new Error(`word-vectors.bin version ${version} / ${dims} dims is not supported`);
  }
  if (bin.byteLength !== HEADER_BYTES + count * (8 + dims)) {
    throw new Error("word-vectors.bin is truncated or has trailing bytes");
  }
  // readFileSync may hand back a slice of a shared pool at any offset; typed views need alignment.
  const data = bin.byteOffset % 4 === 0 ? bin : Uint8Array.prototype.slice.call(bin);
  const base = data.byteOffset;
  const scales = new Float32Array(data.buffer, base + HEADER_BYTES, count);
  const ranks = new Uint32Array(data.buffer, base + HEADER_BYTES + 4 * count, count);
  const vectors = new Int8Array(data.buffer, base + HEADER_BYTES + 8 * count, count * dims);

  const words = vocabText.split("\n");
  if (words.at(-1) === "") words.pop();
  if (words.length !== count) {
    throw new Error(`vocabulary has ${words.length} words but word-vectors.bin has ${count} rows`);
  }
  // A plain loop: building the Map from an array of pairs costs twice as much, and this is most of
  // the load time.
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) index.set(words[i]!, i);
  return new QuantisedWordVectors(words, index, scales, ranks, vectors);
}

class QuantisedWordVectors implements WordVectors {
  readonly dims = WORD_VECTOR_DIMS;
  // Norms and the mean are not needed by every caller; computing them lazily keeps loading cheap.
  private norms: Float32Array | undefined;
  private mean: Float32Array | undefined;

  constructor(
    private readonly vocab: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly scales: Float32Array,
    private readonly ranks: Uint32Array,
    private readonly vectors: Int8Array,
  ) {}

  get size(): number {
    return this.vocab.length;
  }

  words(): Iterable<string> {
    return this.vocab.values();
  }

  private row(word: string): number | undefined {
    return this.index.get(word) ?? this.index.get(word.toLowerCase());
  }

  has(word: string): boolean {
    return this.row(word) !== undefined;
  }

  rank(word: string): number | undefined {
    const i = this.row(word);
    return i === undefined ? undefined : this.ranks[i];
  }

  get(word: string, into?: Float32Array): Float32Array | undefined {
    const i = this.row(word);
    if (i === undefined) return undefined;
    const out = into ?? new Float32Array(WORD_VECTOR_DIMS);
    const scale = this.scales[i]!;
    const at = i * WORD_VECTOR_DIMS;
    for (let d = 0; d < WORD_VECTOR_DIMS; d++) out[d] = this.vectors[at + d]! * scale;
    return out;
  }

  nearest(vec: Float32Array, k: number): { word: string; score: number }[] {
    if (vec.length !== WORD_VECTOR_DIMS) {
      throw new Error(`nearest() needs a ${WORD_VECTOR_DIMS}-d vector, got ${vec.length}`);
    }
    let qNorm = 0;
    for (let d = 0; d < WORD_VECTOR_DIMS; d++) qNorm += vec[d]! * vec[d]!;
    qNorm = Math.sqrt(qNorm);
    const want = Math.min(Math.max(0, Math.floor(k)), this.size);
    if (want === 0 || !(qNorm > 0) || !Number.isFinite(qNorm)) return [];
    const norms = this.rowNorms();

    // A sorted top-k list: k is small, so insertion beats a heap and keeps ties stable.
    const best: { row: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) {
      const n = norms[i]!;
      if (n === 0) continue;
      let dot = 0;
      const at = i * WORD_VECTOR_DIMS;
      for (let d = 0; d < WORD_VECTOR_DIMS; d++) dot += vec[d]! * this.vectors[at + d]!;
      const score = dot / (n * qNorm);
      if (best.length === want && score <= best[want - 1]!.score) continue;
      let pos = best.length;
      while (pos > 0 && best[pos - 1]!.score < score) pos--;
      best.splice(pos, 0, { row: i, score });
      if (best.length > want) best.pop();
    }
    return best.map(({ row, score }) => ({ word: this.vocab[row]!, score }));
  }

  frequencyWeightedMean(): Float32Array {
    if (!this.mean) {
      const { ranks, scales, vectors } = this;
      const sum = new Float64Array(WORD_VECTOR_DIMS);
      let total = 0;
      for (let i = 0; i < ranks.length; i++) {
        const p = 1 / (ranks[i]! + 1);
        const w = p * scales[i]!;
        const at = i * WORD_VECTOR_DIMS;
        for (let d = 0; d < WORD_VECTOR_DIMS; d++) sum[d] = sum[d]! + w * vectors[at + d]!;
        total += p;
      }
      this.mean = Float32Array.from(sum, (x) => (total > 0 ? x / total : 0));
    }
    return this.mean.slice();
  }

  /** Norms of the int8 rows (the scale cancels out of a cosine). */
  private rowNorms(): Float32Array {
    if (this.norms) return this.norms;
    const norms = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      let s = 0;
      const at = i * WORD_VECTOR_DIMS;
      for (let d = 0; d < WORD_VECTOR_DIMS; d++) s += this.vectors[at + d]! * this.vectors[at + d]!;
      norms[i] = Math.sqrt(s);
    }
    this.norms = norms;
    return norms;
  }
}

// The table is immutable, so one copy per directory serves every caller in the process.
const loaded = new Map<string, WordVectors>();

/** Loads (once per directory) the table written by `npm run build:word-vectors`. */
export function loadWordVectors(dir: string = DEFAULT_WORD_VECTORS_DIR): WordVectors {
  const cached = loaded.get(dir);
  if (cached) return cached;
  let bin: Buffer;
  let vocab: string;
  try {
    bin = readFileSync(join(dir, WORD_VECTORS_BIN));
    vocab = readFileSync(join(dir, WORD_VECTORS_VOCAB), "utf8");
  } catch (err) {
    throw new Error(`word vectors not found in ${dir}: run \`npm run build:word-vectors\``, { cause: err });
  }
  const table = decodeWordVectors(bin, vocab);
  loaded.set(dir, table);
  return table;
}
