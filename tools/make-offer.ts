import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { makeOffer } from "../db/offers.js";
import { getProfileOfUser } from "../db/provider-profile.js";
import { getRequest } from "../db/requests.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, localTime, money, runContext, type ToolDeps, toolOrigin } from "./context.js";

/** Provider: answers an open request with a price and a start time, after approving. */
export function makeOfferTool(deps: ToolDeps) {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const me = await getProfileOfUser(deps.db, ctx.principal.userId);
        if (!me) return failure("no_profile", "Set up the provider profile before making offers.");
        const request = await getRequest(deps.db, args.requestId, ctx.principal, ctx.now);
        if (!request || request.consumerId === ctx.principal.userId)
          return failure("not_found", "No open request in your area has that id. Use list_requests.");
        if (request.status !== "open") return failure("conflict", `That request is ${request.status}.`);
        const startsAt = new Date(args.startsAt);
        const local = localTime(startsAt, me.timezone);
        const details = {
          requestId: request.id,
          startsAt: startsAt.toISOString(),
          local,
          priceCents: args.priceCents,
          price: money(args.priceCents),
          durationMin: args.durationMin ?? 60,
          message: args.message ?? null,
        };
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "make_offer",
            summary: `Offer ${money(args.priceCents)} for "${request.description}" on ${local}?`,
            details,
          },
          async (tx) => {
            const r = await makeOffer(tx, {
              providerUserId: ctx.principal.userId,
              requestId: request.id,
              priceCents: args.priceCents,
              startsAt,
              durationMin: args.durationMin,
              message: args.message,
              now: ctx.now,
              origin: toolOrigin(ctx),
            });
            return {
              result: { status: "offered", offer: { offerId: r.offer.id, ...details } },
              notifications: r.notifications,
            };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "make_offer",
      description:
        "As a provider, offer a price and start time for an open request (inside its window). The provider must approve first.",
      schema: z.object({
        requestId: z.uuid().describe("requestId from list_requests"),
        priceCents: z.number().int().min(0).max(10_000_000),
        startsAt: z.iso.datetime({ offset: true }).describe("proposed start, inside the request's window"),
        durationMin: z.number().int().min(15).max(720).optional(),
        message: z.string().max(500).optional(),
      }),
    },
  );
}
