import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/app.js";
import { openTestDb, type TestDb } from "../../test/db.js";
import { uiRoutes } from "./ui.js";

function write(path: string, body: string, mtime?: Date) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, body);
  if (mtime) utimesSync(path, mtime, mtime);
}

describe("web app and eval report routes", () => {
  let root: string;
  let dist: string;
  let evals: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "proxie-ui-route-"));
    dist = join(root, "dist");
    evals = join(root, "evals");
    write(join(dist, "index.html"), "<!doctype html><title>Proxie</title>");
    write(join(dist, "assets", "index-abc123.js"), "console.log(1)");
    write(join(root, "secret.txt"), "not for the web");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const app = (over: Partial<Parameters<typeof uiRoutes>[0]> = {}) =>
    uiRoutes({ authMode: "dev", distDir: dist, evalsDir: evals, ...over });

  it("serves the app at / (always revalidated) and its hashed assets (cached for good)", async () => {
    const page = await app().request("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain("<title>Proxie</title>");
    const asset = await app().request("/assets/index-abc123.js");
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await app().request("/assets/nope.js")).status).toBe(404);
  });

  it("says how to build the app when it is not built", async () => {
    const res = await app({ distDir: join(root, "missing") }).request("/");
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("npm run build:ui");
  });

  it("tells the app which sign-in to show", async () => {
    expect(await (await app().request("/ui/config.json")).json()).toEqual({
      authMode: "dev",
      clerkPublishableKey: null,
    });
    const clerk = app({ authMode: "clerk", clerkPublishableKey: "pk_test_x" });
    expect(await (await clerk.request("/ui/config.json")).json()).toEqual({
      authMode: "clerk",
      clerkPublishableKey: "pk_test_x",
    });
  });

  it("answers 404 with a page that says so when no eval run has a report", async () => {
    const res = await app().request("/evals/latest/report.html");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("No eval report yet");
    expect((await app().request("/evals/latest.json")).status).toBe(404);
  });

  it("serves the newest eval run's report, read-only", async () => {
    write(join(evals, "run-a", "report.html"), "report A", new Date("2026-11-01T00:00:00Z"));
    write(join(evals, "run-b", "report.html"), "report B", new Date("2026-11-02T00:00:00Z"));
    write(join(evals, "run-b", "plots", "success.svg"), "<svg/>");
    expect(await (await app().request("/evals/latest/report.html")).text()).toBe("report B");
    const plot = await app().request("/evals/latest/plots/success.svg");
    expect(plot.headers.get("content-type")).toBe("image/svg+xml");
    expect(await (await app().request("/evals/latest.json")).json()).toMatchObject({
      run: "run-b",
      reportUrl: "/evals/latest/report.html",
    });
    expect((await app().request("/evals/latest/")).headers.get("location")).toBe("/evals/latest/report.html");
    expect((await app().request("/evals/latest/report.html", { method: "POST" })).status).toBe(404);
  });

  it("prefers evals/out/latest when the runner links it", async () => {
    symlinkSync(join(evals, "run-a"), join(evals, "latest"));
    expect(await (await app().request("/evals/latest/report.html")).text()).toBe("report A");
    rmSync(join(evals, "latest"));
  });

  it("never serves a file outside the run folder", async () => {
    for (const path of [
      "/evals/latest/../../secret.txt",
      "/evals/latest/%2e%2e/%2e%2e/secret.txt",
      "/evals/latest/..%2f..%2fsecret.txt",
      "/assets/..%2fsecret.txt",
    ]) {
      const res = await app().request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain("not for the web");
    }
  });

  describe("mounted in the app", () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb();
    });
    afterAll(async () => {
      await db?.close();
    });

    it("leaves the API, its 404s and the operations routes as they were", async () => {
      const t = createTestApp(db);
      expect([200, 503]).toContain((await t.app.request("/")).status);
      expect((await t.call("GET", "/v1/nowhere")).body.error.code).toBe("unauthorized");
      const missing = await t.call("GET", "/nowhere");
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("not_found");
      expect((await t.call("GET", "/healthz")).status).toBe(200);
      expect((await t.call("GET", "/openapi.json")).body.openapi).toBe("3.1.0");
      expect((await t.app.request("/docs")).status).toBe(200);
      expect((await t.app.request("/metrics")).status).toBe(200);
      expect(await (await t.app.request("/ui/config.json")).json()).toMatchObject({ authMode: "dev" });
    });
  });
});
