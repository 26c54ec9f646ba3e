import type { Logger } from "pino";
import type { Verified } from "./auth.js";

/** What middleware puts on the request context for the handlers after it. */
export interface AppEnv {
  Variables: {
    principal: Verified;
    requestId: string;
    log: Logger;
  };
}
