import type { Verified } from "./auth.js";
import type { DirectResponse } from "./middleware/direct-response.js";

/** What middleware puts on the request context for the handlers after it. */
export interface AppEnv {
  Variables: {
    principal: Verified;
    requestId: string;
    /** Set by a route that writes its own response to Node (the SSE chat stream). */
    directResponse: DirectResponse;
  };
}
