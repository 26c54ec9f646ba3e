import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { BENCH_DIST, REPO_ROOT, RUNNING_COMPILED } from "./report.js";

/**
 * A server run as a child process of a bench, so that the bench's clients (the load generator)
 * never share an event loop or a core's time slice accounting with the server they measure.
 */
export interface ChildServer {
  url: string;
  pid: number;
  /** The first JSON line the child printed, for children that announce themselves that way. */
  hello: Record<string, unknown>;
  /** Where the child's stderr (and, for `readyz` children, stdout) went. */
  logFile: string;
  stop(): Promise<void>;
}

/** This machine's PostgreSQL (trust auth) and Redis, as CI reaches them, when the variables are unset. */
export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export { REPO_ROOT } from "./report.js";

/** A port nobody listens on now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `script` (TypeScript, through tsx's loader) and waits until it is ready: either it prints
 * a JSON line with a `port` on stdout, or (`readyz`) `GET /readyz` on the given port answers 200.
 */
export async function startChildServer(opts: {
  script: string;
  args?: string[];
  nodeArgs?: string[];
  env?: Record<string, string>;
  ready: { kind: "hello-line" } | { kind: "readyz"; port: number };
  timeoutMs?: number;
  label: string;
}): Promise<ChildServer> {
  const logFile = join(tmpdir(), `proxie-bench-${opts.label}-${process.pid}-${Date.now()}.log`);
  const log = openSync(logFile, "w");
  const helloLine = opts.ready.kind === "hello-line";
  // A bench that runs compiled starts the compiled copy of its child; from source, the source under tsx.
  const entry = RUNNING_COMPILED
    ? [join(BENCH_DIST, opts.script.replace(/\.ts$/, ".js"))]
    : ["--import", "tsx", opts.script];
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry, ...(opts.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", helloLine ? "pipe" : log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const failed = (why: string) =>
    new Error(`${opts.label} ${why}; its log (${logFile}) ends:\n${tail(logFile)}`);

  let hello: Record<string, unknown> = {};
  let url: string;
  if (opts.ready.kind === "hello-line") {
    const lines = createInterface({ input: proc.stdout! });
    const first = await Promise.race([
      new Promise<string>((resolve) => lines.once("line", resolve)),
      exited.then(() => undefined),
      timer(timeoutMs).then(() => undefined),
    ]);
    if (!first) {
      proc.kill("SIGKILL");
      throw failed("did not announce its port");
    }
    hello = JSON.parse(first) as Record<string, unknown>;
    // Keep draining stdout so that a chatty child never blocks on a full pipe.
    lines.on("line", () => {});
    url = `http://127.0.0.1:${hello.port}`;
  } else {
    url = `http://127.0.0.1:${opts.ready.port}`;
    const deadline = Date.now() + timeoutMs;
    let up = false;
    while (!up) {
      if (proc.exitCode !== null) throw failed(`exited with ${proc.exitCode}`);
      if (Date.now() > deadline) {
        proc.kill("SIGKILL");
        throw failed(`was not ready after ${timeoutMs} ms`);
      }
      up = await fetch(`${url}/readyz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (!up) await sleep(250);
    }
  }
  return {
    url,
    pid: proc.pid!,
    hello,
    logFile,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill("SIGTERM");
      const code = await Promise.race([exited, timer(15_000).then(() => "timeout" as const)]);
      if (code === "timeout") {
        proc.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name and state.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A sleep that does not keep the process alive: for the losing side of a race with a timeout,
 * whose pending timer would otherwise hold the bench open for minutes after it finished.
 */
const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
