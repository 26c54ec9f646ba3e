import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyTemplate, sweepStaleCopies } from "./template.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("trial copies of the eval template", () => {
  it("are not swept as stale while in use, however old the template is", async () => {
    const root = mkdtempSync(join(tmpdir(), "template-test-"));
    dirs.push(root);
    const template = join(root, "template");
    mkdirSync(template);
    writeFileSync(join(template, "PG_VERSION"), "18\n");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(template, twoHoursAgo, twoHoursAgo);
    const scratch = join(root, "scratch");
    mkdirSync(scratch);

    const copy = await copyTemplate({ dir: template }, scratch);
    expect(sweepStaleCopies(scratch)).toBe(0);
    expect(existsSync(join(copy.dir, "PG_VERSION"))).toBe(true);

    // A copy left behind for longer than any trial lasts is swept.
    utimesSync(copy.dir, twoHoursAgo, twoHoursAgo);
    expect(sweepStaleCopies(scratch)).toBe(1);
    expect(existsSync(copy.dir)).toBe(false);
  });
});
