import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { AppError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { DEFAULT_TIME_ZONE } from "../core/time.js";

/** The verified caller of this run, from `configurable` (set by the server, never by a model). */
export function principalOf(config: LangGraphRunnableConfig): {
  principal: Principal;
  timeZone: string;
  threadId: string;
} {
  const c = config.configurable as
    | { principal?: Principal; timeZone?: string; thread_id?: string }
    | undefined;
  if (!c?.principal?.userId || !c.thread_id)
    throw new AppError("unauthorized", "A conversation needs a signed-in user.");
  return { principal: c.principal, timeZone: c.timeZone ?? DEFAULT_TIME_ZONE, threadId: c.thread_id };
}
