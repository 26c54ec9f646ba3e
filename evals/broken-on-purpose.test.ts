import { FakeListChatModel } from "@langchain/core/utils/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/pool.js";
import { createModels, type Models } from "../models/index.js";
import type { OfflinePolicy } from "../models/offline/chat-model.js";
import { createDialogueNlu, createOfflineChatModel, createOfflinePolicy } from "../models/offline/index.js";
import { loadWordVectors } from "../models/offline/word-vectors.js";
import { runTrial } from "./run-trial.js";
import { prepareTemplate } from "./runner.js";
import { parseScenario, type Scenario } from "./scenario.js";
import { createLlmSimulator, STOP_GOAL } from "./simulator.js";
import { evalServerConfig, localTargets } from "./targets.js";
import type { Template } from "./template.js";
import { scratchDir } from "./trial-host.js";

/**
 * A scenario broken on purpose fails, and its reason names the cause: a wrong expectation, a tool
 * that writes the wrong price, a model that picks the wrong time, a write nobody confirmed. The
 * scenario runs in Denver, where only its own fixture barber works, so that it is deterministic.
 */

const SCENARIO = `
id: broken-on-purpose
principal: { role: consumer, userId: eval-c1, zip: "80202", timezone: America/Denver }
fixtures:
  providers:
    - ref: mile
      name: Mile High Fades
      category: haircut
      zip: "80202"
      timezone: America/Denver
      services: [{ name: Skin Fade, description: "Clipper fade", priceCents: 4000, durationMin: 45 }]
      hours: [{ days: mon-sat, from: "09:00", to: "20:00" }]
turns:
  - "I need a skin fade tomorrow after 5"
  - "the first one"
  - "yes"
expect:
  routes: [haircut]
  tools: { called: [search_providers, create_booking] }
  db:
    bookings:
      - { consumer: eval-c1, provider: mile, service: Skin Fade, priceCents: 4000, localWeekday: Tuesday, localTime: "17:00", status: confirmed }
`;

const scenario = (yaml = SCENARIO): Scenario => parseScenario(yaml, "broken-on-purpose.yaml", "test");

let template: Template;
let models: Models;
let policy: OfflinePolicy;

beforeAll(async () => {
  template = await prepareTemplate("offline");
  models = createModels(evalServerConfig("memory://", { MODEL_PROVIDER: "offline" }));
  policy = createOfflinePolicy(createDialogueNlu({ wordVectors: loadWordVectors() }));
}, 300_000);

async function run(s: Scenario, opts: { models?: Models; prepare?: (db: Db) => Promise<void> } = {}) {
  const targets = localTargets({
    template,
    models: opts.models ?? models,
    parentDir: scratchDir(),
    ...(opts.prepare ? { prepare: opts.prepare } : {}),
  });
  try {
    return await runTrial(s, 0, targets, { turnTimeoutMs: 60_000 });
  } finally {
    await targets.close();
  }
}

