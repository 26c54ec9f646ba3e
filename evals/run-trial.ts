import { chatTurn } from "./chat-client.js";
import { applyFixtures } from "./fixtures.js";
import { type Check, emptyFacts, judgeTrial, type TrialFacts } from "./judge.js";
import { peopleOf, type Scenario } from "./scenario.js";
import { OPENING, type StopReason, type UserSimulator } from "./simulator.js";
import { describeChange, diffSnapshots, emptyRefs, type Refs } from "./tables.js";
import type { TargetFactory, TrialTarget } from "./targets.js";
import { recordTurn, type TurnRecord, type Usage, ZERO_USAGE } from "./transcript.js";

/** One trial of one scenario: set up, converse (scripted or simulated), judge. */

export type TrialStatus = "pass" | "fail" | "error" | "skipped";

export interface TrialResult {
  scenarioId: string;
  suite: string;
  title: string | undefined;
  trial: number;
  status: TrialStatus;
  reasons: string[];
  checks: Check[];
  facts: TrialFacts;
  turns: TurnRecord[];
  /** The judged rows the conversation changed, in a line each. */
  changes: string[];
  usage: Usage;
  simulator?: { usage: Usage; stop: StopReason | "script_end" };
  mode: "scripted" | "simulated";
  setupMs: number;
  durationMs: number;
}

export interface TrialOptions {
  /** Drive the principal with a simulated user instead of the scripted turns (live runs). */
  simulate?: (s: Scenario) => UserSimulator | undefined;
  turnTimeoutMs?: number;
}

/** The result of a trial that ran no turn (skipped, or failed before its first). */
export function trialWithoutTurns(
  scenario: Pick<Scenario, "id" | "suite" | "title">,
  trial: number,
  outcome: Pick<TrialResult, "status" | "reasons" | "mode"> &
    Partial<Pick<TrialResult, "setupMs" | "durationMs">>,
): TrialResult {
  return {
    scenarioId: scenario.id,
    suite: scenario.suite,
    title: scenario.title,
    trial,
    checks: [],
    facts: emptyFacts(),
    turns: [],
    changes: [],
    usage: { ...ZERO_USAGE },
    setupMs: 0,
    durationMs: 0,
    ...outcome,
  };
}

function sumUsage(turns: TurnRecord[]): Usage {
  return turns.reduce(
    (a, t) => ({
      inputTokens: a.inputTokens + t.usage.inputTokens,
      outputTokens: a.outputTokens + t.usage.outputTokens,
      costUsd: a.costUsd + t.usage.costUsd,
    }),
    { ...ZERO_USAGE },
  );
}

/** What an expectation's `consumer: eval-c1` or `provider: velvet` means in this trial's database. */
function resolver(s: Scenario, target: TrialTarget) {
  const providerUsers = new Map(
    s.fixtures.providers.map((p) => [p.ref, p.userId ?? `eval-provider-${p.ref}`]),
  );
  return (field: string, value: unknown): unknown => {
    if (typeof value !== "string" || !["consumer", "provider", "id"].includes(field)) return value;
    const user = field === "provider" ? (providerUsers.get(value) ?? value) : value;
    return target.ids.user(user);
  };
}

