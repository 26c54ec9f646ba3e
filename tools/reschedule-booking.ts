import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { nextFreeSlots, slotProblem } from "../db/availability.js";
import { getBooking, rescheduleBooking } from "../db/bookings.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, localTime, runContext, slotView, type ToolDeps, toolOrigin } from "./context.js";

/** Moves one of the user's upcoming bookings to a new start time, after they approve. */
export function rescheduleBookingTool(deps: ToolDeps) {
  return tool(
    async ({ bookingId, startsAt: startsAtIso }, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const b = await getBooking(deps.db, bookingId, ctx.principal);
        if (!b) return failure("not_found", "No booking of yours has that id. Use list_bookings.");
        if (b.status !== "confirmed" || b.startsAt <= ctx.now)
          return failure("conflict", "Only an upcoming, confirmed booking can be moved.");
        const startsAt = new Date(startsAtIso);
        const durationMin = (b.endsAt.getTime() - b.startsAt.getTime()) / 60_000;
        const endsAt = new Date(startsAt.getTime() + durationMin * 60_000);
        const problem = await slotProblem(deps.db, {
          providerId: b.providerId,
          startsAt,
          endsAt,
          now: ctx.now,
        });
        const { rows } = await deps.db.query(
          `SELECT 1 FROM bookings WHERE provider_id = $1 AND id <> $2 AND status <> 'cancelled'
             AND tstzrange(starts_at, ends_at, '[)') && tstzrange($3, $4, '[)') LIMIT 1`,
          [b.providerId, b.id, startsAt, endsAt],
        );
        if (problem || rows.length) {
          const next = await nextFreeSlots(deps.db, {
            providerId: b.providerId,
            durationMin,
            now: ctx.now,
            from: startsAt,
            limit: 4,
          });
          return failure(
            rows.length ? "slot_taken" : "unavailable",
            "That time does not work for the provider.",
            {
              next: next.map((s) => slotView(s, ctx.timeZone)),
            },
          );
        }
        const from = localTime(b.startsAt, ctx.timeZone);
        const to = localTime(startsAt, ctx.timeZone);
        const details = {
          bookingId: b.id,
          providerName: b.providerName,
          serviceName: b.serviceName,
          from,
          to,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
        };
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "reschedule_booking",
            summary: `Move ${b.serviceName} with ${b.providerName} from ${from} to ${to}?`,
            details,
          },
          async (tx) => {
            const r = await rescheduleBooking(tx, {
              bookingId: b.id,
              who: ctx.principal,
              startsAt,
              now: ctx.now,
              origin: toolOrigin(ctx),
            });
            return { result: { status: "rescheduled", booking: details }, notifications: r.notifications };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "reschedule_booking",
      description:
        "Move one of the user's upcoming bookings to a new start time. The user must approve first.",
      schema: z.object({
        bookingId: z.uuid().describe("bookingId from list_bookings"),
        startsAt: z.iso.datetime({ offset: true }).describe("new start, ISO 8601 with offset"),
      }),
    },
  );
}
