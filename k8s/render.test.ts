import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { type Manifest, merge, OVERLAYS_DIR, render } from "./render.js";

const key = (m: Manifest) => `${m.apiVersion} ${m.kind} ${m.metadata?.namespace ?? "-"}/${m.metadata?.name}`;
const byKey = (ms: Manifest[]) => Object.fromEntries(ms.map((m) => [key(m), m]));

function kubectlKustomize(dir: string): Manifest[] | undefined {
  try {
    const out = execFileSync("kubectl", ["kustomize", dir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return parseAllDocuments(out).map((d) => d.toJS() as Manifest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

const overlays = readdirSync(OVERLAYS_DIR);
const hasKubectl = kubectlKustomize(join(OVERLAYS_DIR, overlays[0]!)) !== undefined;

describe("the kustomize renderer", () => {
  it("finds the staging and production overlays", () => {
    expect(overlays.sort()).toEqual(["production", "staging"]);
  });

  for (const overlay of overlays) {
    (hasKubectl ? it : it.skip)(
      `renders ${overlay} exactly as kubectl kustomize does${hasKubectl ? "" : " (skipped: kubectl is not installed)"}`,
      () => {
        const dir = join(OVERLAYS_DIR, overlay);
        const ours = byKey(render(dir));
        const theirs = byKey(kubectlKustomize(dir)!);
        expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
        for (const k of Object.keys(theirs)) expect(ours[k], k).toEqual(theirs[k]);
      },
    );
  }

  it("merges containers by name and replaces plain lists, as a strategic merge does", () => {
    const target = {
      spec: {
        containers: [
          { name: "a", image: "x", resources: { limits: { cpu: "1" } } },
          { name: "b", image: "y" },
        ],
        tls: [{ hosts: ["old"] }],
      },
    };
    const patch = {
      spec: {
        containers: [{ name: "a", resources: { limits: { memory: "1Gi" } } }],
        tls: [{ hosts: ["new"] }],
      },
    };
    expect(merge(target, patch, true)).toEqual({
      spec: {
        containers: [
          { name: "a", image: "x", resources: { limits: { cpu: "1", memory: "1Gi" } } },
          { name: "b", image: "y" },
        ],
        tls: [{ hosts: ["new"] }],
      },
    });
    // Custom resources have no merge keys: their lists are replaced.
    expect(merge({ data: [{ name: "a" }, { name: "b" }] }, { data: [{ name: "c" }] }, false)).toEqual({
      data: [{ name: "c" }],
    });
  });
});
