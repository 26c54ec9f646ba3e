import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { audit } from "../db/audit.js";
import { getProviderProfile } from "../db/provider-profile.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, runContext, type ToolDeps, toolOrigin } from "./context.js";

/** Saves a provider to the user's favourites, used later for "book my usual barber". */
export function saveFavoriteTool(deps: ToolDeps) {
  return tool(
    async ({ providerId }, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const p = await getProviderProfile(deps.db, providerId);
        if (!p) return failure("not_found", "No provider has that id.");
        const details = { providerId: p.id, providerName: p.name };
        return await confirmThenWrite(
          deps,
          ctx,
          { action: "save_favorite", summary: `Save ${p.name} to your favourites?`, details },
          async (tx) => {
            await tx.query(
              "INSERT INTO favorites (consumer_id, provider_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
              [ctx.principal.userId, p.id],
            );
            await audit(tx, {
              actorId: ctx.principal.userId,
              action: "favorite.save",
              entity: "provider",
              entityId: p.id,
              ...toolOrigin(ctx),
            });
            return { result: { status: "saved", favorite: details } };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "save_favorite",
      description: "Save a provider to the user's favourites. The user must approve first.",
      schema: z.object({ providerId: z.uuid().describe("providerId from search_providers") }),
    },
  );
}
