import type { Api } from "./api/client.js";
import type { Me } from "./api/types.js";

/** The signed-in user as the pages see them: the API as that user, and who they are (`GET /v1/me`). */
export interface Session {
  api: Api;
  me: Me;
  /** Reads `GET /v1/me` again (the provider profile after a change). */
  reloadMe(): Promise<Me>;
  signOut(): void;
}
