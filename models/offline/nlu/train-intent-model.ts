/**
 * Retrains both intent model variants from the corpus train split and writes their weights.
 * Run after changing the corpus, the lexicons or the features:
 *   npx tsx models/offline/nlu/train-intent-model.ts
 * intent-model.test.ts fails while the committed weights differ from a fresh training.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadWordVectors } from "../word-vectors.js";
import { INTENT_MODEL_FILES, serialiseIntentModel, trainIntentModel } from "./intent-model.js";

for (const variant of ["ngrams", "word-vectors"] as const) {
  const started = performance.now();
  const model = trainIntentModel(variant === "word-vectors" ? { wordVectors: loadWordVectors() } : {});
  const path = fileURLToPath(INTENT_MODEL_FILES[variant]);
  mkdirSync(dirname(path), { recursive: true });
  const json = serialiseIntentModel(model);
  writeFileSync(path, json);
  console.log(
    `${variant}: ${model.softmax.rows.size} feature rows, ${(json.length / 1024).toFixed(0)} KiB, trained in ${(performance.now() - started).toFixed(0)} ms -> ${path}`,
  );
}
