import type { CorpusSplit } from "./corpus.js";
import type { IntentClassifier } from "./intent.js";
import { INTENTS, type Intent } from "./intents.js";
import { type Counts, compareSlots, prf, slotFacts } from "./slot-metrics.js";
import { extractSlots } from "./slots.js";

export interface IntentEvaluation {
  accuracy: number;
  /** confusion[expected][predicted] = count */
  confusion: Record<Intent, Record<Intent, number>>;
  /** Share of examples whose continuation flag matches the label (absent label = false). */
  continuationAccuracy: number;
  errors: { text: string; expected: Intent; predicted: Intent; confidence: number }[];
  meanMs: number;
}

export function evaluateIntents(classifier: IntentClassifier, split: CorpusSplit): IntentEvaluation {
  const confusion = Object.fromEntries(
    INTENTS.map((e) => [e, Object.fromEntries(INTENTS.map((p) => [p, 0]))]),
  ) as Record<Intent, Record<Intent, number>>;
  const errors: IntentEvaluation["errors"] = [];
  let correct = 0;
  let continuationCorrect = 0;
  const started = performance.now();
  for (const e of split.examples) {
    const r = classifier.classify(e.text, {
      ...(e.role ? { role: e.role } : {}),
      ...(e.prev ? { previousIntent: e.prev } : {}),
      ...(e.opts ? { options: split.optionSets[e.opts]! } : {}),
    });
    confusion[e.intent][r.intent]++;
    if (r.intent === e.intent) correct++;
    else errors.push({ text: e.text, expected: e.intent, predicted: r.intent, confidence: r.confidence });
    if (r.continuation === Boolean(e.continuation)) continuationCorrect++;
  }
  const n = split.examples.length;
  return {
    accuracy: correct / n,
    confusion,
    continuationAccuracy: continuationCorrect / n,
    errors,
    meanMs: (performance.now() - started) / n,
  };
}

export interface SlotEvaluation {
  micro: Counts & { precision: number; recall: number; f1: number };
  byType: Map<string, Counts & { precision: number; recall: number; f1: number }>;
  errors: { text: string; missed: string[]; spurious: string[] }[];
  meanMs: number;
}

/** Slot precision / recall / F1 over the split, with the split's reference time, zone and options. */
export function evaluateSlots(split: CorpusSplit): SlotEvaluation {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const byType = new Map<string, Counts>();
  const errors: SlotEvaluation["errors"] = [];
  const started = performance.now();
  for (const e of split.examples) {
    const predicted = extractSlots(e.text, {
      now: split.now,
      timeZone: split.timeZone,
      ...(e.opts ? { options: split.optionSets[e.opts]! } : {}),
      ...(e.role ? { role: e.role } : {}),
    });
    const cmp = compareSlots(
      slotFacts(predicted, split.timeZone, false),
      slotFacts(e.slots, split.timeZone, true),
    );
    for (const [type, c] of cmp.byType) {
      const t = byType.get(type) ?? { tp: 0, fp: 0, fn: 0 };
      t.tp += c.tp;
      t.fp += c.fp;
      t.fn += c.fn;
      byType.set(type, t);
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
    if (cmp.missed.length > 0 || cmp.spurious.length > 0) {
      errors.push({
        text: e.text,
        missed: cmp.missed.map((f) => `${f.type}=${f.value}`),
        spurious: cmp.spurious.map((f) => `${f.type}=${f.value}`),
      });
    }
  }
  const meanMs = (performance.now() - started) / split.examples.length;
  return {
    micro: { ...total, ...prf(total) },
    byType: new Map(
      [...byType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [k, { ...c, ...prf(c) }]),
    ),
    errors,
    meanMs,
  };
}
