import { type DbVerdict, judgeDb, type ResolveValue } from "./db-judge.js";
import type { Scenario } from "./scenario.js";
import type { RowChange, TableName } from "./tables.js";
import type { TurnRecord } from "./transcript.js";

/**
 * A trial's verdict: the database first (the only writes are the expected ones), then the routes,
 * the tools, the replies, and the rule that every write follows a confirmation the user approved.
 */

export type CheckName = "db" | "routes" | "tools" | "replies" | "confirmations" | "errors";

export interface Check {
  name: CheckName;
  ok: boolean;
  reasons: string[];
  /** A check that could not be made (no database access in --url mode): reported, not failed. */
  skipped?: string;
}

export interface RoutePair {
  expected: string;
  actual: string;
}

export interface TrialFacts {
  routePairs: RoutePair[];
  tools: { truePositive: number; falsePositive: number; falseNegative: number };
  writes: { turns: number; confirmed: number; violations: string[] };
}

export interface Judgement {
  checks: Check[];
  reasons: string[];
  ok: boolean;
  facts: TrialFacts;
  db?: DbVerdict;
}

function textMatches(text: string, pattern: string): boolean {
  const re = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (re) return new RegExp(re[1]!, re[2]!.includes("i") ? re[2] : `${re[2]}i`).test(text);
  return text.toLowerCase().includes(pattern.toLowerCase());
}

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const turnLabel = (t: TurnRecord) =>
  `turn ${t.index + 1}${t.actor === "principal" ? "" : ` (${t.actor})`} ${JSON.stringify(short(t.input.say ?? `[${t.input.resume}]`, 60))}`;

/** Consecutive repeats collapsed: haircut, haircut, plumbing → haircut, plumbing. */
export function collapse(routes: (string | null)[]): string[] {
  const out: string[] = [];
  for (const r of routes) if (r && out.at(-1) !== r) out.push(r);
  return out;
}

/** Whether an agent is the expected one (`a|b` accepts either); the label the matrix counts it under. */
export function routeFits(expected: string, actual: string | null): { ok: boolean; label: string } {
  const options = expected.split("|");
  const ok = actual !== null && options.includes(actual);
  return { ok, label: ok ? actual! : options[0]! };
}

function judgeRoutes(s: Scenario, turns: TurnRecord[], pairs: RoutePair[]): Check {
  const reasons: string[] = [];
  const expected = s.expect.routes;
  const perActor: Record<string, string[]> = Array.isArray(expected)
    ? { principal: expected }
    : (expected ?? {});
  const labelled = s.turns.some((t) => t.route);
  for (const [actor, want] of Object.entries(perActor)) {
    const got = collapse(turns.filter((t) => t.actor === actor).map((t) => t.route));
    const fits = want.length === got.length && want.every((w, i) => routeFits(w, got[i] ?? null).ok);
    if (!fits)
      reasons.push(
        `routes${actor === "principal" ? "" : ` of ${actor}`}: expected ${want.join(" → ")}, got ${got.join(" → ") || "none"}`,
      );
    if (!labelled) {
      for (let i = 0; i < Math.max(want.length, got.length); i++)
        pairs.push({
          expected: want[i] ? routeFits(want[i]!, got[i] ?? null).label : "none",
          actual: got[i] ?? "none",
        });
    }
  }
  for (const t of turns) {
    const route = s.turns[t.index]?.route;
    if (!route) continue;
    const fit = routeFits(route, t.route);
    pairs.push({ expected: fit.label, actual: t.route ?? "none" });
    if (!fit.ok) reasons.push(`${turnLabel(t)}: expected the ${route} agent, got ${t.route ?? "none"}`);
  }
  return { name: "routes", ok: reasons.length === 0, reasons };
}

function judgeTools(s: Scenario, turns: TurnRecord[], facts: TrialFacts): Check {
  const reasons: string[] = [];
  const spec = s.expect.tools ?? { called: [], notCalled: [], calledWith: [] };
  const calls = turns.flatMap((t) => t.toolCalls.filter((c) => !c.resumed).map((c) => ({ ...c, turn: t })));
  const called = new Set(calls.map((c) => c.name));
  for (const name of spec.called) if (!called.has(name)) reasons.push(`tools: ${name} was never called`);
  for (const name of spec.notCalled) {
    const hit = calls.find((c) => c.name === name);
    if (hit) reasons.push(`tools: ${name} must not be called, but ${turnLabel(hit.turn)} called it`);
  }
  for (const want of spec.calledWith) {
    const same = calls.filter((c) => c.name === want.name);
    const fits = same.some((c) =>
      Object.entries(want.args).every(([k, v]) => JSON.stringify(c.args[k]) === JSON.stringify(v)),
    );
    if (!fits)
      reasons.push(
        `tools: no ${want.name} call with ${JSON.stringify(want.args)}; ${same.length ? `its calls had ${same.map((c) => JSON.stringify(c.args)).join(", ")}` : "it was never called"}`,
      );
  }
  // Over the tools a scenario names: expected ones called are hits, forbidden ones called are false
  // alarms, expected ones never called are misses. Tools it does not name are neutral.
  const expected = new Set(spec.called);
  const forbidden = new Set(spec.notCalled);
  facts.tools = {
    truePositive: [...called].filter((n) => expected.has(n)).length,
    falsePositive: [...called].filter((n) => forbidden.has(n)).length,
    falseNegative: [...expected].filter((n) => !called.has(n)).length,
  };
  return { name: "tools", ok: reasons.length === 0, reasons };
}

