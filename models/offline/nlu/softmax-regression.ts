import type { FeatureVector } from "./features.js";

export interface SoftmaxModel {
  readonly classes: number;
  /**
   * Feature index → weight row, for the features seen in training only: a few thousand rows
   * instead of the whole hashed space keep the weights in cache (training ran 10x faster).
   * A feature never seen in training would keep a zero weight anyway.
   */
  readonly rows: Map<number, number>;
  /** Row-major [row][class]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 30,
  learningRate: 0.5,
  l2: 1e-4,
  seed: 20260513,
};

/** mulberry32: a small seeded PRNG, so the shuffle order (and so the model) is reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Feature indices replaced by weight rows; features the model never saw are dropped. */
function toRows(model: SoftmaxModel, x: FeatureVector): FeatureVector {
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < x.indices.length; j++) {
    const row = model.rows.get(x.indices[j]!);
    if (row === undefined) continue;
    indices.push(row);
    values.push(x.values[j]!);
  }
  return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

export function predictProbabilities(model: SoftmaxModel, x: FeatureVector): Float64Array {
  return probabilitiesOfRows(model, toRows(model, x));
}

function probabilitiesOfRows(model: SoftmaxModel, x: FeatureVector): Float64Array {
  const k = model.classes;
  const logits = new Float64Array(k);
  for (let c = 0; c < k; c++) logits[c] = model.bias[c]!;
  for (let j = 0; j < x.indices.length; j++) {
    const row = x.indices[j]! * k;
    const v = x.values[j]!;
    for (let c = 0; c < k; c++) logits[c]! += model.weights[row + c]! * v;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, logits[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    logits[c] = Math.exp(logits[c]! - max);
    sum += logits[c]!;
  }
  for (let c = 0; c < k; c++) logits[c]! /= sum;
  return logits;
}

/**
 * Multinomial logistic regression by plain SGD: fixed epochs, a seeded shuffle each epoch, a
 * 1/(1+t) learning-rate decay, and L2 shrinkage applied to the weights an example touches (the
 * usual lazy approximation for sparse inputs). Same data and options give the same weights.
 */
export function trainSoftmax(
  examples: { x: FeatureVector; y: number }[],
  classes: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): SoftmaxModel {
  const rows = new Map<number, number>();
  for (const { x } of examples) for (const i of x.indices) if (!rows.has(i)) rows.set(i, rows.size);
  const model: SoftmaxModel = {
    classes,
    rows,
    weights: new Float32Array(rows.size * classes),
    bias: new Float32Array(classes),
  };
  const data = examples.map(({ x, y }) => ({ x: toRows(model, x), y }));
  const random = seededRandom(options.seed);
  const order = data.map((_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const { x, y } = data[i]!;
      const lr = options.learningRate / (1 + step / data.length);
      step++;
      const p = probabilitiesOfRows(model, x);
      for (let c = 0; c < classes; c++) {
        const g = p[c]! - (c === y ? 1 : 0);
        model.bias[c]! -= lr * g;
        for (let j = 0; j < x.indices.length; j++) {
          const at = x.indices[j]! * classes + c;
          model.weights[at] = model.weights[at]! * (1 - lr * options.l2) - lr * g * x.values[j]!;
        }
      }
    }
  }
  return model;
}
