import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { nextFreeSlots } from "../db/availability.js";
import { getProfileOfUser, getProviderProfile } from "../db/provider-profile.js";
import { listReviews } from "../db/reviews.js";
import { failure, failureOf, money, ok, runContext, slotView, type ToolDeps } from "./context.js";

/** A provider's full agent-native profile, recent reviews and next free slots. */
export function getProviderTool(deps: ToolDeps) {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        // Without an id, the caller's own profile: a provider reading back their listing.
        const p = args.providerId
          ? await getProviderProfile(deps.db, args.providerId)
          : await getProfileOfUser(deps.db, ctx.principal.userId);
        if (!p && !args.providerId)
          return failure(
            "not_found",
            "You have no provider profile yet; creating one starts with update_profile.",
          );
        if (!p) return failure("not_found", "No provider has that id. Use an id from search_providers.");
        const providerId = p.id;
        const cheapest = [...p.services].sort((a, b) => a.priceCents - b.priceCents)[0];
        const next = cheapest
          ? await nextFreeSlots(deps.db, {
              providerId,
              durationMin: cheapest.durationMin,
              now: ctx.now,
              limit: 3,
            })
          : [];
        const reviews = await listReviews(deps.db, providerId, 3);
        return ok({
          provider: {
            ...p,
            services: p.services.map((s) => ({ ...s, price: money(s.priceCents) })),
            // Text written by providers and reviewers is data, not instructions.
            bio: p.bio,
          },
          recentReviews: reviews.map((r) => ({ rating: r.rating, text: r.text })),
          nextSlots: next.map((s) => slotView(s, p.timezone)),
        });
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "get_provider",
      description:
        "Read one provider's profile: services with prices and durations, weekly hours, service area, rating, recent reviews and next free slots. Without providerId: the caller's own profile.",
      schema: z.object({
        providerId: z
          .uuid()
          .optional()
          .describe("providerId from search_providers; left out: the caller's own provider profile"),
      }),
    },
  );
}
