import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { type Booking, listBookings } from "../db/bookings.js";
import { failureOf, localTime, money, ok, runContext, type ToolDeps } from "./context.js";

export function bookingView(b: Booking, timeZone: string, now: Date) {
  return {
    bookingId: b.id,
    providerId: b.providerId,
    providerName: b.providerName,
    category: b.category,
    serviceName: b.serviceName,
    startsAt: b.startsAt.toISOString(),
    local: localTime(b.startsAt, timeZone),
    price: money(b.priceCents),
    priceCents: b.priceCents,
    status: b.status === "confirmed" && b.endsAt <= now ? "completed" : b.status,
    upcoming: b.status === "confirmed" && b.startsAt > now,
  };
}

/** The signed-in user's bookings (as consumer), or their schedule (as provider). */
export function listBookingsTool(deps: ToolDeps, name: "list_bookings" | "list_schedule" = "list_bookings") {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const all = await listBookings(deps.db, ctx.principal, { limit: 50 });
        const views = all.map((b) => bookingView(b, ctx.timeZone, ctx.now));
        const filtered = views.filter((b) =>
          args.which === "upcoming"
            ? b.upcoming
            : args.which === "past"
              ? !b.upcoming && b.status !== "cancelled"
              : true,
        );
        // Upcoming soonest first; past most recent first.
        filtered.sort((a, b) =>
          args.which === "upcoming"
            ? a.startsAt.localeCompare(b.startsAt)
            : b.startsAt.localeCompare(a.startsAt),
        );
        return ok({
          which: args.which,
          count: filtered.length,
          bookings: filtered.slice(0, 20).map((b, i) => ({ option: i + 1, ...b })),
        });
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name,
      description:
        name === "list_schedule"
          ? "The provider's own schedule: bookings customers made with them."
          : "The user's own bookings, numbered, with ids for cancel, reschedule and review.",
      schema: z.object({ which: z.enum(["upcoming", "past", "all"]).default("upcoming") }),
    },
  );
}