describe("a scenario broken on purpose", { timeout: 120_000 }, () => {
  it("passes as written (the baseline)", async () => {
    const r = await run(scenario());
    expect(r.reasons).toEqual([]);
    expect(r.status).toBe("pass");
    expect(r.changes).toEqual([
      expect.stringMatching(/^bookings inserted \{consumer: "eval-c1", providerName: "Mile High Fades"/),
    ]);
  });

  it("fails on a wrong expectation, naming the row and the field", async () => {
    const r = await run(
      scenario(SCENARIO.replace("priceCents: 4000, localWeekday", "priceCents: 5000, localWeekday")),
    );
    expect(r.status).toBe("fail");
    expect(r.reasons[0]).toMatch(
      /^db: bookings: expected a new or changed row \{consumer: "eval-c1", provider: "mile"/,
    );
    expect(r.reasons[0]).toContain("priceCents expected 5000, got 4000");
    expect(r.reasons[1]).toMatch(
      /^db: unexpected write: bookings inserted \{.*Mile High Fades.*priceCents: 4000/,
    );
  });

  it("fails when the booking tool writes the wrong price", async () => {
    // As a create_booking that charged a stale price would: the row differs from what was confirmed.
    const r = await run(scenario(), {
      prepare: async (db) => {
        await db.query(`CREATE FUNCTION eval_break_price() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.price_cents := NEW.price_cents + 500; RETURN NEW; END $$`);
        await db.query(
          "CREATE TRIGGER eval_break_price BEFORE INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION eval_break_price()",
        );
      },
    });
    expect(r.status).toBe("fail");
    expect(r.reasons[0]).toContain("priceCents expected 4000, got 4500");
  });

  it("fails when the model books another time than the one the user picked", async () => {
    // A regression in the model (or its prompt) that shifts the chosen slot by half an hour.
    const shifted: OfflinePolicy = async (input) => {
      const d = await policy(input);
      return {
        ...d,
        toolCalls: d.toolCalls?.map((c) =>
          c.name === "create_booking" && typeof c.args.startsAt === "string"
            ? {
                ...c,
                args: {
                  ...c.args,
                  startsAt: new Date(Date.parse(c.args.startsAt) + 30 * 60_000).toISOString(),
                },
              }
            : c,
        ),
      };
    };
    const r = await run(scenario(), {
      models: { ...models, chat: createOfflineChatModel({ policy: shifted }) },
    });
    expect(r.status).toBe("fail");
    expect(r.reasons[0]).toContain('localTime expected "17:00", got "17:30"');
  });

  it("fails when the provider's hours no longer allow the booking", async () => {
    // A constraint changed under the scenario: the barber closes on Tuesdays.
    const r = await run(scenario(), {
      prepare: async (db) => {
        await db.query(
          "DELETE FROM weekly_hours WHERE weekday = 2 AND provider_id = (SELECT id FROM providers WHERE name = 'Mile High Fades')",
        );
      },
    });
    expect(r.status).toBe("fail");
    expect(r.reasons.join("\n")).toMatch(
      /db: bookings: expected a new or changed row \{consumer: "eval-c1", provider: "mile"/,
    );
  });

  it("fails a write that no approved confirmation preceded, naming the turn", async () => {
    // Something writes behind the user's back: a favourite saved when the conversation starts.
    const r = await run(scenario(), {
      prepare: async (db) => {
        await db.query(`CREATE FUNCTION eval_sneaky() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO favorites (consumer_id, provider_id)
            SELECT NEW.user_id, id FROM providers WHERE name = 'Mile High Fades' ON CONFLICT DO NOTHING;
            RETURN NULL;
          END $$`);
        await db.query(
          "CREATE TRIGGER eval_sneaky AFTER INSERT ON threads FOR EACH ROW EXECUTE FUNCTION eval_sneaky()",
        );
      },
    });
    expect(r.status).toBe("fail");
    expect(r.reasons).toContain(
      'confirmations: turn 1 "I need a skin fade tomorrow after 5" wrote favorites INSERT × 1 with no confirmation pending',
    );
    expect(r.reasons).toContain(
      'db: unexpected write: favorites inserted {consumer: "eval-c1", providerName: "Mile High Fades"}',
    );
    expect(r.facts.writes).toMatchObject({ turns: 2, confirmed: 1 });
  });
});

describe("a simulated user", { timeout: 120_000 }, () => {
  it("drives the conversation from its instruction and stops at its goal", async () => {
    const s = scenario(
      SCENARIO.replace(
        "turns:",
        'simulator: { instruction: "You want a skin fade tomorrow after 5 pm.", maxTurns: 6 }\nturns:',
      ),
    );
    const user = new FakeListChatModel({
      responses: ["hi, could I get a skin fade tomorrow after 5?", "the first one please", "yes", STOP_GOAL],
    });
    const targets = localTargets({ template, models, parentDir: scratchDir() });
    const r = await runTrial(s, 0, targets, {
      simulate: (sc) =>
        createLlmSimulator({
          model: user,
          modelName: "fake",
          instruction: sc.simulator!.instruction,
          maxTurns: 6,
        }),
    });
    await targets.close();
    expect(r.mode).toBe("simulated");
    expect(r.simulator?.stop).toBe("goal");
    expect(r.turns.map((t) => t.input.say)).toEqual([
      "hi, could I get a skin fade tomorrow after 5?",
      "the first one please",
      "yes",
    ]);
    expect(r.reasons).toEqual([]);
  });
});
