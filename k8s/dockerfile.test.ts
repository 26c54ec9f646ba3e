import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RUNTIME_ASSETS } from "../server/build.js";
import { ROOT } from "../test/templates.js";

/**
 * The image cannot be built here (no Docker engine on this machine): these checks read the
 * Dockerfile and .dockerignore as Docker would, and hold them to what the server needs at run time.
 */

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  base: string;
  name: string;
  steps: Instruction[];
}

function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\n/g, " ").split("\n");
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [op, ...rest] = line.split(/\s+/);
    const ins = { op: op!.toUpperCase(), args: rest.join(" ") };
    if (ins.op === "ARG" && !stages.length) {
      const [k, v = ""] = ins.args.split("=");
      args[k!] = v;
    } else if (ins.op === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args)!;
      stages.push({ base: m[1]!, name: m[2] ?? String(stages.length), steps: [] });
    } else stages.at(-1)!.steps.push(ins);
  }
  return { args, stages };
}

/** .dockerignore as Docker reads it: the last matching pattern wins; a directory's rule covers its files. */
function dockerIgnored(patterns: string[], path: string): boolean {
  const rules = patterns
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith("#"))
    .map((p) => {
      const negate = p.startsWith("!");
      const glob = (negate ? p.slice(1) : p).replace(/\/$/, "");
      const source = glob
        .split("**")
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, "[^/]*")
            .replace(/\?/g, "[^/]"),
        )
        .join(".*");
      return { negate, re: new RegExp(`^${source.replace(/^\.\*\//, "(.*/)?")}$`) };
    });
  const parts = path.split("/");
  let ignored = false;
  for (const rule of rules)
    for (let i = 1; i <= parts.length; i++)
      if (rule.re.test(parts.slice(0, i).join("/"))) {
        ignored = !rule.negate;
        break;
      }
  return ignored;
}

/** Every file a module imports (relative imports, static and dynamic), transitively. */
function importGraph(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = entries.map((e) => resolve(ROOT, e));
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts"));
      if (existsSync(target)) todo.push(target);
    }
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

function filesUnder(dir: string): string[] {
  const abs = join(ROOT, dir);
  return statSync(abs).isDirectory()
    ? readdirSync(abs).flatMap((name) => filesUnder(join(dir, name)))
    : [dir];
}

const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
const { args, stages } = parseDockerfile(dockerfile);
const runtime = stages.at(-1)!;
const steps = (s: Stage, op: string) => s.steps.filter((i) => i.op === op).map((i) => i.args);
const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<
  string,
  string
>;

describe("the container image (Dockerfile, not built here: no Docker engine)", () => {
  it("builds in stages on a pinned Node 20 base and ends in a runtime stage", () => {
    expect(stages.map((s) => s.name)).toEqual(["deps", "build", "ui", "prod-deps", "runtime"]);
    expect(args.NODE_IMAGE).toMatch(/^node:20(\.\d+)*-[a-z]+-slim$/);
    for (const s of stages) expect(s.base).not.toMatch(/:latest$/);
  });

  it("runs as a non-root user, exposes 3000, checks /healthz and starts node on the compiled server", () => {
    const user = steps(runtime, "USER");
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(steps(runtime, "EXPOSE")).toEqual(["3000"]);
    expect(steps(runtime, "HEALTHCHECK")[0]).toContain("/healthz");
    // Exec form, node as PID 1: SIGTERM reaches the server's drain (no npm or shell in between).
    expect(JSON.parse(steps(runtime, "CMD")[0]!)).toEqual(["node", "dist/server/main.js"]);
    expect(scripts["start:dist"]).toBe("node dist/server/main.js");
    // Nothing in the image loads TypeScript at run time: tsx is for development and the build stage.
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.dependencies.tsx).toBeUndefined();
    expect(manifest.devDependencies.tsx).toBeDefined();
  });

  it("compiles the server in its own stage and ships only its output", () => {
    const build = stages.find((s) => s.name === "build")!;
    expect(build.base).toBe("deps");
    expect(steps(build, "RUN")).toEqual(["npm run build:server"]);
    expect(scripts["build:server"]).toBe("tsx server/build.ts");
    const copies = steps(runtime, "COPY");
    expect(copies).toContain("--from=build /app/dist ./dist");
    // No sources in the runtime stage: what it runs is dist/.
    expect(copies.filter((c) => !c.startsWith("--from"))).toEqual(["package.json package-lock.json ./"]);
  });

  it("ships production dependencies only, and the web app built in its own stage", () => {
    const copies = steps(runtime, "COPY");
    const modules = copies.find((c) => c.includes("node_modules"))!;
    const from = /--from=(\S+)/.exec(modules)![1]!;
    const prodStage = stages.find((s) => s.name === from)!;
    expect(steps(prodStage, "RUN").join(" ")).toMatch(/npm ci --omit=dev/);
    const ui = copies.find((c) => c.includes("ui/dist"))!;
    const uiStage = stages.find((s) => s.name === /--from=(\S+)/.exec(ui)![1])!;
    expect(steps(uiStage, "RUN")).toContain("npm run build:ui");
    expect(scripts["build:ui"]).toBeDefined();
    expect(scripts["db:migrate"]).toBeDefined();
  });

  it("copies only files that exist and that .dockerignore lets into the build context", () => {
    for (const s of stages)
      for (const c of steps(s, "COPY").filter((c) => !c.startsWith("--from"))) {
        const sources = c
          .split(/\s+/)
          .filter((t) => !t.startsWith("--"))
          .slice(0, -1);
        for (const src of sources) {
          expect(existsSync(join(ROOT, src)), `${src} exists`).toBe(true);
          expect(dockerIgnored(ignore, src), `${src} is in the build context`).toBe(false);
        }
      }
  });

  it("compiles everything the server and the migration command load, and none of the local clutter", () => {
    const copied = steps(stages.find((s) => s.name === "build")!, "COPY")
      .filter((c) => !c.startsWith("--from"))
      .flatMap((c) => c.split(/\s+/).slice(0, -1));
    const needed = importGraph(["server/main.ts", "db/cli.ts"]);
    for (const file of needed) {
      const top = file.split("/")[0]!;
      expect(copied, `${file}: its folder is copied`).toContain(top);
      expect(dockerIgnored(ignore, file), `${file} is in the build context`).toBe(false);
    }
    // Read at run time, not imported: migrations and the offline model's data, copied into dist/.
    expect(RUNTIME_ASSETS).toEqual(expect.arrayContaining(["db/migrations", "models/offline/data"]));
    for (const file of RUNTIME_ASSETS.flatMap(filesUnder)) {
      expect(copied, `${file}: its folder is copied`).toContain(file.split("/")[0]);
      expect(dockerIgnored(ignore, file), file).toBe(false);
    }
    for (const clutter of [
      "node_modules/x",
      ".env",
      ".data/pglite",
      ".git/HEAD",
      "evals/out/run/report.html",
      "scratch/a.ts",
      "ui/dist/index.html",
      "server/app.test.ts",
    ])
      expect(dockerIgnored(ignore, clutter), clutter).toBe(true);
  });
});
