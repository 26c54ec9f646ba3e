import { allowedAgent } from "../../../agents/registry.js";
import type { OfflineDecision, OfflineTurnInput } from "../chat-model.js";
import { tokenize } from "../nlu/text-normalise.js";
import { currentTurn, latestHuman, previousReply, readDialogue } from "./conversation.js";
import { asksHelp, isGreeting, isSmallTalk, wantsUsual } from "./cues.js";
import { call, pick, reply } from "./nlg.js";
import type { DialogueNlu } from "./nlu.js";
import { decideRoute, isCategoryAgent } from "./routing.js";
import { capabilities, refusal, smallTalkReply } from "./small-talk.js";

/**
 * Proxie's front desk: greetings, thanks, help, polite refusals (out of scope, other people's
 * data, prompt injection), role explanations, and a hand-over when the user asks for something a
 * specialist does.
 */
export function generalPolicy(nlu: DialogueNlu) {
  return (input: OfflineTurnInput): OfflineDecision => {
    const d = readDialogue(input.messages);
    const ctx = d.context;
    const text = latestHuman(d);
    const seed = d.fingerprint;
    if (!text.trim()) return reply(smallTalkReply("hi", ctx.role, seed));
    if (nlu.unsafe(text)) return reply(refusal(seed, ctx.role));
    const route = decideRoute(nlu, {
      text,
      current: "general",
      role: ctx.role,
      lastReply: previousReply(d),
      now: new Date(ctx.now),
      timeZone: ctx.timeZone,
    });
    const handedOver = currentTurn(d).steps.some((s) => s.name === "transfer_to_router");
    if (route.agent !== "general") {
      const allowed = allowedAgent(route.agent, ctx.role);
      // The router already chose; handing back what it would send here again would loop.
      if (allowed !== "general" && !handedOver)
        return call("transfer_to_router", { topic: text.slice(0, 200) });
      if (allowed === "general") {
        if (isCategoryAgent(route.agent)) {
          return reply(
            "Booking a service needs a customer account; this one is a provider account. Here I can update your profile, show open requests near you and send offers, or show your schedule.",
          );
        }
        if (route.agent === "profile") {
          return reply(
            "Changing a provider profile needs a provider account. As a customer I can find and book a haircut, a cleaning or a plumber for you, and manage your bookings.",
          );
        }
      }
    }
    const last = ctx.lastServices?.[0];
    if (wantsUsual(text) && last) {
      const noun =
        { haircut: "barber", cleaning: "cleaner", plumbing: "plumber" }[last.category] ?? "provider";
      return reply(
        `Your last booking was ${last.serviceName} with ${last.providerName}. To book them again, say "book my usual ${noun}" with a day, e.g. "book my usual ${noun} on friday".`,
      );
    }
    if (isSmallTalk(text) || (isGreeting(text) && !asksHelp(text)))
      return reply(smallTalkReply(text, ctx.role, seed));
    if (asksHelp(text)) return reply(`${capabilities(ctx.role)} What would you like to do?`);
    if (!/[a-z]{2,}/i.test(text) || tokenize(text).length <= 2) {
      return reply(`Sorry, I didn't quite get that. ${capabilities(ctx.role)} What would you like to do?`);
    }
    return reply(
      pick(seed, [
        `Sorry, that's not something I can help with. ${capabilities(ctx.role)}`,
        `I'm afraid I can't help with that here. ${capabilities(ctx.role)}`,
      ]),
    );
  };
}
