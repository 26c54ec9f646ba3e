import { tool } from "@langchain/core/tools";
import { getProfileOfUser, saveProviderProfile } from "../db/provider-profile.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, runContext, type ToolDeps, toolOrigin } from "./context.js";
import { applyProfilePatch, PatchRefused, previewChanges, profilePatchSchema } from "./profile-patch.js";

/**
 * Changes the signed-in provider's own profile (or creates it: enrolment). The diff is shown for
 * approval; once saved, the profile is re-embedded so that consumers' searches see it at once.
 */
export function updateProfileTool(deps: ToolDeps) {
  return tool(
    async (patch, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const before = await getProfileOfUser(deps.db, ctx.principal.userId);
        let input: ReturnType<typeof applyProfilePatch>;
        try {
          input = applyProfilePatch(before, patch, ctx.timeZone);
        } catch (err) {
          if (err instanceof PatchRefused) return failure(err.code, err.message, err.details);
          throw err;
        }
        const changes = previewChanges(before, input);
        if (!changes.length) return failure("no_change", "The profile already says that; nothing to change.");
        const lines = changes.map((c) => `${c.field}: ${c.from ?? "—"} → ${c.to ?? "removed"}`);
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "update_profile",
            summary: `${before ? "Update" : "Create"} your profile:\n${lines.join("\n")}`,
            details: { changes },
          },
          async (tx) => {
            const saved = await saveProviderProfile(tx, {
              userId: ctx.principal.userId,
              input,
              origin: toolOrigin(ctx),
            });
            return {
              result: {
                status: saved.created ? "created" : "updated",
                changes: saved.changes,
                providerId: saved.profile.id,
              },
              afterCommit: () => deps.reembedProvider(saved.profile.id),
            };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "update_profile",
      description:
        "Change the provider's own profile (prices, services, hours, days off, time off, area, bio), or create it when they enrol. The provider sees the changes and must approve first.",
      schema: profilePatchSchema,
    },
  );
}
