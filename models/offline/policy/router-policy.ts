import type { OfflineDecision, OfflineTurnInput } from "../chat-model.js";
import type { ShownOption } from "../nlu/slots.js";
import { latestHuman, previousReply, readDialogue } from "./conversation.js";
import type { DialogueNlu } from "./nlu.js";
import { decideRoute } from "./routing.js";

/** The forced tool the router's structured output asks for ("route" unless the caller names another). */
function routeToolName(input: OfflineTurnInput): string {
  const c = input.toolChoice;
  if (typeof c === "string" && c !== "auto" && c !== "any" && c !== "required" && c !== "none") return c;
  const named = c as { function?: { name?: unknown }; name?: unknown } | undefined;
  if (typeof named?.function?.name === "string") return named.function.name;
  if (typeof named?.name === "string") return named.name;
  return input.tools[0]?.name ?? "route";
}

/**
 * The numbered options of the assistant's last reply ("1. Fresh Fades, ★4.8 …"): the router sees
 * only text, and a provider's name said back ("Fresh Fades then") is a pick, not a new topic.
 */
export function optionsInReply(reply: string): ShownOption[] {
  const out: ShownOption[] = [];
  for (const m of reply.matchAll(/^(\d{1,2})\. ([^,\n:]{2,80})[,:]/gm)) {
    out.push({ index: Number(m[1]), id: `option-${m[1]}`, name: m[2]!.trim() });
  }
  return out;
}

/** Routes the latest message: `{ agent, continuation }` as the router's structured output. */
export function routerPolicy(nlu: DialogueNlu) {
  return (input: OfflineTurnInput): OfflineDecision => {
    const d = readDialogue(input.messages);
    const lastReply = previousReply(d);
    const route = decideRoute(nlu, {
      text: latestHuman(d),
      current: d.context.currentAgent ?? null,
      role: d.context.role,
      lastReply,
      now: new Date(d.context.now),
      timeZone: d.context.timeZone,
      options: optionsInReply(lastReply),
    });
    return { content: "", toolCalls: [{ name: routeToolName(input), args: { ...route } }] };
  };
}
