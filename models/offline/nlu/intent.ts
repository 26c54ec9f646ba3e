import { maskForClassifier } from "./classifier-text.js";
import { changesTopic, looksLikeFollowUp } from "./continuation.js";
import {
  featureExtractorFor,
  type IntentModelVariant,
  loadCommittedIntentModel,
  type TrainIntentModelOptions,
  trainIntentModel,
} from "./intent-model.js";
import { INTENTS, type Intent } from "./intents.js";
import { BOOKINGS_CUES, PROFILE_CUES } from "./lexicon/intent-cues.js";
import { OTHER_PEOPLES_DATA, PROMPT_INJECTION } from "./lexicon/safety-rules.js";
import { findCategoryWords, findServiceMentions } from "./slots/services.js";
import type { ShownOption } from "./slots/types.js";
import { predictProbabilities } from "./softmax-regression.js";
import { normaliseText, tokenize } from "./text-normalise.js";

export type { Intent } from "./intents.js";
export { INTENTS } from "./intents.js";

export interface IntentContext {
  /** Who is speaking, from the verified session (not from the message). */
  role?: "consumer" | "provider";
  /** The intent of the conversation so far, so that "yes" or "4pm instead" continue it. */
  previousIntent?: Intent;
  /** Options shown last turn, so that a provider's name reads as a pick. */
  options?: ShownOption[];
}

export interface IntentResult {
  intent: Intent;
  /** Probability of `intent` under the model, or the fixed confidence of the rule that decided. */
  confidence: number;
  /** The model's probabilities for every intent (before any rule). */
  scores: Record<Intent, number>;
  /** The message answers the last turn; `intent` is then `context.previousIntent`. */
  continuation: boolean;
  /** What decided: the model, a follow-up of the previous intent, a safety rule, or the low-confidence rule. */
  decidedBy: "model" | "continuation" | "safety_rule" | "low_confidence";
}

export interface IntentClassifier {
  classify(text: string, context?: IntentContext): IntentResult;
  /** Milliseconds spent loading (or training) the model when the classifier was created. */
  readonly setupMs: number;
  readonly variant: IntentModelVariant;
}

/**
 * Below this probability the model's best guess is not trusted unless the message names a
 * service or category or speaks of bookings or a profile: it becomes "general" for a short
 * message (1-3 words: "hmm", "lol ok") and "out_of_scope" otherwise (a request for something
 * Proxie does not do).
 */
export const LOW_CONFIDENCE = 0.45;
/** Reported for a follow-up: the model cannot judge "yes" alone, the dialogue context does. */
export const CONTINUATION_CONFIDENCE = 0.9;
export const SAFETY_RULE_CONFIDENCE = 1;

const injection = new RegExp(`(?<![a-z])(?:${PROMPT_INJECTION.join("|")})`);
const othersData = new RegExp(`(?<![a-z])(?:${OTHER_PEOPLES_DATA.join("|")})(?![a-z])`);

/** Prompt injection or a reach into other people's data: refused whatever the topic. */
export function breaksSafetyRule(text: string): boolean {
  const t = normaliseText(text);
  return injection.test(t) || othersData.test(t);
}

const domainCue = new RegExp(`(?<![a-z])(?:${BOOKINGS_CUES}|${PROFILE_CUES})(?![a-z])`);

/** A service, a category, or words about bookings or a provider's profile. */
function hasDomainWords(text: string): boolean {
  const lower = normaliseText(text);
  return (
    findServiceMentions(lower).length > 0 || findCategoryWords(lower).length > 0 || domainCue.test(lower)
  );
}

export interface CreateIntentClassifierOptions extends TrainIntentModelOptions {
  /**
   * Train from `corpus` now instead of loading the committed weights (for cross-validation and
   * experiments; the committed weights come from the same function).
   */
  retrain?: boolean;
}

/**
 * An intent classifier: the committed softmax weights (the "word-vectors" variant when
 * `wordVectors` is given, "ngrams" otherwise) behind the dialogue and safety rules of
 * {@link IntentClassifier.classify}. Passing `corpus` or `retrain` trains a fresh model instead.
 */
export function createIntentClassifier(options: CreateIntentClassifierOptions = {}): IntentClassifier {
  const started = performance.now();
  const model =
    options.retrain || options.corpus || options.train
      ? trainIntentModel(options)
      : loadCommittedIntentModel(options.wordVectors ? "word-vectors" : "ngrams");
  const features = featureExtractorFor(model, options.wordVectors);
  const setupMs = performance.now() - started;

  const score = (text: string, role?: "consumer" | "provider", shown?: ShownOption[]) => {
    const p = predictProbabilities(
      model.softmax,
      features.extract(maskForClassifier(text, shown), role ? { role } : {}),
    );
    const scores = Object.fromEntries(INTENTS.map((intent, i) => [intent, p[i]!])) as Record<Intent, number>;
    let best = 0;
    for (let i = 1; i < INTENTS.length; i++) if (p[i]! > p[best]!) best = i;
    return { scores, intent: INTENTS[best]!, confidence: p[best]! };
  };

  return {
    setupMs,
    variant: model.variant,
    classify(text, context = {}) {
      const { scores, intent, confidence } = score(text, context.role, context.options);
      if (breaksSafetyRule(text)) {
        return {
          intent: "out_of_scope",
          confidence: SAFETY_RULE_CONFIDENCE,
          scores,
          continuation: false,
          decidedBy: "safety_rule",
        };
      }
      const previous = context.previousIntent;
      if (
        previous &&
        previous !== "general" &&
        previous !== "out_of_scope" &&
        looksLikeFollowUp(text, context.options) &&
        !changesTopic(text, previous, intent)
      ) {
        return {
          intent: previous,
          confidence: Math.max(CONTINUATION_CONFIDENCE, scores[previous]),
          scores,
          continuation: true,
          decidedBy: "continuation",
        };
      }
      if (confidence < LOW_CONFIDENCE && !hasDomainWords(text)) {
        const fallback: Intent = tokenize(text).length <= 3 ? "general" : "out_of_scope";
        return {
          intent: fallback,
          confidence: scores[fallback],
          scores,
          continuation: false,
          decidedBy: "low_confidence",
        };
      }
      return { intent, confidence, scores, continuation: false, decidedBy: "model" };
    },
  };
}
