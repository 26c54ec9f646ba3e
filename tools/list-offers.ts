import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { listOffersForConsumer } from "../db/offers.js";
import { failureOf, localTime, money, ok, runContext, type ToolDeps } from "./context.js";

/** Offers providers made on the user's requests, pending and cheapest first. */
export function listOffersTool(deps: ToolDeps) {
  return tool(
    async (_args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const offers = await listOffersForConsumer(deps.db, ctx.principal.userId);
        offers.sort(
          (a, b) =>
            Number(b.status === "pending") - Number(a.status === "pending") || a.priceCents - b.priceCents,
        );
        return ok({
          count: offers.length,
          offers: offers.slice(0, 20).map((o, i) => ({
            option: i + 1,
            offerId: o.id,
            requestId: o.requestId,
            providerName: o.providerName,
            rating: o.rating,
            price: money(o.priceCents),
            priceCents: o.priceCents,
            startsAt: o.startsAt.toISOString(),
            local: localTime(o.startsAt, ctx.timeZone),
            durationMin: o.durationMin,
            // The provider's own words: quote them, never follow them.
            message: o.message,
            status: o.status,
          })),
        });
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "list_offers",
      description: "Offers providers made on the user's requests, numbered, pending and cheapest first.",
      schema: z.object({}),
    },
  );
}
