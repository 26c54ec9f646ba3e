import type { Clock } from "../core/clock.js";
import { AppError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import type { Db } from "../db/pool.js";
import { turnContext } from "../db/usage.js";
import { runTurn, type TurnEvent, type TurnInput, type TurnRunnerDeps } from "../graph/run.js";
import type { Config } from "./config.js";
import type { Metrics } from "./metrics.js";

/** One run per thread at a time (across replicas when backed by Redis). */
export interface ThreadLocks {
  /** Returns a release function, or undefined when the thread is busy. */
  acquire(threadId: string): Promise<(() => Promise<void>) | undefined>;
}

export function memoryThreadLocks(): ThreadLocks {
  const busy = new Set<string>();
  return {
    async acquire(id) {
      if (busy.has(id)) return undefined;
      busy.add(id);
      return async () => {
        busy.delete(id);
      };
    },
  };
}

export interface ChatServiceDeps {
  config: Pick<Config, "limits">;
  db: Db;
  clock: Clock;
  turns: TurnRunnerDeps;
  locks: ThreadLocks;
  metrics?: Metrics | undefined;
  /** The turn runner; a benchmark of the transport swaps in one that streams instantly. */
  runTurn?: typeof runTurn;
}

/** A started turn: its events (the first already produced) and what must happen when it ends. */
export interface StartedTurn {
  events: AsyncGenerator<TurnEvent>;
  abort: AbortController;
}

/**
 * Everything a chat turn needs before its first event, shared by HTTP (SSE and JSON) and
 * socket.io: the thread lock, the spend budgets, the user's time zone. Errors here are the
 * caller's to answer as plain errors; once `events` yields, the turn is under way.
 */
export async function startTurn(
  deps: ChatServiceDeps,
  principal: Principal,
  input: TurnInput,
): Promise<StartedTurn> {
  // Budgets are operational, like rate limits: they run on the wall clock, not the domain clock
  // (which evals freeze), because usage rows are stamped by the database's own clock.
  const { timeZone, thread, userToday } = await turnContext(deps.db, {
    userId: principal.userId,
    threadId: input.threadId,
    now: new Date(),
  });
  const limits = deps.config.limits;
  if (userToday >= limits.userDailyBudgetUsd) {
    throw new AppError(
      "budget_exceeded",
      "You have reached today's limit for chatting with Proxie. Your bookings are safe; the chat will be available again tomorrow.",
      { scope: "user_daily", limitUsd: limits.userDailyBudgetUsd },
    );
  }
  if (input.threadId && thread >= limits.threadBudgetUsd) {
    throw new AppError(
      "budget_exceeded",
      "This conversation has reached its length limit. Start a new conversation to continue.",
      {
        scope: "thread",
        limitUsd: limits.threadBudgetUsd,
      },
    );
  }
  const release = input.threadId ? await deps.locks.acquire(input.threadId) : undefined;
  if (input.threadId && !release) {
    throw new AppError(
      "conflict",
      "This conversation is still answering your previous message. Wait for it to finish, then send again.",
    );
  }
  const abort = new AbortController();
  const started = performance.now();
  const metrics = deps.metrics;
  const inner = (deps.runTurn ?? runTurn)(deps.turns, input, {
    principal,
    timeZone,
    signal: abort.signal,
    onUsage: (u) => {
      for (const [model, t] of Object.entries(u.byModel)) {
        metrics?.tokens.inc({ model, kind: "input" }, t.inputTokens);
        metrics?.tokens.inc({ model, kind: "output" }, t.outputTokens);
        metrics?.costUsd.inc({ model }, t.costUsd);
      }
    },
  });

  let agent = "none";
  let outcome = "error";
  let firstToken = false;
  const tools = new Map<string, string>();
  metrics?.turnsInFlight.inc();
  const events = new ObservedTurn(inner, {
    event(e) {
      if (e.type === "agent" || e.type === "message") agent = e.type === "agent" ? e.name : e.agent;
      if (e.type === "token" && !firstToken) {
        firstToken = true;
        metrics?.timeToFirstToken.observe((performance.now() - started) / 1000);
      }
      if (e.type === "tool_call") tools.set(e.id, e.name);
      if (e.type === "tool_result")
        metrics?.toolCalls.inc({ tool: tools.get(e.id) ?? e.name, outcome: e.ok ? "ok" : "error" });
      if (e.type === "confirm") outcome = "confirm";
      if (e.type === "done") outcome = outcome === "confirm" ? "confirm" : "ok";
    },
    async end() {
      if (abort.signal.aborted && outcome === "error") outcome = "aborted";
      metrics?.turnsInFlight.dec();
      metrics?.chatTurns.inc({ agent, outcome });
      metrics?.turnDuration.observe((performance.now() - started) / 1000);
      await release?.();
    },
  });
  return { events, abort };
}

/**
 * `inner`'s events, each shown to `observer.event` on its way, and `observer.end` once when the
 * turn is over: finished, failed or returned early. An iterator object rather than an async
 * generator: a generator layer costs two promise hops per event, and a turn is mostly one-token
 * events. A class rather than closures: under tsx (`npm start`; production runs compiled) every
 * closure made in a function is named with a property definition, each turn.
 */
class ObservedTurn implements AsyncGenerator<TurnEvent> {
  private ended: Promise<void> | undefined;

  constructor(
    private readonly inner: AsyncGenerator<TurnEvent>,
    private readonly observer: { event(e: TurnEvent): void; end(): Promise<void> },
  ) {}

  next(): Promise<IteratorResult<TurnEvent>> {
    if (this.ended) return this.ended.then(() => ({ done: true, value: undefined }));
    return this.inner.next().then(
      (r): Promise<IteratorResult<TurnEvent>> | IteratorResult<TurnEvent> => {
        if (r.done) return this.finish(r);
        this.observer.event(r.value);
        return r;
      },
      (err) => this.fail(err),
    );
  }

  return(value?: unknown): Promise<IteratorResult<TurnEvent>> {
    return this.inner.return(value).then(
      (r) => this.finish(r),
      (err) => this.fail(err),
    );
  }

  throw(err: unknown): Promise<IteratorResult<TurnEvent>> {
    return this.inner.throw(err).then(
      (r) => this.finish(r),
      (e) => this.fail(e),
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): Promise<void> {
    this.ended ??= this.observer.end();
    return this.ended;
  }

  private async finish<T>(result: T): Promise<T> {
    await this.end();
    return result;
  }

  private async fail(err: unknown): Promise<never> {
    await this.end();
    throw err;
  }
}
