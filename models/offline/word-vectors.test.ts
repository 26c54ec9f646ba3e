import { describe, expect, it } from "vitest";
import { decodeWordVectors, encodeWordVectors, loadWordVectors, WORD_VECTOR_DIMS } from "./word-vectors.js";

const wv = loadWordVectors();

function cosine(a: string, b: string): number {
  const x = wv.get(a)!;
  const y = wv.get(b)!;
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let d = 0; d < WORD_VECTOR_DIMS; d++) {
    dot += x[d]! * y[d]!;
    nx += x[d]! ** 2;
    ny += y[d]! ** 2;
  }
  return dot / Math.sqrt(nx * ny);
}

describe("loadWordVectors", () => {
  it("holds the top 50k words plus the domain vocabulary, 100-d", () => {
    expect(wv.dims).toBe(100);
    expect(wv.size).toBeGreaterThan(50_000);
    for (const w of [
      "barber",
      "haircut",
      "fade",
      "taper",
      "braids",
      "grout",
      "spigot",
      "bidet",
      "sump",
      "boiler",
    ]) {
      expect(wv.has(w), w).toBe(true);
    }
  });

  it("is loaded once per directory", () => {
    expect(loadWordVectors()).toBe(wv);
  });

  it("ranks by corpus frequency, 0 = most frequent", () => {
    expect(wv.rank("the")).toBe(0);
    expect(wv.rank("tuesday")!).toBeLessThan(wv.rank("plumber")!);
    expect(wv.rank("plumber")!).toBeLessThan(wv.rank("bidet")!);
  });

  it("looks words up case-insensitively and returns copies", () => {
    const a = wv.get("Faucet")!;
    expect(Array.from(a)).toEqual(Array.from(wv.get("faucet")!));
    a[0] = 1000;
    expect(wv.get("faucet")![0]).not.toBe(1000);
  });

  it("lists its words most frequent first", () => {
    const words = [...wv.words()];
    expect(words).toHaveLength(wv.size);
    expect(words.slice(0, 3)).toEqual(["the", "of", "to"]);
  });

  it("gives the frequency-weighted mean vector as a copy", () => {
    const mean = wv.frequencyWeightedMean();
    expect(mean).toHaveLength(WORD_VECTOR_DIMS);
    expect(mean.every(Number.isFinite)).toBe(true);
    mean[0] = 1000;
    expect(wv.frequencyWeightedMean()[0]).not.toBe(1000);
  });

  it("knows nothing of words outside the table", () => {
    expect(wv.get("zzqxv")).toBeUndefined();
    expect(wv.has("zzqxv")).toBe(false);
    expect(wv.rank("zzqxv")).toBeUndefined();
    expect(wv.get("")).toBeUndefined();
  });

  it("puts related service words nearer each other than unrelated ones", () => {
    expect(cosine("haircut", "hairstyle")).toBeGreaterThan(cosine("haircut", "plumber"));
    expect(cosine("maid", "housekeeper")).toBeGreaterThan(cosine("maid", "plumber"));
    expect(cosine("faucet", "sink")).toBeGreaterThan(cosine("faucet", "haircut"));
    expect(cosine("faucet", "sink")).toBeGreaterThan(0.4);
    // GloVe's news corpus knows "barber" mostly as a surname: it sits nearer "plumber" (0.34) than
    // "haircut" (0.25), so retrieval cannot lean on that one pair.
    expect(cosine("barber", "barbershop")).toBeGreaterThan(cosine("barber", "faucet"));
  });

  it("finds nearest words, the word itself first", () => {
    const near = wv.nearest(wv.get("faucet")!, 8).map((n) => n.word);
    expect(near[0]).toBe("faucet");
    expect(near).toEqual(expect.arrayContaining(["faucets", "bathtub"]));
    const days = wv.nearest(wv.get("tuesday")!, 7).map((n) => n.word);
    expect(days).toEqual(expect.arrayContaining(["monday", "wednesday", "thursday", "friday"]));
  });

  it("is deterministic", () => {
    const v = wv.get("plumber")!;
    expect(wv.nearest(v, 5)).toEqual(wv.nearest(v, 5));
  });

  it("returns nothing nearest to a zero vector or for k = 0", () => {
    expect(wv.nearest(new Float32Array(WORD_VECTOR_DIMS), 3)).toEqual([]);
    expect(wv.nearest(wv.get("sink")!, 0)).toEqual([]);
  });
});

describe("encodeWordVectors / decodeWordVectors", () => {
  const vec = (f: (d: number) => number) => Array.from({ length: WORD_VECTOR_DIMS }, (_, d) => f(d));

  it("round-trips words, ranks and vectors within int8 precision", () => {
    const rows = [
      { word: "mop", rank: 7, vector: vec((d) => Math.sin(d)) },
      { word: "bucket", rank: 9, vector: vec((d) => (d % 3) - 1) },
    ];
    const { bin, vocab } = encodeWordVectors(rows);
    const table = decodeWordVectors(bin, vocab);
    expect(table.size).toBe(2);
    expect(table.rank("bucket")).toBe(9);
    const mop = table.get("mop")!;
    for (let d = 0; d < WORD_VECTOR_DIMS; d++) expect(mop[d]).toBeCloseTo(Math.sin(d), 2);
  });

  it("decodes from an unaligned buffer", () => {
    const { bin, vocab } = encodeWordVectors([{ word: "tap", rank: 0, vector: vec(() => 0.5) }]);
    const shifted = new Uint8Array(bin.length + 1).subarray(1);
    shifted.set(bin);
    expect(decodeWordVectors(shifted, vocab).get("tap")![3]).toBeCloseTo(0.5, 5);
  });

  it("refuses a vocabulary that does not match the vectors", () => {
    const { bin } = encodeWordVectors([{ word: "tap", rank: 0, vector: vec(() => 1) }]);
    expect(() => decodeWordVectors(bin, "tap\nsink\n")).toThrow(/vocabulary has 2 words/);
    expect(() => decodeWordVectors(new Uint8Array(16), "")).toThrow(/bad magic/);
  });
});
