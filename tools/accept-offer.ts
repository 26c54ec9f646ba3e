import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { acceptOffer, listOffersForConsumer } from "../db/offers.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, localTime, money, runContext, type ToolDeps, toolOrigin } from "./context.js";

/** Accepts an offer on one of the user's requests, which books it, after they approve. */
export function acceptOfferTool(deps: ToolDeps) {
  return tool(
    async ({ offerId }, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const offer = (await listOffersForConsumer(deps.db, ctx.principal.userId)).find(
          (o) => o.id === offerId,
        );
        if (!offer) return failure("not_found", "No offer on your requests has that id. Use list_offers.");
        if (offer.status !== "pending") return failure("conflict", `That offer is ${offer.status}.`);
        const local = localTime(offer.startsAt, ctx.timeZone);
        const details = {
          offerId,
          providerName: offer.providerName,
          providerId: offer.providerId,
          startsAt: offer.startsAt.toISOString(),
          local,
          priceCents: offer.priceCents,
          price: money(offer.priceCents),
        };
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "accept_offer",
            summary: `Accept ${offer.providerName}'s offer: ${local} for ${money(offer.priceCents)}?`,
            details,
          },
          async (tx) => {
            const r = await acceptOffer(tx, {
              offerId,
              consumerId: ctx.principal.userId,
              now: ctx.now,
              origin: toolOrigin(ctx),
            });
            return {
              result: { status: "booked", booking: { bookingId: r.booking.id, ...details } },
              notifications: r.notifications,
            };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "accept_offer",
      description:
        "Accept a provider's offer on the user's request; this books it. The user must approve first.",
      schema: z.object({ offerId: z.uuid().describe("offerId from list_offers") }),
    },
  );
}
