import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as cnpg from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1";
import * as externalSecrets from "@kubernetes-models/external-secrets/external-secrets.io/v1beta1";
import * as monitoring from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as autoscaling from "kubernetes-models/autoscaling/v2";
import * as batch from "kubernetes-models/batch/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as policy from "kubernetes-models/policy/v1";
import * as core from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../server/config.js";
import { SHUTDOWN_DEADLINE_MS } from "../server/shutdown.js";
import { ROOT } from "../test/templates.js";
import { type Manifest, OVERLAYS_DIR, podSpecs, render } from "./render.js";

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: Manifest): { validate(): void };
}

/** Every model class of the packages, by "apiVersion kind". */
const MODELS = new Map<string, ModelClass>();
for (const mod of [core, apps, batch, autoscaling, policy, networking, cnpg, externalSecrets, monitoring]) {
  for (const value of Object.values(mod)) {
    if (typeof value !== "function") continue;
    const c = value as unknown as ModelClass;
    if (c.apiVersion && c.kind) MODELS.set(`${c.apiVersion} ${c.kind}`, c);
  }
}

/**
 * The schema a manifest is checked against. External Secrets' `v1` API (served since ESO 0.16, the
 * only one from 0.17) has the same fields as `v1beta1` for everything used here, and the models
 * package ships `v1beta1`: the check uses that schema.
 */
function validate(m: Manifest): void {
  const apiVersion = m.apiVersion === "external-secrets.io/v1" ? "external-secrets.io/v1beta1" : m.apiVersion;
  const Model = MODELS.get(`${apiVersion} ${m.kind}`);
  if (!Model) throw new Error(`no schema for ${m.apiVersion} ${m.kind}`);
  new Model({ ...m, apiVersion }).validate();
}

/** Names of values that must come from a Secret (URLs of PostgreSQL and Redis carry passwords). */
const SECRET_NAME = /(_KEY|SECRET|TOKEN|PASSWORD|CREDENTIALS?)$|^(DATABASE_URL|REDIS_URL)$/;
const RENDERED = Object.fromEntries(
  ["staging", "production"].map((o) => [o, render(join(OVERLAYS_DIR, o))] as const),
);

