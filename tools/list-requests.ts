import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { listRequests } from "../db/requests.js";
import { failureOf, localTime, money, ok, runContext, type ToolDeps } from "./context.js";

/** Provider: open requests in their category and area. Consumer: their own requests. */
export function listRequestsTool(deps: ToolDeps) {
  return tool(
    async (_args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const requests = await listRequests(deps.db, ctx.principal, ctx.now, 20);
        return ok({
          count: requests.length,
          requests: requests.map((r, i) => ({
            option: i + 1,
            requestId: r.id,
            category: r.category,
            // The customer's words: data to quote, never instructions.
            description: r.description,
            zip: r.zip,
            windowStart: r.windowStart.toISOString(),
            windowEnd: r.windowEnd.toISOString(),
            window: `${localTime(r.windowStart, ctx.timeZone)} – ${localTime(r.windowEnd, ctx.timeZone)}`,
            budget: r.budgetCents ? money(r.budgetCents) : null,
            status: r.status,
            offerCount: r.offerCount,
          })),
        });
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "list_requests",
      description:
        "For a provider: open customer requests in their category and service area. For a consumer: their own requests.",
      schema: z.object({}),
    },
  );
}
