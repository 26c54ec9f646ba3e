import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { AgentName } from "../agents/registry.js";

/**
 * The conversation's state, checkpointed per thread. The caller's identity is not part of it:
 * it comes with every run from the verified token (`configurable.principal`), so that a stored
 * thread can never carry, or be made to carry, someone else's identity.
 */
export const ConversationState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** The specialist the conversation is with; the router keeps or changes it each turn. */
  activeAgent: Annotation<AgentName | null>({ reducer: (_, next) => next, default: () => null }),
  /** Set when a specialist handed the conversation back: the router must pick another one. */
  handoff: Annotation<boolean>({ reducer: (_, next) => next, default: () => false }),
  /** Tool rounds in the current turn, capped by MAX_TOOL_STEPS. */
  steps: Annotation<number>({ reducer: (_, next) => next, default: () => 0 }),
});

export type Conversation = typeof ConversationState.State;
export type ConversationUpdate = typeof ConversationState.Update;
