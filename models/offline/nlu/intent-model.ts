import { readFileSync } from "node:fs";
import type { WordVectors } from "../word-vectors.js";
import { maskForClassifier } from "./classifier-text.js";
import { type CorpusSplit, loadCorpus } from "./corpus.js";
import { createFeatureExtractor, type FeatureExtractor } from "./features.js";
import { INTENTS } from "./intents.js";
import {
  DEFAULT_TRAIN_OPTIONS,
  type SoftmaxModel,
  type TrainOptions,
  trainSoftmax,
} from "./softmax-regression.js";
import { tokenize } from "./text-normalise.js";

/** "ngrams" is trained without word vectors, "word-vectors" with them: the features differ. */
export type IntentModelVariant = "ngrams" | "word-vectors";

export interface TrainedIntentModel {
  variant: IntentModelVariant;
  softmax: SoftmaxModel;
  /** Training words and how many training messages each occurs in. */
  vocabulary: Map<string, number>;
}

/**
 * The committed weights, written by `npx tsx models/offline/nlu/train-intent-model.ts`: JSON in
 * a file not named .json, so that Biome leaves the generated single line alone.
 */
export const INTENT_MODEL_FILES: Readonly<Record<IntentModelVariant, URL>> = {
  ngrams: new URL("./weights/intent-ngrams.weights", import.meta.url),
  "word-vectors": new URL("./weights/intent-word-vectors.weights", import.meta.url),
};

export interface TrainIntentModelOptions {
  wordVectors?: WordVectors;
  /** Training data; the corpus train split by default. Continuations are left out. */
  corpus?: Pick<CorpusSplit, "examples" | "optionSets">;
  train?: TrainOptions;
}

/**
 * Trains the softmax intent model on the labelled corpus, deterministically (seeded shuffle, fixed
 * epochs). Follow-ups labelled as continuations are not trained on: "yes" has no intent of its
 * own, the dialogue context gives it one.
 */
export function trainIntentModel(options: TrainIntentModelOptions = {}): TrainedIntentModel {
  const corpus = options.corpus ?? loadCorpus("train");
  const examples = corpus.examples.filter((e) => !e.continuation);
  const texts = examples.map((e) =>
    maskForClassifier(e.text, e.opts ? corpus.optionSets[e.opts] : undefined),
  );
  const vocabulary = new Map<string, number>();
  for (const t of texts)
    for (const w of new Set(tokenize(t))) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
  const features = featureExtractorFor({ vocabulary }, options.wordVectors, { leaveOneOut: true });
  const data = examples.map((e, i) => ({
    x: features.extract(texts[i]!, e.role ? { role: e.role } : {}),
    y: INTENTS.indexOf(e.intent),
  }));
  return {
    variant: options.wordVectors ? "word-vectors" : "ngrams",
    softmax: trainSoftmax(data, INTENTS.length, options.train ?? DEFAULT_TRAIN_OPTIONS),
    vocabulary: new Map([...vocabulary].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** The feature extractor a model was trained with. */
export function featureExtractorFor(
  model: Pick<TrainedIntentModel, "vocabulary">,
  wordVectors?: WordVectors,
  { leaveOneOut = false } = {},
): FeatureExtractor {
  return createFeatureExtractor({
    vocabulary: model.vocabulary,
    leaveOneOut,
    ...(wordVectors ? { wordVectors } : {}),
  });
}

interface SerialisedModel {
  format: "proxie-intent-softmax/1";
  variant: IntentModelVariant;
  classes: string[];
  /** word → number of training messages it occurs in */
  vocabulary: Record<string, number>;
  /** base64 of Int32 feature indices, in weight-row order. */
  rows: string;
  /** base64 of Float32 weights, [row][class]. */
  weights: string;
  bias: number[];
}

const toBase64 = (a: Int32Array | Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

export function serialiseIntentModel(model: TrainedIntentModel): string {
  const rows = new Int32Array(model.softmax.rows.size);
  for (const [feature, row] of model.softmax.rows) rows[row] = feature;
  const out: SerialisedModel = {
    format: "proxie-intent-softmax/1",
    variant: model.variant,
    classes: [...INTENTS],
    vocabulary: Object.fromEntries(model.vocabulary),
    rows: toBase64(rows),
    weights: toBase64(model.softmax.weights),
    bias: [...model.softmax.bias],
  };
  return `${JSON.stringify(out)}\n`;
}

export function parseIntentModel(json: string): TrainedIntentModel {
  const s = JSON.parse(json) as SerialisedModel;
  if (s.format !== "proxie-intent-softmax/1")
    throw new Error(`unknown intent model format ${String(s.format)}`);
  if (s.classes.join() !== INTENTS.join())
    throw new Error("intent model classes differ from INTENTS: retrain it");
  // Copy into fresh, aligned buffers: a base64 decode may hand back an unaligned slice.
  const rowBytes = Buffer.from(s.rows, "base64");
  const rows = new Int32Array(rowBytes.byteLength / 4);
  new Uint8Array(rows.buffer).set(rowBytes);
  const weightBytes = Buffer.from(s.weights, "base64");
  const weights = new Float32Array(weightBytes.byteLength / 4);
  new Uint8Array(weights.buffer).set(weightBytes);
  const rowMap = new Map<number, number>();
  for (const [row, feature] of rows.entries()) rowMap.set(feature, row);
  return {
    variant: s.variant,
    vocabulary: new Map(Object.entries(s.vocabulary)),
    softmax: { classes: s.classes.length, rows: rowMap, weights, bias: Float32Array.from(s.bias) },
  };
}

const committed = new Map<IntentModelVariant, TrainedIntentModel>();

/** The committed model of a variant, read once per process. */
export function loadCommittedIntentModel(variant: IntentModelVariant): TrainedIntentModel {
  let model = committed.get(variant);
  if (!model) {
    let json: string;
    try {
      json = readFileSync(INTENT_MODEL_FILES[variant], "utf8");
    } catch (err) {
      throw new Error(
        `intent model weights missing: run \`npx tsx models/offline/nlu/train-intent-model.ts\``,
        {
          cause: err,
        },
      );
    }
    model = parseIntentModel(json);
    committed.set(variant, model);
  }
  return model;
}
