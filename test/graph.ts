import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { fixedClock } from "../core/clock.js";
import type { Principal } from "../core/principal.js";
import type { Notification } from "../db/notifications.js";
import { createProviderSearch } from "../db/provider-search.js";
import { buildGraph } from "../graph/build.js";
import { runTurn, type TurnEvent, type TurnInput } from "../graph/run.js";
import { createCheckpointer } from "../memory/checkpointer.js";
import { createPreferenceStore } from "../memory/preferences.js";
import { OfflineChatModel, type OfflinePolicy } from "../models/offline/chat-model.js";
import { createTools } from "../tools/index.js";
import { TEST_NOW } from "./app.js";
import type { TestDb } from "./db.js";

/** Yes/no for tests that script the model: the offline NLU reads answers in the app. */
export function simpleAnswer(text: string): "approve" | "reject" | undefined {
  if (/^(yes|yep|sure|ok|approve|go ahead)\b/i.test(text.trim())) return "approve";
  if (/^(no|nope|reject|don't)\b/i.test(text.trim())) return "reject";
  return undefined;
}

/** The real graph, tools and checkpointer over a test database, with a chat model driven by `policy`. */
export async function createTestGraph(
  db: TestDb,
  policy: OfflinePolicy,
  opts: { maxToolSteps?: number; readAnswer?: typeof simpleAnswer } = {},
) {
  const clock = fixedClock(TEST_NOW);
  const published: Notification[] = [];
  const preferences = createPreferenceStore(db);
  const search = createProviderSearch({ db, vector: false });
  const tools = createTools({
    db,
    clock,
    search,
    preferences,
    notifications: { publish: (n) => published.push(...n) },
    reembedProvider: async () => {},
  });
  const checkpointer = freezable(await createCheckpointer(db));
  const chat = new OfflineChatModel({ policy });
  const graph = buildGraph({
    models: { chat },
    tools,
    checkpointer,
    preferences,
    clock,
    maxToolSteps: opts.maxToolSteps,
  });
  const deps = { graph, db, chatModelName: "offline", readAnswer: opts.readAnswer ?? simpleAnswer };

  async function turn(principal: Principal, input: TurnInput, signal?: AbortSignal): Promise<TurnEvent[]> {
    const events: TurnEvent[] = [];
    for await (const e of runTurn(deps, input, { principal, timeZone: "America/Chicago", signal }))
      events.push(e);
    return events;
  }
  return { graph, clock, published, turn, deps, checkpointer };
}

/**
 * A checkpointer that can stop saving, as a process that dies does: what ran after `freeze()`
 * may have written to the database, but the thread's checkpoint does not know it.
 */
function freezable(saver: PostgresSaver) {
  let frozen = false;
  const put = saver.put.bind(saver);
  const putWrites = saver.putWrites.bind(saver);
  saver.put = async (config, checkpoint, metadata, versions) =>
    frozen ? config : put(config, checkpoint, metadata, versions);
  saver.putWrites = async (config, writes, taskId) =>
    frozen ? undefined : putWrites(config, writes, taskId);
  return Object.assign(saver, {
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
    },
  });
}

export function eventTypes(events: TurnEvent[]): string[] {
  return events.map((e) => e.type).filter((t, i, all) => t !== "token" || all[i - 1] !== "token");
}
