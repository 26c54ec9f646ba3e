import type { OfflineDecision, OfflineTurnInput } from "../chat-model.js";
import { bookingsPolicy } from "./bookings/policy.js";
import { consumerPolicy } from "./consumer/policy.js";
import { textOf } from "./conversation.js";
import { generalPolicy } from "./general-policy.js";
import type { DialogueNlu } from "./nlu.js";
import { profilePolicy } from "./profile/policy.js";
import { routerPolicy } from "./router-policy.js";
import type { Agent } from "./routing.js";
import { withSafeParts } from "./safe-part.js";

/** A policy that answers at once: assignable to the model's (possibly async) OfflinePolicy. */
export type TurnPolicy = (input: OfflineTurnInput) => OfflineDecision;

function agentOf(input: OfflineTurnInput): string | undefined {
  const system = input.messages.find((m) => m.getType() === "system");
  return system ? /^- Agent: (\S+)\s*$/m.exec(textOf(system))?.[1] : undefined;
}

function isRouting(input: OfflineTurnInput): boolean {
  return input.tools.length === 1 && input.tools[0]!.name === "route";
}

/** A decision may only call tools it was offered; anything else becomes a plain apology. */
function withinTools(decision: OfflineDecision, input: OfflineTurnInput): OfflineDecision {
  const offered = new Set(input.tools.map((t) => t.name));
  const calls = decision.toolCalls ?? [];
  if (calls.every((c) => offered.has(c.name))) return decision;
  const kept = calls.filter((c) => offered.has(c.name));
  if (kept.length) return { ...decision, toolCalls: kept };
  return { content: decision.content || "Sorry, I can't do that from here. What else can I help with?" };
}

/** What a write says while its confirmation is shown, when the policy said nothing itself. */
const WRITE_LEADS: Record<string, string> = {
  create_booking: "Here's the booking to confirm.",
  cancel_booking: "Please confirm the cancellation.",
  reschedule_booking: "Please confirm the new time.",
  leave_review: "Here's your review; confirm to post it.",
  create_request: "Here's your request for quotes; confirm to post it.",
  accept_offer: "Confirm to accept this offer and book it.",
  make_offer: "Here's your offer; confirm to send it.",
  update_profile: "Here are the changes to your profile; please confirm.",
  save_favorite: "Confirm to save them to your favourites.",
};

const IGNORED_NOTE = "I've left out the part of your message asking me to bend my rules.";

function withLead(decision: OfflineDecision): OfflineDecision {
  const write = decision.toolCalls?.find((c) => WRITE_LEADS[c.name]);
  if (!write || decision.content.trim()) return decision;
  return { ...decision, content: WRITE_LEADS[write.name]! };
}

/**
 * The offline model's brain: the router's structured output, then one dialogue policy per agent,
 * chosen by the `- Agent:` line of the system context. Deterministic and stateless: every call
 * rebuilds the dialogue state from the messages it is given.
 */
export function createOfflinePolicy(nlu: DialogueNlu): TurnPolicy {
  const router = routerPolicy(nlu);
  const agents: Record<Agent, TurnPolicy> = {
    haircut: consumerPolicy(nlu, "haircut"),
    cleaning: consumerPolicy(nlu, "cleaning"),
    plumbing: consumerPolicy(nlu, "plumbing"),
    profile: profilePolicy(nlu),
    bookings: bookingsPolicy(nlu),
    general: generalPolicy(nlu),
  };
  return (raw) => {
    // A request with an injection beside it is served without the injection, and says so.
    const { messages, latestTrimmed } = withSafeParts(nlu, raw.messages);
    const input = { ...raw, messages };
    if (isRouting(input)) return router(input);
    const agent = agentOf(input);
    const policy = agent && agent in agents ? agents[agent as Agent] : agents.general;
    const decision = withLead(withinTools(policy(input), input));
    const answering = messages.at(-1)?.getType() === "human";
    return latestTrimmed && answering
      ? { ...decision, content: `${IGNORED_NOTE} ${decision.content}`.trim() }
      : decision;
  };
}
