import type { IntentClassifier, IntentContext, IntentResult } from "../nlu/intent.js";
import { breaksSafetyRule, createIntentClassifier } from "../nlu/intent.js";
import { extractSlots, type SlotContext, type Slots } from "../nlu/slots.js";
import type { WordVectors } from "../word-vectors.js";

/** What the policies need from the NLU: the topic of a message and its slots. */
export interface DialogueNlu {
  classify(text: string, context?: IntentContext): IntentResult;
  slots(text: string, ctx: SlotContext): Slots;
  /** Prompt injection or a reach into other people's data. */
  unsafe(text: string): boolean;
}

/** Trains the intent model once (about two seconds) and wraps the slot extractors. */
export function createDialogueNlu(opts: { wordVectors?: WordVectors } = {}): DialogueNlu {
  const classifier: IntentClassifier = createIntentClassifier(
    opts.wordVectors ? { wordVectors: opts.wordVectors } : {},
  );
  return {
    classify: (text, context) => classifier.classify(text, context),
    slots: (text, ctx) => extractSlots(text, ctx),
    unsafe: (text) => breaksSafetyRule(text),
  };
}
