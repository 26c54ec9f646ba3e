import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type { Db } from "../db/pool.js";

/**
 * Conversations are checkpointed in the application's own database, through its own pool (on
 * PGlite too), so that a thread survives a restart and any replica can continue it.
 */
export async function createCheckpointer(db: Db): Promise<PostgresSaver> {
  const saver = new PostgresSaver(db.pool);
  await saver.setup();
  return saver;
}
