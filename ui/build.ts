import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The web app's folder; its build goes to `dist/` beside this file. */
export const UI_DIR = dirname(fileURLToPath(import.meta.url));
export const UI_DIST = join(UI_DIR, "dist");
const STAMP = ".build-stamp";
/** What the bundle is made of: the sources, the build config, and the installed versions. */
const INPUTS = ["index.html", "vite.config.ts", "tsconfig.json", "src", "public"];
const PACKAGES = ["vite", "@vitejs/plugin-react", "react", "react-dom", "socket.io-client", "@clerk/react"];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name.endsWith(".test.ts") ? [] : files(join(path, name))));
}

function installedVersion(name: string): string {
  const manifest = join(UI_DIR, "..", "node_modules", name, "package.json");
  return existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version
    : "-";
}

/** A hash of everything the bundle depends on: equal stamps mean the existing build is current. */
export function sourceStamp(): string {
  // The version of this build recipe: bump it when a change here changes the bundle.
  const hash = createHash("sha256").update("recipe 2\n");
  for (const file of INPUTS.flatMap((p) => files(join(UI_DIR, p)))) {
    hash.update(relative(UI_DIR, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  for (const name of PACKAGES) hash.update(`${name}@${installedVersion(name)}\n`);
  return hash.digest("hex");
}

export function isBuildCurrent(): boolean {
  const stampFile = join(UI_DIST, STAMP);
  return existsSync(join(UI_DIST, "index.html")) && existsSync(stampFile)
    ? readFileSync(stampFile, "utf8") === sourceStamp()
    : false;
}

/**
 * Builds the web app into ui/dist unless the build there is already current. Built aside and renamed
 * into place, so that a server reading ui/dist (or a second build started at the same time) never
 * sees half a bundle. Without Vite installed (a production install without dev dependencies) an
 * existing build is kept and a missing one is reported, not fatal: the API works without the UI.
 */
export async function buildUi({
  force = false,
  log = (line: string) => console.log(line),
}: {
  force?: boolean;
  log?: (line: string) => void;
} = {}): Promise<"current" | "built" | "unavailable"> {
  if (!force && isBuildCurrent()) {
    log("web app: ui/dist is up to date");
    return "current";
  }
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    log(
      existsSync(join(UI_DIST, "index.html"))
        ? "web app: Vite is not installed; serving the existing ui/dist"
        : "web app: Vite is not installed, so the UI is not built (install dev dependencies, then npm run build:ui)",
    );
    return "unavailable";
  }
  const stamp = sourceStamp();
  const t0 = performance.now();
  const outDir = join(UI_DIR, `dist.building-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  // Vite builds for whatever NODE_ENV says, and a test runner says "test": React's development
  // build would be served. The bundle is always the production one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await vite.build({
      configFile: join(UI_DIR, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
    writeFileSync(join(outDir, STAMP), stamp);
    rmSync(UI_DIST, { recursive: true, force: true });
    try {
      renameSync(outDir, UI_DIST);
    } catch (err) {
      // A build started at the same time got there first; theirs is as good as ours.
      if (!isBuildCurrent()) throw err;
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
  log(`web app: built ui/dist in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return "built";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildUi({ force: process.argv.includes("--force") }).catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
