import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../test/templates.js";
import type { Manifest } from "./render.js";

const DIR = join(ROOT, ".github", "workflows");
const read = (file: string) => readFileSync(join(DIR, file), "utf8");
const workflow = (file: string) => parse(read(file)) as Manifest;
const steps = (job: Manifest) => job.steps as Manifest[];
const runOf = (job: Manifest) =>
  steps(job)
    .map((s) => (s.run as string | undefined) ?? "")
    .join("\n");

/** `${{ secrets.X }}` and `${{ vars.X }}` a workflow names. */
const references = (text: string, kind: "secrets" | "vars") =>
  [...new Set([...text.matchAll(new RegExp(`\\b${kind}\\.([A-Z0-9_]+)`, "g"))].map((m) => m[1]!))].sort();

describe("GitHub workflows", () => {
  it("parse, pin every action to a version, and ask for no more than read access by default", () => {
    for (const file of readdirSync(DIR)) {
      const w = workflow(file);
      expect(w.name, file).toBeTruthy();
      expect(Object.keys(w.jobs).length, file).toBeGreaterThan(0);
      if (file !== "ci.yml") expect(w.permissions, file).toEqual({ contents: "read" });
      for (const job of Object.values(w.jobs as Record<string, Manifest>))
        for (const s of steps(job))
          if (s.uses) expect(s.uses, `${file}: ${s.uses}`).toMatch(/@(v\d+(\.\d+)*|[0-9a-f]{40})$/);
    }
  });

  it("test on Node 20 and the current LTS in CI", () => {
    const ci = workflow("ci.yml");
    expect(ci.jobs.test.strategy.matrix.node).toEqual(["20", "lts/*"]);
    expect(runOf(ci.jobs.test)).toContain("npm test");
  });

  it("deliver after CI passes on main: image, then migration, then rollout, behind the production environment", () => {
    const cd = workflow("cd.yml");
    expect(cd.on.workflow_run).toEqual({ workflows: ["CI"], types: ["completed"], branches: ["main"] });
    expect(cd.jobs.image.if).toContain("github.event.workflow_run.conclusion == 'success'");
    // Not a fork's pull request whose branch happens to be called main.
    expect(cd.jobs.image.if).toContain("github.event.workflow_run.event == 'push'");
    expect(cd.jobs.image.if).toContain(
      "github.event.workflow_run.head_repository.full_name == github.repository",
    );
    expect(cd.jobs.image.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(steps(cd.jobs.image).find((s) => s.id === "build")).toMatchObject({
      uses: expect.stringMatching(/^docker\/build-push-action@/),
      with: { push: true, context: "." },
    });

    const deploy = cd.jobs.deploy;
    expect(deploy.needs).toBe("image");
    expect(deploy.environment.name).toBe("production");
    expect(deploy.permissions).toEqual({ contents: "read", "id-token": "write" });
    const run = runOf(deploy);
    const order = [
      "kustomize edit set image",
      "kustomize build",
      "delete job proxie-migrate",
      "--selector 'app.kubernetes.io/component!=server'",
      "Complete=True",
      'kubectl apply -f "$RUNNER_TEMP/production.yaml"\n',
      "rollout status deployment/proxie",
    ].map((s) => run.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps(deploy).find((s) => s["working-directory"])?.["working-directory"]).toBe(
      "k8s/overlays/production",
    );
    // Cloud access by federation: no long-lived key anywhere.
    expect(references(read("cd.yml"), "secrets")).toEqual([]);
    expect(references(read("cd.yml"), "vars")).toEqual([
      "GCP_DEPLOY_SERVICE_ACCOUNT",
      "GCP_PROJECT",
      "GCP_REGION",
      "GCP_WORKLOAD_IDENTITY_PROVIDER",
      "GKE_CLUSTER",
      "GKE_LOCATION",
    ]);
  });

  it("run the live eval nightly with the model key from secrets and keep its report", () => {
    const nightly = workflow("nightly-eval.yml");
    expect(nightly.on.schedule).toEqual([{ cron: expect.stringMatching(/^(\S+\s){4}\S+$/) }]);
    const job = nightly.jobs.eval;
    expect(job.environment).toBe("evals");
    const evalStep = steps(job).find((s) => s.run === "npm run eval -- --model openai")!;
    // A GitHub expression, not a JavaScript template.
    expect(evalStep.env).toEqual({ OPENAI_API_KEY: ["$", "{{ secrets.OPENAI_API_KEY }}"].join("") });
    const upload = steps(job).find((s) => String(s.uses).startsWith("actions/upload-artifact@"))!;
    expect(upload.if).toBe("always()");
    expect(upload.with.path).toBe("evals/out/");
    expect(references(read("nightly-eval.yml"), "secrets")).toEqual(["OPENAI_API_KEY"]);
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.eval, "package.json has an eval script").toBeDefined();
  });

  it("name in k8s/README.md every secret and variable the workflows need", () => {
    const readme = readFileSync(join(ROOT, "k8s", "README.md"), "utf8");
    for (const file of readdirSync(DIR))
      for (const name of [...references(read(file), "secrets"), ...references(read(file), "vars")])
        expect(readme, `${file}: ${name}`).toContain(`\`${name}\``);
  });
});
