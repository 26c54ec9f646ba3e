import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { CATEGORIES } from "../core/categories.js";
import { createRequest } from "../db/requests.js";
import { confirmThenWrite, priorResult } from "./confirm.js";
import { failure, failureOf, localTime, money, runContext, type ToolDeps, toolOrigin } from "./context.js";

/** Posts a request for offers to nearby providers of a category, after the user approves. */
export function createRequestTool(deps: ToolDeps) {
  return tool(
    async (args, config) => {
      try {
        const ctx = runContext(config, deps.clock);
        const prior = await priorResult(deps, ctx);
        if (prior) return prior;
        const zip = args.zip ?? (await deps.preferences.get(ctx.principal.userId)).usualZip;
        if (!zip) return failure("missing_zip", "Ask the user for the zip code where they need the service.");
        const windowStart = new Date(args.windowStart);
        const windowEnd = new Date(args.windowEnd);
        if (windowEnd <= windowStart || windowEnd <= ctx.now)
          return failure("bad_request", "The time window must end after it starts, in the future.");
        const window = `${localTime(windowStart, ctx.timeZone)} – ${localTime(windowEnd, ctx.timeZone)}`;
        const details = {
          category: args.category,
          description: args.description,
          zip,
          windowStart: windowStart.toISOString(),
          windowEnd: windowEnd.toISOString(),
          window,
          budgetCents: args.budgetCents ?? null,
        };
        const budget = args.budgetCents ? `, budget ${money(args.budgetCents)}` : "";
        return await confirmThenWrite(
          deps,
          ctx,
          {
            action: "create_request",
            summary: `Ask ${args.category} providers near ${zip} for offers: "${args.description}" (${window}${budget})?`,
            details,
          },
          async (tx) => {
            const r = await createRequest(tx, {
              consumerId: ctx.principal.userId,
              category: args.category,
              description: args.description,
              zip,
              windowStart,
              windowEnd,
              budgetCents: args.budgetCents,
              now: ctx.now,
              idempotencyKey: `${ctx.threadId}:${ctx.toolCallId}`,
              origin: toolOrigin(ctx),
            });
            await deps.preferences.rememberZip(tx, ctx.principal.userId, zip);
            return {
              result: {
                status: "posted",
                request: { requestId: r.request.id, ...details },
                providersNotified: r.notifications.length,
              },
              notifications: r.notifications,
            };
          },
        );
      } catch (err) {
        return failureOf(err);
      }
    },
    {
      name: "create_request",
      description:
        "Post the user's job to nearby providers of a category so that they send offers (when the user wants quotes, or no listed slot fits). The user must approve first.",
      schema: z.object({
        category: z.enum(CATEGORIES),
        description: z.string().min(3).max(1000).describe("the job in the user's words"),
        zip: z
          .string()
          .regex(/^\d{5}$/)
          .optional()
          .describe("omit to use the user's usual zip"),
        windowStart: z.iso.datetime({ offset: true }).describe("earliest acceptable start"),
        windowEnd: z.iso.datetime({ offset: true }).describe("latest acceptable end"),
        budgetCents: z.number().int().positive().optional(),
      }),
    },
  );
}