export async function runTrial(
  scenario: Scenario,
  trial: number,
  targets: TargetFactory,
  opts: TrialOptions = {},
): Promise<TrialResult> {
  const t0 = performance.now();
  // A deployed server cannot be given a frozen clock: relative fixture times follow the real one.
  const s = targets.realClock ? { ...scenario, now: new Date().toISOString() } : scenario;
  const base = {
    scenarioId: s.id,
    suite: s.suite,
    title: s.title,
    trial,
    facts: emptyFacts(),
    changes: [] as string[],
    usage: { ...ZERO_USAGE },
  };
  const simulator = opts.simulate?.(s);
  if (!simulator && !s.turns.length) {
    return trialWithoutTurns(s, trial, {
      status: "skipped",
      reasons: ["a simulator-only scenario needs a live model (--model openai)"],
      mode: "simulated",
    });
  }
  if (!targets.judgesDb && hasFixtures(s)) {
    return trialWithoutTurns(s, trial, {
      status: "skipped",
      reasons: ["its fixtures need database access (--database-url)"],
      mode: simulator ? "simulated" : "scripted",
    });
  }
  let target: TrialTarget | undefined;
  const turns: TurnRecord[] = [];
  let setupMs = 0;
  try {
    target = await targets.open(s, trial);
    const t = target;
    const people = peopleOf(s);
    let refs: Refs = emptyRefs();
    if (t.db) refs = await applyFixtures(t.db, s, t.ids);
    const tokens: Record<string, string> = {};
    for (const [name, person] of Object.entries(people)) tokens[name] = await t.token(person);
    await t.fixturesApplied(refs);
    const before = await t.before(refs);
    setupMs = performance.now() - t0;

    const threads: Record<string, string | undefined> = {};
    const routes: Record<string, string | null> = {};
    const say = async (actor: string, input: TurnRecord["input"], note?: string) => {
      const res = await chatTurn(
        t.baseUrl,
        tokens[actor]!,
        {
          ...(threads[actor] ? { threadId: threads[actor] } : {}),
          ...(input.say ? { message: input.say } : {}),
          ...(input.resume ? { resume: { decision: input.resume, ...(note ? { note } : {}) } } : {}),
        },
        { signal: AbortSignal.timeout(opts.turnTimeoutMs ?? 120_000) },
      );
      const rec = recordTurn(turns.length, actor, input, res, routes[actor] ?? null);
      rec.writes = await t.writesSince(refs);
      threads[actor] = rec.threadId ?? threads[actor];
      routes[actor] = rec.route;
      turns.push(rec);
      return rec;
    };

    let stop: StopReason | "script_end" = "script_end";
    if (simulator) {
      let assistant = OPENING;
      for (;;) {
        const step = await simulator.next(assistant);
        if (step.kind === "stop") {
          stop = step.reason;
          break;
        }
        const rec = await say("principal", { say: step.text });
        assistant = rec.confirm
          ? `${rec.reply}\n\n[The assistant asks you to approve this before it is done. Answer yes or no.]`
          : rec.reply || (rec.error ? `(error: ${rec.error.message})` : "");
      }
    } else {
      for (const turn of s.turns) {
        const input = turn.say ? { say: withRefs(turn.say, refs) } : { resume: turn.resume! };
        await say(turn.as ?? "principal", input, turn.note);
      }
    }

    const after = await t.after(refs);
    const changes = before && after ? diffSnapshots(before, after) : undefined;
    const judged = judgeTrial(s, turns, changes, resolver(s, t));
    return {
      ...base,
      status: judged.ok ? "pass" : "fail",
      reasons: judged.reasons,
      checks: judged.checks,
      facts: judged.facts,
      turns,
      changes: (changes ?? []).map(describeChange),
      usage: sumUsage(turns),
      ...(simulator ? { simulator: { usage: simulator.usage, stop } } : {}),
      mode: simulator ? "simulated" : "scripted",
      setupMs,
      durationMs: performance.now() - t0,
    };
  } catch (err) {
    return {
      ...base,
      status: "error",
      reasons: [`error: ${errorText(err)}`],
      checks: [],
      turns,
      usage: sumUsage(turns),
      mode: simulator ? "simulated" : "scripted",
      setupMs,
      durationMs: performance.now() - t0,
    };
  } finally {
    await target?.close().catch(() => {});
  }
}

/** `{{ref:their-cut}}` in a user turn becomes that fixture's id (to ask about a row by its id). */
export function withRefs(text: string, refs: Refs): string {
  return text.replace(/\{\{ref:([A-Za-z0-9_.:@-]+)\}\}/g, (all, name: string) => refs.ids.get(name) ?? all);
}

function hasFixtures(s: Scenario): boolean {
  const f = s.fixtures;
  return Boolean(
    f.providers.length ||
      f.bookings.length ||
      f.requests.length ||
      f.offers.length ||
      f.reviews.length ||
      f.favorites.length,
  );
}

/** What went wrong, readable whatever was thrown (database drivers throw plain objects too). */
function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === "object") {
    const { message, code } = err as { message?: unknown; code?: unknown };
    if (typeof message === "string") return typeof code === "string" ? `${code}: ${message}` : message;
    try {
      return JSON.stringify(err).slice(0, 500);
    } catch {
      // A cyclic object: say what kind it is.
    }
  }
  return String(err);
}
