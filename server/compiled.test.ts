import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { createParser } from "eventsource-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkKeys, type Replica, startReplica } from "../test/replica.js";
import { ROOT } from "../test/templates.js";
import { buildServer, RUNTIME_ASSETS } from "./build.js";

/**
 * The server as the image runs it: compiled by `npm run build:server` and started with plain
 * `node`, no TypeScript loader, on the embedded database with the offline model. What only the
 * compiled layout can break is checked here: the files modules read at run time (migrations, the
 * offline model's vectors and weights) found beside the compiled modules.
 */
describe("the compiled server (dist/, as the image runs it)", () => {
  const out = join(ROOT, ".data", `dist-test-${process.pid}`);
  const keys = clerkKeys();
  let replica: Replica;

  beforeAll(async () => {
    buildServer({ outDir: out });
    replica = await startReplica(
      "compiled",
      { PGLITE_DIR: "memory://", SEED_DEMO: "true", CLERK_JWT_KEY: keys.publicKeyPem },
      [join(relative(ROOT, out), "server", "main.js")],
    );
  }, 180_000); // a build and a process start on a busy machine
  afterAll(() => {
    replica?.kill("SIGKILL");
    rmSync(out, { recursive: true, force: true });
  });

  it("holds the compiled modules and the files they read at run time", () => {
    for (const file of ["server/main.js", "db/cli.js", ...RUNTIME_ASSETS])
      expect(existsSync(join(out, file)), file).toBe(true);
  });

  it("migrates, seeds and answers a chat turn with the offline model", async () => {
    const ready = await fetch(`${replica.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: { database: { ok: true, details: { vector: true } }, model: { ok: true } },
    });
    const res = await fetch(`${replica.url}/v1/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await keys.sign("compiled-consumer")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ message: "I need a fade tomorrow after 5 near 78704" }),
    });
    expect(res.status).toBe(200);
    const events: { event: string; data: Record<string, unknown> }[] = [];
    const parser = createParser({
      onEvent: (e) => events.push({ event: e.event ?? "message", data: JSON.parse(e.data) }),
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
      parser.feed(decoder.decode(chunk, { stream: true }));
    expect(events.at(-1)?.event).toBe("done");
    const search = events.find((e) => e.event === "tool_result" && e.data.name === "search_providers");
    expect(search?.data.ok).toBe(true);
    expect(events.find((e) => e.event === "agent")?.data.name).toBe("haircut");
  });

  it("runs the migration command the Kubernetes job runs", () => {
    const printed = execFileSync(process.execPath, [join(out, "db", "cli.js"), "migrate"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PGLITE_DIR: "memory://" },
      encoding: "utf8",
    });
    expect(printed).toMatch(/^applied: 001/m);
    expect(printed).toContain("vector search: yes");
  });
});
