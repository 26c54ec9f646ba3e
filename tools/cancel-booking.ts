import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { cancelBooking, getBooking } from "../db/bookings.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, localTime, money, runContext, type ToolDeps, toolOrigin } from "./context.js";

/** Cancels one of the user's own bookings after they approve. */
export function cancelBookingTool(deps: ToolDeps) {
  return tool(
    async ({ bookingId }, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const b = await getBooking(deps.db, bookingId, ctx.principal);
        // Another user's booking reads as unknown, to the model as to the API.
        if (!b) return failure("not_found", "No booking of yours has that id. Use list_bookings.");
        if (b.status === "cancelled") return failure("conflict", "That booking is already cancelled.");
        if (b.startsAt <= ctx.now)
          return failure("conflict", "That appointment has already started or taken place.");
        const local = localTime(b.startsAt, ctx.timeZone);
        const details = {
          bookingId: b.id,
          providerName: b.providerName,
          serviceName: b.serviceName,
          startsAt: b.startsAt.toISOString(),
          local,
          priceCents: b.priceCents,
        };
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "cancel_booking",
            summary: `Cancel ${b.serviceName} with ${b.providerName} on ${local} (${money(b.priceCents)})?`,
            details,
          },
          async (tx) => {
            const r = await cancelBooking(tx, {
              bookingId: b.id,
              who: ctx.principal,
              now: ctx.now,
              origin: toolOrigin(ctx),
            });
            return { result: { status: "cancelled", booking: details }, notifications: r.notifications };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "cancel_booking",
      description: "Cancel one of the user's upcoming bookings. The user must approve first.",
      schema: z.object({ bookingId: z.uuid().describe("bookingId from list_bookings") }),
    },
  );
}
