import { Embeddings } from "@langchain/core/embeddings";
import { describe, expect, it } from "vitest";
import { OFFLINE_EMBEDDING_MODEL, OfflineEmbeddings } from "./embeddings.js";
import { loadWordVectors } from "./word-vectors.js";

const embeddings = new OfflineEmbeddings(loadWordVectors());

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

describe("OfflineEmbeddings", () => {
  it("is a LangChain Embeddings with a model id and 100 dimensions", async () => {
    expect(embeddings).toBeInstanceOf(Embeddings);
    expect(embeddings.modelId).toBe(OFFLINE_EMBEDDING_MODEL);
    expect(embeddings.dims).toBe(100);
    expect(await embeddings.embedQuery("leaky faucet")).toHaveLength(100);
  });

  it("returns unit vectors, the same for a query and a document", async () => {
    const q = await embeddings.embedQuery("Need a skin fade on Saturday");
    const [d] = await embeddings.embedDocuments(["Need a skin fade on Saturday"]);
    expect(norm(q)).toBeCloseTo(1, 6);
    expect(d).toEqual(q);
  });

  it("is deterministic across instances", async () => {
    const other = OfflineEmbeddings.load();
    expect(await other.embedQuery("my toilet won't stop running")).toEqual(
      await embeddings.embedQuery("my toilet won't stop running"),
    );
  });

  it("places a query nearer its own kind of service", async () => {
    const [plumbing, cleaning, haircut] = await embeddings.embedDocuments([
      "Licensed plumber: leaking pipes, dripping faucets, clogged drains.",
      "House cleaning: dusting, vacuuming, mopping, bathrooms and kitchen.",
      "Barbershop: skin fades, tapers and beard trims.",
    ]);
    const leak = await embeddings.embedQuery("water leaking under the kitchen sink");
    expect(cosine(leak, plumbing!)).toBeGreaterThan(cosine(leak, cleaning!));
    expect(cosine(leak, plumbing!)).toBeGreaterThan(cosine(leak, haircut!));
    const scrub = await embeddings.embedQuery("need someone to scrub my apartment before I move out");
    expect(cosine(scrub, cleaning!)).toBeGreaterThan(cosine(scrub, plumbing!));
    const fade = await embeddings.embedQuery("low taper fade + beard");
    expect(cosine(fade, haircut!)).toBeGreaterThan(cosine(fade, cleaning!));
  });

  it("never returns NaN: text with no known word gets a stable unit vector of its own", async () => {
    for (const text of ["", "   ", "!!!", "12345", "zzqx vvbn"]) {
      const v = await embeddings.embedQuery(text);
      expect(v.every(Number.isFinite), text).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 6);
      expect(await embeddings.embedQuery(text)).toEqual(v);
    }
    expect(await embeddings.embedQuery("zzqx")).not.toEqual(await embeddings.embedQuery("vvbn"));
  });

  it("can be built without SIF weighting or common-component removal", async () => {
    const plain = new OfflineEmbeddings(loadWordVectors(), {
      weighting: "uniform",
      removeCommonComponent: false,
    });
    const v = await plain.embedQuery("drain clog");
    expect(norm(v)).toBeCloseTo(1, 6);
    expect(v).not.toEqual(await embeddings.embedQuery("drain clog"));
  });
});

describe("OfflineEmbeddings.words", () => {
  const words = (text: string) => embeddings.words(text);

  it("lower-cases and drops punctuation", () => {
    expect(words("Skin FADE + beard!!")).toEqual(["skin", "fade", "beard"]);
  });

  it("expands contractions and drops possessives", () => {
    expect(words("won't can't don't")).toEqual(["will", "not", "can", "not", "do", "not"]);
    expect(words("I'm sure they're late, Jen's sink")).toEqual([
      "am",
      "sure",
      "they",
      "are",
      "late",
      "jen",
      "sink",
    ]);
    expect(words("it’s my landlord’s")).toEqual(["it", "my", "landlord"]);
  });

  it("keeps known hyphenated words and splits the others", () => {
    expect(words("a well-known plumber")).toContain("well-known");
    expect(words("move-out clean")).toEqual(["move", "out", "clean"]);
  });

  it("drops bare numbers and keeps the words glued to them", () => {
    expect(words("2br apt at 10am for $80")).toEqual(["br", "apt", "at", "am", "for"]);
  });

  it("falls back from plurals and -ing/-ed forms to a known stem", () => {
    expect(words("spigots bidets plungers")).toEqual(["spigot", "bidet", "plunger"]);
    expect(words("unclogging shampooing cloged")).toEqual(["unclog", "shampoo", "clog"]);
  });

  it("repairs a one-letter typo in a longer word", () => {
    expect(words("toliet")).toEqual(["toilet"]);
    expect(words("haricut")).toEqual(["haircut"]);
  });

  it("maps domain words GloVe lacks to words it has", () => {
    expect(words("balayage")).toContain("highlights");
    expect(words("locs")).toEqual(["dreadlocks"]);
  });
});
