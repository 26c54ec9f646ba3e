import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadWordVectors } from "../word-vectors.js";
import {
  INTENT_MODEL_FILES,
  parseIntentModel,
  serialiseIntentModel,
  trainIntentModel,
} from "./intent-model.js";

describe("committed intent weights", () => {
  it.each(["ngrams", "word-vectors"] as const)(
    "%s equal a fresh training (else run: npx tsx models/offline/nlu/train-intent-model.ts)",
    (variant) => {
      const fresh = trainIntentModel(variant === "word-vectors" ? { wordVectors: loadWordVectors() } : {});
      const committed = readFileSync(INTENT_MODEL_FILES[variant], "utf8");
      expect(serialiseIntentModel(fresh) === committed).toBe(true);
    },
  );

  it("round-trips through its file format", () => {
    const committed = readFileSync(INTENT_MODEL_FILES.ngrams, "utf8");
    expect(serialiseIntentModel(parseIntentModel(committed))).toBe(committed);
  });

  it("trains deterministically", () => {
    const a = trainIntentModel({ train: { epochs: 3, learningRate: 1, l2: 2e-3, seed: 7 } });
    const b = trainIntentModel({ train: { epochs: 3, learningRate: 1, l2: 2e-3, seed: 7 } });
    expect(Buffer.from(a.softmax.weights.buffer).equals(Buffer.from(b.softmax.weights.buffer))).toBe(true);
  });
});
