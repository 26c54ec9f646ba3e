import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LineBatch } from "./log-destination.js";

const file = () => join(mkdtempSync(join(tmpdir(), "proxie-log-")), "out.log");
const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);
const flushed = (batch: LineBatch) =>
  new Promise<void>((resolve, reject) => batch.flush((err) => (err ? reject(err) : resolve())));

describe("the batched log destination", () => {
  it("holds lines until a batch is full, then writes them in order", async () => {
    const path = file();
    const batch = new LineBatch(path, { batchChars: 64, flushMs: 60_000 });
    const log = pino({ base: undefined }, batch);
    log.info("one");
    expect(readFileSync(path, "utf8")).toBe("");
    for (const n of ["two", "three", "four"]) log.info(n);
    expect(lines(path).map((l) => JSON.parse(l).msg)).toEqual(["one", "two", "three", "four"]);
    log.info("five");
    await flushed(batch);
    expect(lines(path).map((l) => JSON.parse(l).msg)).toEqual(["one", "two", "three", "four", "five"]);
  });

  it("writes what it holds within its flush interval", async () => {
    const path = file();
    const batch = new LineBatch(path, { batchChars: 1 << 20, flushMs: 50 });
    pino({ base: undefined }, batch).info("quiet server");
    await new Promise((r) => setTimeout(r, 300));
    expect(lines(path).map((l) => JSON.parse(l).msg)).toEqual(["quiet server"]);
  });

  it("writes every line a process logged before it exits", () => {
    const path = file();
    const module = fileURLToPath(new URL("./log-destination.ts", import.meta.url));
    const script = `
      import { openSync } from "node:fs";
      import pino from "pino";
      import { LineBatch } from ${JSON.stringify(module)};
      const log = pino({ base: undefined }, new LineBatch(openSync(${JSON.stringify(path)}, "w"), { flushMs: 60_000 }));
      for (let i = 0; i < 500; i++) log.info({ i }, "line");
      process.exit(0);
    `;
    execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { PATH: process.env.PATH },
      stdio: "ignore",
      timeout: 20_000,
    });
    expect(lines(path).map((l) => JSON.parse(l).i)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
