import type { ToolRunnableConfig } from "@langchain/core/tools";
import { isGraphBubbleUp } from "@langchain/langgraph";
import type { Clock } from "../core/clock.js";
import { AppError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { DEFAULT_TIME_ZONE } from "../core/time.js";
import type { WriteOrigin } from "../db/audit.js";
import type { Db } from "../db/pool.js";
import type { ProviderSearch } from "../db/provider-search.js";
import type { PreferenceStore } from "../memory/preferences.js";
import type { NotificationSink } from "../server/events.js";

/** What tools are built from: passed in once, when the graph is built. */
export interface ToolDeps {
  db: Db;
  clock: Clock;
  search: ProviderSearch;
  notifications: NotificationSink;
  preferences: PreferenceStore;
  reembedProvider(providerId: string): Promise<void>;
}

/** Per-run facts a tool needs, all set by the server from the verified token, never by the model. */
export interface RunContext {
  principal: Principal;
  threadId: string;
  toolCallId: string;
  timeZone: string;
  now: Date;
}

/** What the server puts in `configurable` for every run. */
export interface ProxieConfigurable {
  thread_id: string;
  principal: Principal;
  timeZone: string;
}

export function runContext(config: ToolRunnableConfig, clock: Clock): RunContext {
  const c = (config.configurable ?? {}) as Partial<ProxieConfigurable>;
  if (!c.principal?.userId || !c.thread_id) {
    // Without a verified principal no tool may run: refusing here is what makes identity unforgeable.
    throw new AppError("unauthorized", "This tool needs a signed-in user.");
  }
  return {
    principal: c.principal,
    threadId: c.thread_id,
    toolCallId: config.toolCall?.id ?? "no-call-id",
    timeZone: c.timeZone ?? DEFAULT_TIME_ZONE,
    now: clock.now(),
  };
}

/** Where a tool's write came from, for the audit log: this thread and this tool call. */
export function toolOrigin(ctx: RunContext): WriteOrigin {
  return { via: "tool", threadId: ctx.threadId, toolCallId: ctx.toolCallId };
}

/** Tool results are JSON the model reads; both an LLM and the offline policy parse them. */
export function ok(result: Record<string, unknown>): string {
  return JSON.stringify({ ok: true, ...result });
}

export function failure(code: string, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ok: false, error: { code, message, ...extra } });
}

/**
 * Turns a thrown error into a result the model can act on; unexpected errors stay generic.
 * LangGraph's interrupts travel as exceptions and must pass through untouched.
 */
export function failureOf(err: unknown): string {
  if (isGraphBubbleUp(err)) throw err;
  if (err instanceof AppError) return failure(err.code, err.message, err.details ?? {});
  return failure(
    "internal",
    "That did not work because of a problem on our side. Try again or choose something else.",
  );
}

export function money(cents: number): string {
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

/** "Tue, Dec 1, 5:00 PM" in a time zone. */
export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(at);
}

export function slotView(s: { startsAt: Date; endsAt: Date }, timeZone: string) {
  return {
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    local: localTime(s.startsAt, timeZone),
  };
}
