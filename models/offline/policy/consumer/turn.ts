import type { OfflineDecision, OfflineTurnInput } from "../../chat-model.js";
import { type Dialogue, latestHuman, readDialogue } from "../conversation.js";
import { asksPrice, isQuestion } from "../cues.js";
import { reply } from "../nlg.js";
import type { DialogueNlu } from "../nlu.js";
import type { CategoryAgent } from "../routing.js";
import { bookCall, checkCall, searchCall } from "./actions.js";
import type { Plan } from "./choice.js";
import { type FormReading, readForm } from "./form.js";
import { answerAbout, askWhich } from "./replies.js";
import { asShownOptions, readShown, type Shown } from "./shown.js";

/** Everything a consumer specialist's decision reads, rebuilt from the messages. */
export interface ConsumerTurn {
  nlu: DialogueNlu;
  d: Dialogue;
  me: CategoryAgent;
  /** What the user sees now, including this turn's tool results. */
  shown: Shown;
  /** What the user had seen when they wrote the latest message: their words point into this. */
  shownBefore: Shown;
  reading: FormReading;
  text: string;
  seed: string;
}

export function readConsumerTurn(nlu: DialogueNlu, input: OfflineTurnInput, me: CategoryAgent): ConsumerTurn {
  const d = readDialogue(input.messages);
  const shown = readShown(d, me);
  const shownBefore = readShown(d, me, d.turns.length - 1);
  const reading = readForm(nlu, d, me, asShownOptions(shownBefore));
  return { nlu, d, me, shown, shownBefore, reading, text: latestHuman(d), seed: d.fingerprint };
}

export function executePlan(t: ConsumerTurn, plan: Plan): OfflineDecision {
  const now = new Date(t.d.context.now);
  switch (plan.kind) {
    case "book": {
      const kind = asksPrice(t.text) ? "price" : t.reading.latest.reference?.kind;
      const answer = isQuestion(t.text) ? answerAbout(kind, plan.provider, plan.slot) : undefined;
      return bookCall(plan.provider, plan.slot, t.seed, undefined, answer);
    }
    case "check":
      return checkCall(plan.provider, plan.when, now);
    case "search":
      return searchCall(t.reading.form, t.d.context, { when: plan.when });
    case "ask_which":
      return reply(askWhich(t.shown.providers.length, t.seed));
  }
}
