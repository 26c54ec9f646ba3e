import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_DIST } from "./report.js";

/**
 * Reads the V8 CPU profile a `--cpu-prof` child wrote and tells where its time went: self time by
 * function and by owner (an npm package, a file of this repo, or Node itself).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; owner: string; ms: number; share: number }[];
  byOwner: { owner: string; ms: number; share: number }[];
}

/** A module's path in the repository, the same for its source and its compiled copy in BENCH_DIST. */
function repoPath(url: string): string {
  return url.replace(/^.*\/main\//, "").replace(`${BENCH_DIST}/`, "");
}

export function ownerOf(url: string): string {
  if (!url) return "(V8: GC, idle, native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node (core)";
  const repo = url.indexOf("/work/");
  if (repo >= 0 || url.startsWith("file://")) return repoPath(url);
  return url;
}

export function summariseProfile(dir: string, top = 25): ProfileSummary {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const fns = new Map<string, { name: string; owner: string; ms: number }>();
  const owners = new Map<string, number>();
  let total = 0;
  for (const [id, msSelf] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || "(anonymous)";
    if (name === "(idle)") continue;
    total += msSelf;
    const owner = ["(garbage collector)", "(program)"].includes(name)
      ? "(V8: GC, idle, native)"
      : ownerOf(n.callFrame.url);
    const key = `${name}@${n.callFrame.url}:${n.callFrame.lineNumber}`;
    const f = fns.get(key) ?? {
      name: `${name} ${shortUrl(n.callFrame.url, n.callFrame.lineNumber)}`,
      owner,
      ms: 0,
    };
    f.ms += msSelf;
    fns.set(key, f);
    owners.set(owner, (owners.get(owner) ?? 0) + msSelf);
  }
  const share = (x: number) => x / total;
  return {
    totalMs: total,
    byFunction: [...fns.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((f) => ({ ...f, share: share(f.ms) })),
    byOwner: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([owner, ms]) => ({ owner, ms, share: share(ms) })),
  };
}

function shortUrl(url: string, line: number): string {
  if (!url) return "";
  const nm = url.lastIndexOf("node_modules/");
  const s = nm >= 0 ? url.slice(nm + "node_modules/".length) : repoPath(url);
  return `(${s}:${line + 1})`;
}
