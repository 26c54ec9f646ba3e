import { describe, expect, it } from "vitest";
import { loadCorpus } from "./corpus.js";
import { INTENTS } from "./intents.js";
import { tokenize } from "./text-normalise.js";

const train = loadCorpus("train");
const test = loadCorpus("test");
const all = [...train.examples, ...test.examples];

describe("labelled corpus", () => {
  it("has at least 500 utterances, every intent in both splits", () => {
    expect(all.length).toBeGreaterThanOrEqual(500);
    for (const split of [train, test]) {
      for (const intent of INTENTS)
        expect(
          split.examples.some((e) => e.intent === intent),
          `${split.split} ${intent}`,
        ).toBe(true);
    }
  });

  it("labels every slot type in both splits", () => {
    const types = (examples: typeof all) => new Set(examples.flatMap((e) => Object.keys(e.slots)));
    const inTrain = types(train.examples);
    const inTest = types(test.examples);
    for (const slot of [
      "category",
      "service",
      "when",
      "budget",
      "zip",
      "reference",
      "act",
      "correction",
      "rating",
      "prices",
      "hours",
      "timeOff",
      "serviceArea",
      "addServices",
      "removeServices",
      "bio",
      "name",
      "bedrooms",
      "bathrooms",
      "urgent",
      "durations",
      "reviewText",
    ]) {
      expect(inTrain.has(slot), `train ${slot}`).toBe(true);
      expect(inTest.has(slot), `test ${slot}`).toBe(true);
    }
  });

  it("shares no utterance between train and test", () => {
    const key = (t: string) => tokenize(t).join(" ");
    const seen = new Set(train.examples.map((e) => key(e.text)));
    const shared = test.examples.filter((e) => seen.has(key(e.text)) && tokenize(e.text).length > 2);
    expect(shared.map((e) => e.text)).toEqual([]);
  });

  it("labels continuations with the previous intent", () => {
    for (const e of all.filter((x) => x.continuation)) expect(e.intent).toBe(e.prev);
  });
});
