import { OfflineChatModel, type OfflinePolicy } from "./chat-model.js";
import { createOfflinePolicy } from "./policy/dispatch.js";
import { createDialogueNlu, type DialogueNlu } from "./policy/nlu.js";
import type { TokenCounter } from "./token-count.js";
import { loadWordVectors, type WordVectors } from "./word-vectors.js";

export { createOfflinePolicy } from "./policy/dispatch.js";
export { createDialogueNlu, type DialogueNlu } from "./policy/nlu.js";
export { readAnswer } from "./policy/read-answer.js";

export interface OfflineChatModelOptions {
  /** Word vectors for the intent model; the bundled table by default. */
  wordVectors?: WordVectors;
  /** A ready NLU (to share one across models, e.g. in tests); built from the word vectors otherwise. */
  nlu?: DialogueNlu;
  /** Replaces the dialogue policies (tests, experiments). */
  policy?: OfflinePolicy;
  countTokens?: TokenCounter;
}

// Training the intent model takes about two seconds: once per process is enough, and it only
// happens when the first offline model is asked for, never at import.
let defaultNlu: DialogueNlu | undefined;

function sharedNlu(): DialogueNlu {
  defaultNlu ??= createDialogueNlu({ wordVectors: loadWordVectors() });
  return defaultNlu;
}

/** The offline chat model with Proxie's dialogue policies: no network, no API key, deterministic. */
export function createOfflineChatModel(opts: OfflineChatModelOptions = {}): OfflineChatModel {
  const nlu =
    opts.nlu ?? (opts.wordVectors ? createDialogueNlu({ wordVectors: opts.wordVectors }) : sharedNlu());
  return new OfflineChatModel({
    policy: opts.policy ?? createOfflinePolicy(nlu),
    ...(opts.countTokens ? { countTokens: opts.countTokens } : {}),
  });
}
