import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { CATEGORIES } from "../core/categories.js";
import { nextFreeSlots, slotsInWindow } from "../db/availability.js";
import { getProviderProfiles } from "../db/provider-profile.js";
import { failureOf, money, ok, runContext, slotView, type ToolDeps } from "./context.js";
import { matchService } from "./service-match.js";

export const searchProvidersSchema = z.object({
  query: z
    .string()
    .min(1)
    .max(300)
    .describe("what the user wants, in their words, e.g. 'skin fade' or 'deep clean 2 bedroom'"),
  category: z.enum(CATEGORIES).optional().describe("haircut, cleaning or plumbing"),
  zip: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .describe("5-digit zip of where the service is needed; omit to use the user's usual zip"),
  after: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("earliest start the user accepts, ISO 8601 with offset"),
  before: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("latest end the user accepts, ISO 8601 with offset"),
  maxPriceCents: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("the user's budget in cents, if they gave one"),
  limit: z.number().int().min(1).max(10).default(5),
});

/** Providers that fit, each with the service that matches the request and its next free slots. */
export function searchProvidersTool(deps: ToolDeps) {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prefs = args.zip ? undefined : await deps.preferences.get(ctx.principal.userId);
        const zip = args.zip ?? prefs?.usualZip ?? undefined;
        if (!zip)
          return JSON.stringify({
            ok: false,
            error: {
              code: "missing_zip",
              message: "Ask the user for the zip code where they need the service.",
            },
          });
        const hits = await deps.search.search({ q: args.query, category: args.category, zip, limit: 20 });
        const from = args.after ? new Date(args.after) : undefined;
        const to = args.before ? new Date(args.before) : undefined;
        // Providers whose service names what was asked come before those matching it only in a
        // description, whatever the search's order between them (kept within each group).
        const profiles = await getProviderProfiles(
          deps.db,
          hits.map((h) => h.id),
        );
        const candidates = [];
        for (const hit of hits) {
          const profile = profiles.get(hit.id);
          const match = profile && matchService(profile.services, args.query);
          if (!profile || !match) continue;
          if (args.maxPriceCents && match.service.priceCents > args.maxPriceCents) continue;
          candidates.push({ hit, profile, match });
        }
        candidates.sort((a, b) => b.match.strength - a.match.strength);
        const providers = [];
        for (const { hit, profile, match } of candidates) {
          if (providers.length >= args.limit) break;
          const service = match.service;
          const slots =
            from || to
              ? await slotsInWindow(deps.db, {
                  providerId: hit.id,
                  durationMin: service.durationMin,
                  from: from ?? ctx.now,
                  to: to ?? new Date((from ?? ctx.now).getTime() + 14 * 86_400_000),
                  now: ctx.now,
                  limit: 3,
                })
              : await nextFreeSlots(deps.db, {
                  providerId: hit.id,
                  durationMin: service.durationMin,
                  now: ctx.now,
                  limit: 3,
                });
          if ((from || to) && !slots.length) continue;
          providers.push({
            option: providers.length + 1,
            providerId: hit.id,
            name: hit.name,
            category: hit.category,
            rating: hit.rating,
            reviewCount: hit.reviewCount,
            distanceKm: hit.distanceKm,
            service: {
              // False when no service shares a word with the query and the cheapest one stands in.
              matched: match.matched,
              serviceId: service.id,
              name: service.name,
              priceCents: service.priceCents,
              price: money(service.priceCents),
              durationMin: service.durationMin,
            },
            nextSlots: slots.map((s) => slotView(s, profile.timezone)),
            timezone: profile.timezone,
          });
        }
        return ok({ zip, count: providers.length, providers });
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "search_providers",
      description:
        "Search providers near a zip for what the user wants. Returns numbered options with rating, the matching service and price, and the next free slots (inside the after/before window when given).",
      schema: searchProvidersSchema,
    },
  );
}
