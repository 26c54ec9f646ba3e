import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { getBooking } from "../db/bookings.js";
import { leaveReview } from "../db/reviews.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, runContext, type ToolDeps, toolOrigin } from "./context.js";

/** Reviews one of the user's finished bookings, after they approve the text. */
export function leaveReviewTool(deps: ToolDeps) {
  return tool(
    async ({ bookingId, rating, text }, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const b = await getBooking(deps.db, bookingId, ctx.principal);
        if (!b || b.consumerId !== ctx.principal.userId)
          return failure("not_found", "No booking of yours has that id. Use list_bookings.");
        if (b.endsAt > ctx.now)
          return failure("conflict", "That appointment has not happened yet; it can be reviewed afterwards.");
        const details = { bookingId, providerName: b.providerName, serviceName: b.serviceName, rating, text };
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "leave_review",
            summary: `Post a ${rating}-star review of ${b.providerName}${text ? `: "${text}"` : ""}?`,
            details,
          },
          async (tx) => {
            const r = await leaveReview(tx, {
              bookingId,
              consumerId: ctx.principal.userId,
              rating,
              text,
              now: ctx.now,
              origin: toolOrigin(ctx),
            });
            return {
              result: { status: "reviewed", review: { reviewId: r.review.id, ...details } },
              notifications: r.notifications,
            };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "leave_review",
      description:
        "Review one of the user's past bookings with 1–5 stars and a short text. The user must approve first.",
      schema: z.object({
        bookingId: z.uuid().describe("bookingId from list_bookings"),
        rating: z.number().int().min(1).max(5),
        text: z.string().max(1000).default(""),
      }),
    },
  );
}
