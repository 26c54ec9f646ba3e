import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Db } from "../db/pool.js";
import { registerJobMetrics } from "../jobs/metrics.js";
import { createMetrics } from "../server/metrics.js";
import { type Manifest, readDocs } from "./render.js";

const DIR = join(import.meta.dirname, "observability");

/** The metric names a server exports: its registry as server/compose.ts builds it (app + jobs). */
async function exportedNames(): Promise<Set<string>> {
  const db = { query: async () => ({ rows: [{}], rowCount: 1 }) } as unknown as Db;
  const metrics = createMetrics({ db });
  registerJobMetrics(metrics.registry);
  const names = new Set<string>();
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === "histogram")
      for (const s of ["_bucket", "_sum", "_count"]) names.add(`${m.name}${s}`);
  }
  return names;
}

/** Series Prometheus makes itself, not the server. */
const PROMETHEUS_OWN = new Set(["up"]);

const PROMQL_WORDS = new Set(
  (
    "sum avg min max count stddev stdvar topk bottomk quantile count_values group by without on ignoring " +
    "group_left group_right bool and or unless offset rate irate increase delta idelta deriv histogram_quantile " +
    "clamp clamp_min clamp_max abs ceil floor round exp ln log2 log10 sqrt absent absent_over_time vector scalar " +
    "time timestamp label_replace label_join sort sort_desc avg_over_time min_over_time max_over_time " +
    "sum_over_time count_over_time last_over_time changes resets predict_linear humanize"
  ).split(" "),
);

/** The metric names a PromQL expression reads (strings, label matchers, groupings and ranges aside). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, "")
    .replace(/\{[^}]*\}/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\$\w+/g, "");
  const names = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [
    ...new Set(names.filter((n) => !PROMQL_WORDS.has(n) && !/^\d/.test(n) && !/^(e|inf|nan)$/i.test(n))),
  ];
}

function dashboardExprs(): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const file of readdirSync(join(DIR, "dashboards"))) {
    const d = JSON.parse(readFileSync(join(DIR, "dashboards", file), "utf8")) as Manifest;
    for (const p of d.panels as Manifest[])
      for (const t of p.targets as Manifest[]) out.push({ where: `${file}: ${p.title}`, expr: t.expr });
  }
  return out;
}

function ruleExprs(): { where: string; expr: string; rule: Manifest }[] {
  const [rules] = readDocs(join(DIR, "prometheus-rules.yaml"));
  return (rules!.spec.groups as Manifest[]).flatMap((g) =>
    (g.rules as Manifest[]).map((r) => ({ where: r.alert as string, expr: r.expr as string, rule: r })),
  );
}

describe("dashboards and alerts", () => {
  it("reads metric names out of PromQL", () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, route) (rate(proxie_http_request_duration_seconds_bucket{route!="/v1/chat"}[$__rate_interval]))) > 1',
      ),
    ).toEqual(["proxie_http_request_duration_seconds_bucket"]);
    expect(metricNames('sum(up{job="proxie"}) == 0 and min(proxie_redis_up) < 1')).toEqual([
      "up",
      "proxie_redis_up",
    ]);
  });

  it("use only metrics the server exports", async () => {
    const exported = await exportedNames();
    const unknown: string[] = [];
    for (const { where, expr } of [...dashboardExprs(), ...ruleExprs()])
      for (const name of metricNames(expr))
        if (!exported.has(name) && !PROMETHEUS_OWN.has(name)) unknown.push(`${where}: ${name}`);
    expect(unknown).toEqual([]);
  });

  it("cover API latency and errors, LLM tokens and cost by model, and the business funnel", async () => {
    const text = (file: string) => readFileSync(join(DIR, "dashboards", file), "utf8");
    const api = dashboardExprs().filter((e) => e.where.startsWith("proxie-api.json"));
    expect(api.some((e) => /histogram_quantile\(0\.95/.test(e.expr))).toBe(true);
    expect(api.some((e) => /status=~"5\.\."/.test(e.expr))).toBe(true);
    expect(text("proxie-llm.json")).toMatch(/sum by \(model, kind\) \(rate\(proxie_llm_tokens_total/);
    expect(text("proxie-llm.json")).toMatch(/sum by \(model\) \(increase\(proxie_llm_cost_usd_total/);
    for (const m of ["requests_created", "offers_made", "bookings", "cancellations"])
      expect(text("proxie-funnel.json")).toContain(`max(increase(proxie_${m}_total`);
    // Business totals are the database's, reported alike by every replica: never summed.
    for (const { expr } of dashboardExprs())
      expect(expr).not.toMatch(
        /sum[^(]*\(\s*(increase\()?proxie_(requests_created|offers_made|bookings|cancellations)_total/,
      );
  });

  it("alert on error rate, model failures, latency and budget burn, each with a severity and a summary", () => {
    const rules = ruleExprs();
    const names = rules.map((r) => r.where);
    expect(names).toEqual(
      expect.arrayContaining([
        "ProxieHighErrorRate",
        "ProxieModelFailures",
        "ProxieHighLatency",
        "ProxieBudgetFastBurn",
        "ProxieBudgetSlowBurn",
        "ProxieRedisDown",
        "ProxieJobsFailing",
      ]),
    );
    for (const { rule } of rules) {
      expect(["critical", "warning"]).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toBeTruthy();
      expect(rule.for).toMatch(/^\d+[smh]$/);
    }
  });

  it("every dashboard has a unique uid and a datasource variable", () => {
    const uids = readdirSync(join(DIR, "dashboards")).map((f) => {
      const d = JSON.parse(readFileSync(join(DIR, "dashboards", f), "utf8")) as Manifest;
      expect(d.templating.list.map((v: Manifest) => v.name)).toContain("datasource");
      const ids = (d.panels as Manifest[]).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      return d.uid;
    });
    expect(new Set(uids).size).toBe(uids.length);
  });
});
