import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { nextFreeSlots, slotsInWindow } from "../db/availability.js";
import { getProviderProfile } from "../db/provider-profile.js";
import { failure, failureOf, ok, runContext, slotView, type ToolDeps } from "./context.js";

/** Free slots of one provider for one service, inside a window or from now on. */
export function checkAvailabilityTool(deps: ToolDeps) {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const p = await getProviderProfile(deps.db, args.providerId);
        if (!p) return failure("not_found", "No provider has that id. Use an id from search_providers.");
        const service = p.services.find((s) => s.id === args.serviceId) ?? p.services[0];
        if (!service) return failure("not_found", "That provider lists no services.");
        const from = args.after ? new Date(args.after) : ctx.now;
        const slots = args.before
          ? await slotsInWindow(deps.db, {
              providerId: p.id,
              durationMin: service.durationMin,
              from,
              to: new Date(args.before),
              now: ctx.now,
              limit: args.limit,
            })
          : await nextFreeSlots(deps.db, {
              providerId: p.id,
              durationMin: service.durationMin,
              now: ctx.now,
              from,
              limit: args.limit,
            });
        return ok({
          providerId: p.id,
          providerName: p.name,
          service: {
            serviceId: service.id,
            name: service.name,
            priceCents: service.priceCents,
            durationMin: service.durationMin,
          },
          timezone: p.timezone,
          slots: slots.map((s) => slotView(s, p.timezone)),
        });
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "check_availability",
      description:
        "List free start times of a provider for a service, inside the after/before window when given, else the next ones.",
      schema: z.object({
        providerId: z.uuid().describe("providerId from search_providers"),
        serviceId: z
          .uuid()
          .optional()
          .describe("serviceId from search_providers or get_provider; omit for the provider's first service"),
        after: z.iso.datetime({ offset: true }).optional().describe("earliest start, ISO 8601 with offset"),
        before: z.iso.datetime({ offset: true }).optional().describe("latest end, ISO 8601 with offset"),
        limit: z.number().int().min(1).max(20).default(6),
      }),
    },
  );
}
