import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { nextFreeSlots, slotProblem } from "../db/availability.js";
import { createBooking } from "../db/bookings.js";
import { getProviderProfile } from "../db/provider-profile.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import {
  failure,
  failureOf,
  localTime,
  money,
  runContext,
  slotView,
  type ToolDeps,
  toolOrigin,
} from "./context.js";

/** Books a service for the signed-in consumer, after they approve the exact terms. */
export function createBookingTool(deps: ToolDeps) {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const p = await getProviderProfile(deps.db, args.providerId);
        const service = p?.services.find((s) => s.id === args.serviceId);
        if (!p || !service)
          return failure("not_found", "Unknown provider or service. Use ids from search_providers.");
        const startsAt = new Date(args.startsAt);
        const endsAt = new Date(startsAt.getTime() + service.durationMin * 60_000);
        const problem = await slotProblem(deps.db, { providerId: p.id, startsAt, endsAt, now: ctx.now });
        const taken = problem ? false : await overlapsBooking(deps, p.id, startsAt, endsAt);
        if (problem || taken) {
          const next = await nextFreeSlots(deps.db, {
            providerId: p.id,
            durationMin: service.durationMin,
            now: ctx.now,
            from: startsAt,
            limit: 4,
          });
          return failure(
            taken ? "slot_taken" : "unavailable",
            taken ? "That time is already booked." : `That time does not work (${problem}).`,
            {
              next: next.map((s) => slotView(s, p.timezone)),
            },
          );
        }
        const local = localTime(startsAt, p.timezone);
        const details = {
          providerId: p.id,
          providerName: p.name,
          serviceId: service.id,
          serviceName: service.name,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          local,
          priceCents: service.priceCents,
          price: money(service.priceCents),
        };
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "create_booking",
            summary: `Book ${service.name} with ${p.name} on ${local} for ${money(service.priceCents)}?`,
            details,
          },
          async (tx) => {
            const r = await createBooking(tx, {
              consumerId: ctx.principal.userId,
              providerId: p.id,
              serviceId: service.id,
              startsAt,
              now: ctx.now,
              idempotencyKey: `${ctx.threadId}:${ctx.toolCallId}`,
              origin: toolOrigin(ctx),
            });
            await deps.preferences.rememberBooking(
              tx,
              ctx.principal.userId,
              {
                providerId: p.id,
                providerName: p.name,
                serviceId: service.id,
                serviceName: service.name,
                category: p.category,
              },
              ctx.now,
            );
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
      name: "create_booking",
      description:
        "Book a service at a start time for the user. The user is shown the exact terms and must approve before anything is booked.",
      schema: z.object({
        providerId: z.uuid().describe("providerId from search_providers"),
        serviceId: z.uuid().describe("serviceId of the service to book"),
        startsAt: z.iso
          .datetime({ offset: true })
          .describe("slot start from nextSlots or check_availability, ISO 8601 with offset"),
      }),
    },
  );
}

async function overlapsBooking(
  deps: ToolDeps,
  providerId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<boolean> {
  const { rows } = await deps.db.query(
    `SELECT 1 FROM bookings WHERE provider_id = $1 AND status <> 'cancelled'
       AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)') LIMIT 1`,
    [providerId, startsAt, endsAt],
  );
  return rows.length > 0;
}