function judgeReplies(s: Scenario, turns: TurnRecord[]): Check {
  const reasons: string[] = [];
  const last = turns.filter((t) => t.actor === "principal").at(-1);
  for (const want of s.expect.replyIncludes ?? []) {
    if (!last || !textMatches(last.reply, want))
      reasons.push(
        `reply: the last reply does not contain ${JSON.stringify(want)}: ${JSON.stringify(short(last?.reply ?? ""))}`,
      );
  }
  for (const bad of s.expect.replyExcludes ?? []) {
    for (const t of turns)
      if (textMatches(t.reply, bad))
        reasons.push(`reply: ${turnLabel(t)} says ${JSON.stringify(bad)}: ${JSON.stringify(short(t.reply))}`);
  }
  for (const t of turns) {
    const spec = s.turns[t.index];
    if (!spec) continue;
    for (const want of spec.replyIncludes ?? [])
      if (!textMatches(t.reply, want))
        reasons.push(
          `reply: ${turnLabel(t)} does not say ${JSON.stringify(want)}: ${JSON.stringify(short(t.reply))}`,
        );
    for (const bad of spec.replyExcludes ?? [])
      if (textMatches(t.reply, bad)) reasons.push(`reply: ${turnLabel(t)} says ${JSON.stringify(bad)}`);
    if (spec.confirm) {
      const got = t.confirm?.action ?? "none";
      if (got !== spec.confirm)
        reasons.push(
          `confirm: ${turnLabel(t)} expected ${spec.confirm === "none" ? "no confirmation" : `a ${spec.confirm} confirmation`}, got ${got === "none" ? "none" : got}`,
        );
    }
  }
  return { name: "replies", ok: reasons.length === 0, reasons };
}

/**
 * Every turn that wrote to the marketplace must be the approval of a confirmation shown at the end
 * of the same person's previous turn, and the write tool must have run on that approval.
 */
export function judgeConfirmations(turns: TurnRecord[], facts: TrialFacts): Check {
  const violations: string[] = [];
  let writeTurns = 0;
  let confirmed = 0;
  const previous = new Map<string, TurnRecord>();
  for (const t of turns) {
    const before = previous.get(t.actor);
    previous.set(t.actor, t);
    if (!t.writes.length) continue;
    writeTurns++;
    const what = t.writes.map((w) => `${w.table} ${w.op} × ${w.rows}`).join(", ");
    const pending = before?.confirm;
    const resumed = pending && t.toolCalls.find((c) => c.id === pending.id && c.resumed);
    if (!pending) violations.push(`${turnLabel(t)} wrote ${what} with no confirmation pending`);
    else if (resumed?.ok !== true)
      violations.push(
        `${turnLabel(t)} wrote ${what}, but the pending ${pending.action} was not approved and run`,
      );
    else confirmed++;
  }
  facts.writes = { turns: writeTurns, confirmed, violations };
  return {
    name: "confirmations",
    ok: violations.length === 0,
    reasons: violations.map((v) => `confirmations: ${v}`),
  };
}

function judgeErrors(turns: TurnRecord[]): Check {
  const reasons = turns
    .filter((t) => t.error)
    .map((t) => `error: ${turnLabel(t)} failed with ${t.error!.code}: ${short(t.error!.message)}`);
  return { name: "errors", ok: reasons.length === 0, reasons };
}

/** Facts of a trial before anything is judged: no routes, tool calls or writes. */
export function emptyFacts(): TrialFacts {
  return {
    routePairs: [],
    tools: { truePositive: 0, falsePositive: 0, falseNegative: 0 },
    writes: { turns: 0, confirmed: 0, violations: [] },
  };
}

export function judgeTrial(
  s: Scenario,
  turns: TurnRecord[],
  changes: RowChange[] | undefined,
  resolve: ResolveValue,
): Judgement {
  const facts = emptyFacts();
  const checks: Check[] = [];
  let db: DbVerdict | undefined;
  if (changes) {
    db = judgeDb(s.expect.db as Partial<Record<TableName, Record<string, unknown>[]>>, changes, {
      noOtherWrites: s.expect.noOtherWrites,
      resolve,
    });
    checks.push({ name: "db", ok: db.ok, reasons: db.reasons.map((r) => `db: ${r}`) });
  } else {
    checks.push({ name: "db", ok: true, reasons: [], skipped: "no database access" });
  }
  checks.push(judgeRoutes(s, turns, facts.routePairs));
  checks.push(judgeTools(s, turns, facts));
  checks.push(judgeReplies(s, turns));
  checks.push(judgeConfirmations(turns, facts));
  checks.push(judgeErrors(turns));
  const reasons = checks.flatMap((c) => c.reasons);
  return { checks, reasons, ok: reasons.length === 0, facts, ...(db ? { db } : {}) };
}
