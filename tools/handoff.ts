import { tool } from "@langchain/core/tools";
import { z } from "zod";

export const HANDOFF_TOOL = "transfer_to_router";

/**
 * A specialist gives the conversation back when the user changes topic; the router then picks the
 * specialist for the new topic, which reads the same history and does not ask again.
 */
export function handoffTool() {
  return tool(async ({ topic }) => JSON.stringify({ ok: true, status: "transferred", topic }), {
    name: HANDOFF_TOOL,
    description:
      "Hand the conversation back to Proxie's router when the user's latest message is about something you do not handle (another service, their bookings, their provider profile, or anything else).",
    schema: z.object({ topic: z.string().max(200).describe("what the user now wants, in a few words") }),
  });
}