const one = (ms: Manifest[], kind: string, name?: string) => {
  const found = ms.filter((m) => m.kind === kind && (!name || m.metadata.name === name));
  expect(found, `${kind} ${name ?? ""}`).toHaveLength(1);
  return found[0]!;
};
const workloads = (ms: Manifest[]) => ms.filter((m) => podSpecs(m).length);
const containersOf = (spec: Manifest): Manifest[] => [
  ...(spec.containers ?? []),
  ...(spec.initContainers ?? []),
];
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(Object.keys(RENDERED))("the %s overlay", (overlay) => {
  const ms = RENDERED[overlay]!;
  const deployment = one(ms, "Deployment", "proxie");
  const pod = deployment.spec.template.spec;
  const server = pod.containers.find((c: Manifest) => c.name === "server");

  it("validates every manifest against its Kubernetes (or operator) schema", () => {
    const failures: string[] = [];
    for (const m of ms) {
      try {
        validate(m);
      } catch (err) {
        failures.push(`${m.kind}/${m.metadata?.name}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ms.length).toBeGreaterThan(15);
  });

  it("probes liveness on /healthz and readiness on /readyz, on the port the image exposes", () => {
    expect(server.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(server.startupProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(server.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
    expect(server.ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
    const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
  });

  it("gives the server time to drain: preStop pause + drain deadline fit in the grace period", () => {
    const pause = Number(server.lifecycle.preStop.exec.command.at(-1));
    expect(pause).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(pause + SHUTDOWN_DEADLINE_MS / 1000 + 5);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it("runs every pod as non-root with the restricted security profile", () => {
    const ns = one(ms, "Namespace");
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    for (const w of workloads(ms)) {
      for (const spec of podSpecs(w)) {
        expect(spec.securityContext?.runAsNonRoot, w.metadata.name).toBe(true);
        expect(spec.securityContext?.seccompProfile?.type, w.metadata.name).toBe("RuntimeDefault");
        expect(spec.hostNetwork ?? false).toBe(false);
        for (const c of containersOf(spec)) {
          const where = `${w.metadata.name}/${c.name}`;
          expect(c.securityContext?.allowPrivilegeEscalation, where).toBe(false);
          expect(c.securityContext?.readOnlyRootFilesystem, where).toBe(true);
          expect(c.securityContext?.capabilities?.drop, where).toEqual(["ALL"]);
          expect(c.securityContext?.privileged ?? false, where).toBe(false);
        }
      }
    }
    expect(pod.securityContext.runAsUser).not.toBe(0);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it("sets CPU and memory requests and limits on every container", () => {
    for (const w of workloads(ms))
      for (const spec of podSpecs(w))
        for (const c of containersOf(spec))
          for (const kind of ["requests", "limits"])
            for (const resource of ["cpu", "memory"])
              expect(
                c.resources?.[kind]?.[resource],
                `${w.metadata.name}/${c.name} ${kind}.${resource}`,
              ).toBeDefined();
  });

  it("keeps V8's heap well inside the server container's memory limit", () => {
    const config = one(ms, "ConfigMap", "proxie-config");
    const heapMi = Number(/--max-old-space-size=(\d+)/.exec(config.data.NODE_OPTIONS)![1]);
    const limit = String(server.resources.limits.memory);
    const limitMi = limit.endsWith("Gi") ? Number.parseFloat(limit) * 1024 : Number.parseFloat(limit);
    expect(heapMi).toBeLessThanOrEqual(limitMi * 0.8);
    expect(heapMi).toBeGreaterThanOrEqual(limitMi * 0.5);
  });

  it("spreads replicas over zones and nodes, leaves the replica count to the autoscaler", () => {
    const keys = pod.topologySpreadConstraints.map((t: Manifest) => t.topologyKey);
    expect(keys).toEqual(expect.arrayContaining(["topology.kubernetes.io/zone", "kubernetes.io/hostname"]));
    for (const t of pod.topologySpreadConstraints)
      expect(matches(t.labelSelector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it("autoscales between sane bounds, and the disruption budget lets a node drain", () => {
    const hpa = one(ms, "HorizontalPodAutoscaler");
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "proxie" });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    const pdb = one(ms, "PodDisruptionBudget");
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
    expect(matches(pdb.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
  });

  it("routes the Service and the TLS Ingress to the server's pods", () => {
    const service = one(ms, "Service", "proxie");
    expect(matches(service.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
    expect(service.spec.ports[0].targetPort).toBe("http");
    const ingress = one(ms, "Ingress");
    const hosts = ingress.spec.rules.map((r: Manifest) => r.host);
    expect(ingress.spec.tls.flatMap((t: Manifest) => t.hosts)).toEqual(hosts);
    for (const r of ingress.spec.rules)
      for (const p of r.http.paths) expect(p.backend.service.name).toBe(service.metadata.name);
  });

  it("commits no secret: secrets come from the External Secrets Operator, referenced by name", () => {
    expect(ms.filter((m) => m.kind === "Secret")).toEqual([]);
    const config = one(ms, "ConfigMap", "proxie-config");
    for (const [k, v] of Object.entries(config.data as Record<string, string>)) {
      expect(SECRET_NAME.test(k), `ConfigMap key ${k}`).toBe(false);
      expect(v, k).not.toMatch(/:\/\/[^/\s]*:[^/\s]*@|sk-[A-Za-z0-9]{8}|-----BEGIN/);
    }
    const provided = new Set<string>();
    for (const es of ms.filter((m) => m.kind === "ExternalSecret"))
      for (const d of es.spec.data) provided.add(`${es.spec.target.name}/${d.secretKey}`);
    for (const cluster of ms.filter((m) => m.kind === "Cluster"))
      provided.add(`${cluster.metadata.name}-app/uri`);
    for (const w of workloads(ms))
      for (const spec of podSpecs(w))
        for (const c of containersOf(spec)) {
          for (const e of c.env ?? []) {
            if (e.value !== undefined)
              expect(SECRET_NAME.test(e.name), `${c.name} env ${e.name}`).toBe(false);
            const ref = e.valueFrom?.secretKeyRef;
            if (ref)
              expect(provided, `${w.metadata.name}: ${ref.name}/${ref.key}`).toContain(
                `${ref.name}/${ref.key}`,
              );
          }
          for (const from of c.envFrom ?? [])
            if (from.secretRef)
              expect([...provided].some((p) => p.startsWith(`${from.secretRef.name}/`))).toBe(true);
        }
  });

  it("configures the server with values its own config parser accepts", () => {
    const config = one(ms, "ConfigMap", "proxie-config");
    const secrets = {
      OPENAI_API_KEY: "from-secret-manager",
      CLERK_JWT_KEY: "from-secret-manager",
      REDIS_URL: "redis://proxie-redis:6379",
      DATABASE_URL: "postgresql://proxie@proxie-db-rw:5432/proxie",
    };
    const parsed = loadConfig({ ...config.data, ...secrets });
    expect(parsed).toMatchObject({
      nodeEnv: "production",
      port: 3000,
      auth: { mode: "clerk" },
      seedDemo: false,
    });
    expect(parsed.model.provider).toBe("openai");
  });

  it("migrates with the release's own image before the rollout", () => {
    const job = one(ms, "Job", "proxie-migrate");
    const [migrate] = job.spec.template.spec.containers;
    // The compiled CLI behind `npm run db:migrate`, as the server runs compiled (Dockerfile).
    expect(migrate.command).toEqual(["node", "dist/db/cli.js", "migrate"]);
    expect(migrate.image).toBe(server.image);
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    expect(scripts["db:migrate"]).toBe("tsx db/cli.ts migrate");
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
  });

  it("runs PostgreSQL with pgvector, backed up continuously and dumped nightly", () => {
    const cluster = one(ms, "Cluster", "proxie-db");
    expect(cluster.spec.imageName).toMatch(/^ghcr\.io\/cloudnative-pg\/postgresql:16\./);
    expect(cluster.spec.bootstrap.initdb.postInitApplicationSQL).toContain(
      "CREATE EXTENSION IF NOT EXISTS vector",
    );
    expect(cluster.spec.backup.barmanObjectStore.destinationPath).toMatch(/^gs:\/\//);
    expect(one(ms, "ScheduledBackup").spec.cluster.name).toBe("proxie-db");
    const dump = one(ms, "CronJob", "proxie-db-dump");
    expect(dump.spec.concurrencyPolicy).toBe("Forbid");
    if (overlay === "production") expect(cluster.spec.instances).toBeGreaterThanOrEqual(3);
  });

  it("denies all traffic by default and allows each workload only what it needs", () => {
    const policies = ms.filter((m) => m.kind === "NetworkPolicy");
    const deny = one(ms, "NetworkPolicy", "default-deny");
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const specific = policies.filter((p) => Object.keys(p.spec.podSelector).length);
    for (const w of workloads(ms)) {
      const labels = (w.spec.template ?? w.spec.jobTemplate.spec.template).metadata.labels;
      const selected = specific.filter((p) => selects(p.spec.podSelector, labels));
      expect(selected.length, `${w.kind}/${w.metadata.name} has its own network policy`).toBeGreaterThan(0);
    }
    const serverPolicy = one(ms, "NetworkPolicy", "proxie-server");
    const ingressFrom = serverPolicy.spec.ingress.flatMap((r: Manifest) => r.from);
    expect(
      ingressFrom.map((f: Manifest) => f.namespaceSelector?.matchLabels["kubernetes.io/metadata.name"]),
    ).toEqual(["ingress-nginx", "monitoring"]);
  });

  it("scrapes the server and ships its alert rules and dashboards", () => {
    const monitor = one(ms, "ServiceMonitor");
    expect(monitor.spec.endpoints).toMatchObject([{ port: "http", path: "/metrics" }]);
    one(ms, "PrometheusRule");
    const dashboards = one(ms, "ConfigMap", "proxie-dashboards");
    expect(dashboards.metadata.labels.grafana_dashboard).toBe("1");
    expect(Object.keys(dashboards.data).sort()).toEqual([
      "proxie-api.json",
      "proxie-funnel.json",
      "proxie-llm.json",
    ]);
  });
});

describe("the schema check itself", () => {
  it("refuses a manifest that breaks its schema, and a kind it has no schema for", () => {
    const deployment = one(RENDERED.production!, "Deployment", "proxie");
    expect(() => validate(deployment)).not.toThrow();
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, replicas: "two" } })).toThrow(
      /integer/,
    );
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, selector: undefined } })).toThrow(
      /selector/,
    );
    expect(() => validate({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })).toThrow(
      /no schema/,
    );
  });
});

function selects(selector: Manifest, labels: Record<string, string>): boolean {
  if (selector.matchLabels && !matches(selector.matchLabels, labels)) return false;
  for (const e of (selector.matchExpressions ?? []) as Manifest[]) {
    if (e.operator === "In" && !e.values.includes(labels[e.key])) return false;
    if (e.operator === "NotIn" && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !(e.key in labels)) return false;
  }
  return true;
}
