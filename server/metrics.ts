import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/pool.js";

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  chatTurns: Counter<"agent" | "outcome">;
  timeToFirstToken: Histogram<never>;
  turnDuration: Histogram<never>;
  turnsInFlight: Gauge<never>;
  tokens: Counter<"model" | "kind">;
  costUsd: Counter<"model">;
  toolCalls: Counter<"tool" | "outcome">;
  redisUp: Gauge<never>;
}

/** How long scraped business totals are reused: counting rows on every scrape is wasted work. */
const BUSINESS_TTL_MS = 15_000;

/**
 * A registry per app (not prom-client's global one), so that several apps in one process — tests,
 * benchmarks — keep their own counts. Business counters are totals read from the database, so
 * every replica reports the same, exact figures.
 */
export function createMetrics({ db }: { db?: Db } = {}): Metrics {
  const registry = new Registry();
  const m: Metrics = {
    registry,
    httpDuration: new Histogram({
      name: "proxie_http_request_duration_seconds",
      help: "HTTP request duration by route",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    chatTurns: new Counter({
      name: "proxie_chat_turns_total",
      help: "Chat turns by agent and outcome",
      labelNames: ["agent", "outcome"],
      registers: [registry],
    }),
    timeToFirstToken: new Histogram({
      name: "proxie_chat_time_to_first_token_seconds",
      help: "Time from a chat request to its first streamed token",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
      registers: [registry],
    }),
    turnDuration: new Histogram({
      name: "proxie_chat_turn_duration_seconds",
      help: "Duration of a whole chat turn",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
    turnsInFlight: new Gauge({
      name: "proxie_chat_turns_in_flight",
      help: "Chat turns running now",
      registers: [registry],
    }),
    tokens: new Counter({
      name: "proxie_llm_tokens_total",
      help: "Model tokens by model and kind (input, output)",
      labelNames: ["model", "kind"],
      registers: [registry],
    }),
    costUsd: new Counter({
      name: "proxie_llm_cost_usd_total",
      help: "Model cost in US dollars by model",
      labelNames: ["model"],
      registers: [registry],
    }),
    toolCalls: new Counter({
      name: "proxie_tool_calls_total",
      help: "Tool calls by tool and outcome",
      labelNames: ["tool", "outcome"],
      registers: [registry],
    }),
    redisUp: new Gauge({
      name: "proxie_redis_up",
      help: "1 when Redis is configured and reachable, 0 when configured and not",
      registers: [registry],
    }),
  };
  if (db) registerBusinessTotals(registry, db);
  return m;
}

function registerBusinessTotals(registry: Registry, db: Db): void {
  let cached: { at: number; rows: Record<string, number> } | undefined;
  const read = async (): Promise<Record<string, number>> => {
    if (cached && Date.now() - cached.at < BUSINESS_TTL_MS) return cached.rows;
    const { rows } = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::float8 FROM service_requests) AS requests,
              (SELECT count(*)::float8 FROM offers) AS offers,
              (SELECT count(*)::float8 FROM bookings) AS bookings,
              (SELECT count(*)::float8 FROM bookings WHERE status = 'cancelled') AS cancellations`,
    );
    cached = { at: Date.now(), rows: rows[0] ?? {} };
    return cached.rows;
  };
  const totals: [string, string, string][] = [
    ["proxie_requests_created_total", "Service requests posted", "requests"],
    ["proxie_offers_made_total", "Offers made by providers", "offers"],
    ["proxie_bookings_total", "Bookings made", "bookings"],
    ["proxie_cancellations_total", "Bookings cancelled", "cancellations"],
  ];
  for (const [name, help, column] of totals) {
    // Counters whose value is the database's total; collect() runs at scrape time.
    new Counter({
      name,
      help,
      registers: [registry],
      async collect() {
        try {
          const value = (await read())[column] ?? 0;
          this.reset();
          this.inc(value);
        } catch {
          // A database that is down shows in /readyz; the scrape itself must not fail.
        }
      },
    });
  }
}
