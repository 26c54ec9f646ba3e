import type { Db } from "../db/pool.js";
import { ConversationSaver } from "./conversation-saver.js";

/**
 * Conversations are checkpointed in the application's own database, through its own pool (on
 * PGlite too), so that a thread survives a restart and any replica can continue it.
 */
export async function createCheckpointer(db: Db): Promise<ConversationSaver> {
  const saver = new ConversationSaver(db.pool);
  await saver.setup();
  return saver;
}
