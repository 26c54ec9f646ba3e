import { type ChatBody, chatTurn, type SseEvent, type TurnResult } from "./load-client.js";

/**
 * The conversations of the load bench: people of the demo metros asking for a haircut, a cleaning
 * or a plumber, then either booking one of the options (search → pick → approve) or only looking
 * around (search → another day or a price → their bookings). Drawn deterministically from the
 * conversation's number, so that runs compare.
 */

export interface LoadUser {
  userId: string;
  zip: string;
  timezone: string;
}

export type ConversationKind = "booking" | "browse";

export interface Conversation {
  kind: ConversationKind;
  user: LoadUser;
  /** Each turn's body, given the thread so far; a booking's last turn depends on the confirmation. */
  turns: ((threadId: string | undefined) => ChatBody)[];
}

const AREAS: readonly [zip: string, timezone: string][] = [
  ["78704", "America/Chicago"],
  ["78745", "America/Chicago"],
  ["78702", "America/Chicago"],
  ["78701", "America/Chicago"],
  ["78703", "America/Chicago"],
  ["78751", "America/Chicago"],
  ["78756", "America/Chicago"],
  ["78741", "America/Chicago"],
  ["98103", "America/Los_Angeles"],
  ["98122", "America/Los_Angeles"],
  ["98101", "America/Los_Angeles"],
  ["98107", "America/Los_Angeles"],
];

const DAYS = ["tomorrow", "on friday", "on saturday", "next monday", "on wednesday"];
const TIMES = ["after 5", "in the morning", "around noon", "in the afternoon", ""];

const ASKS: readonly ((zip: string, day: string, time: string) => string)[] = [
  (zip, day, time) => `I need a fade ${day} ${time} near ${zip}`,
  (zip, day, time) => `can I get a haircut ${day} ${time} near ${zip}?`,
  (zip, day) => `looking for a beard trim ${day} near ${zip}`,
  (zip, day, time) => `my kitchen sink is leaking, can a plumber come ${day} ${time}? I'm in ${zip}`,
  (zip, day) => `I need someone to fix a running toilet ${day} near ${zip}`,
  (zip, day, time) => `I need a deep clean of my 2 bedroom 1 bath apartment ${day} ${time} near ${zip}`,
  (zip, day) => `can someone do a regular cleaning of my 1 bedroom, 1 bathroom flat ${day}? zip ${zip}`,
];

const PICKS = ["the first one", "book the first one", "the second one", "let's do the second one please"];
const FOLLOW_UPS = ["what about on thursday instead?", "anything cheaper?", "and next week?"];
const CLOSERS = ["what are my upcoming bookings?", "thanks, that's all for now"];

/** A small deterministic generator (mulberry32), so that conversation n is the same in every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function conversation(n: number, runId: string, browseShare: number): Conversation {
  const r = rng(n + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const [zip, timezone] = pick(AREAS);
  const user = { userId: `load-${runId}-${n}`, zip, timezone };
  const ask = pick(ASKS)(zip, pick(DAYS), pick(TIMES)).replace(/\s+/g, " ").trim();
  const kind: ConversationKind = r() < browseShare ? "browse" : "booking";
  const say = (message: string) => (threadId: string | undefined) => ({
    ...(threadId ? { threadId } : {}),
    message,
  });
  if (kind === "browse") return { kind, user, turns: [say(ask), say(pick(FOLLOW_UPS)), say(pick(CLOSERS))] };
  // Half approve with the confirmation card's button (resume), half by typing yes.
  const approve =
    r() < 0.5
      ? (threadId: string | undefined) => ({ threadId, resume: { decision: "approve" as const } })
      : say(pick(["yes", "yes please", "sounds good, book it"]));
  return { kind, user, turns: [say(ask), say(pick(PICKS)), approve] };
}

/** What a booking conversation ended with, read from its turns' events. */
export type BookingOutcome =
  | "booked"
  | "not booked (tool said no)"
  | "no confirmation offered"
  | "failed turn";

export function bookingOutcome(turns: SseEvent[][], failed: boolean): BookingOutcome {
  if (failed) return "failed turn";
  if (!turns[1]?.some((e) => e.event === "confirm")) return "no confirmation offered";
  const result = turns[2]?.find((e) => e.event === "tool_result" && e.data.name === "create_booking");
  return result?.data.ok === true ? "booked" : "not booked (tool said no)";
}

/**
 * Runs a conversation turn by turn, each turn sent when the previous one ended; `beforeTurn` may
 * hold a turn back (the hygiene bench counts turns in phases) or end the conversation (false).
 */
export async function runConversation(
  url: string,
  token: string,
  c: Conversation,
  opts: {
    turnTimeoutMs: number;
    thinkMs?: number;
    beforeTurn?: () => Promise<boolean>;
    afterTurn?: (r: TurnResult) => void;
  },
): Promise<{ turns: TurnResult[]; sent: ChatBody[]; outcome?: BookingOutcome }> {
  const results: TurnResult[] = [];
  const sent: ChatBody[] = [];
  let threadId: string | undefined;
  for (let i = 0; i < c.turns.length; i++) {
    const body = c.turns[i]!(threadId);
    if (opts.beforeTurn && !(await opts.beforeTurn())) break;
    const r = await chatTurn(url, token, body, { signal: AbortSignal.timeout(opts.turnTimeoutMs) });
    sent.push(body);
    results.push(r);
    opts.afterTurn?.(r);
    if (r.error) break;
    threadId ??= r.events.find((e) => e.event === "thread")?.data.threadId as string | undefined;
    // A person does not press a confirmation button that was never shown.
    if (c.kind === "booking" && i === 1 && !r.events.some((e) => e.event === "confirm")) break;
    if (opts.thinkMs) await new Promise((resolve) => setTimeout(resolve, opts.thinkMs));
  }
  if (c.kind !== "booking") return { turns: results, sent };
  const failed = results.some((r) => r.error);
  return {
    turns: results,
    sent,
    outcome: bookingOutcome(
      results.map((r): SseEvent[] => r.events),
      failed,
    ),
  };
}

/** A conversation in a few lines per turn, for reading why a booking did not happen. */
export function transcript(c: Conversation, r: { turns: TurnResult[]; sent: ChatBody[] }): string[] {
  const lines = [`${c.kind} by ${c.user.userId} (${c.user.zip})`];
  r.turns.forEach((t, i) => {
    const body = r.sent[i];
    lines.push(`  > ${body?.message ?? `(resume: ${body?.resume?.decision})`}`);
    for (const e of t.events) {
      if (e.event === "tool_call") lines.push(`    tool_call ${e.data.name} ${JSON.stringify(e.data.args)}`);
      if (e.event === "tool_result")
        lines.push(`    tool_result ${e.data.name} ${e.data.ok} ${e.data.summary}`);
      if (e.event === "confirm") lines.push(`    confirm: ${e.data.summary}`);
      if (e.event === "message") lines.push(`  < ${String(e.data.content).replace(/\n/g, " / ")}`);
    }
    if (t.error) lines.push(`    error ${t.error}`);
  });
  return lines;
}
