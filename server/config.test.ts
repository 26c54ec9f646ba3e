import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("defaults to the embedded mode: PGlite, offline model, dev auth, demo data", () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: "pglite", dir: ".data/pglite" });
    expect(c.model.provider).toBe("offline");
    expect(c.auth.mode).toBe("dev");
    expect(c.seedDemo).toBe(true);
    expect(c.port).toBe(3000);
  });

  it("uses PostgreSQL and Clerk when configured, without demo data unless asked", () => {
    const c = loadConfig({
      DATABASE_URL: "postgres://u:p@db:5432/proxie",
      CLERK_SECRET_KEY: "sk_test_x",
      NODE_ENV: "production",
    });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u:p@db:5432/proxie" });
    expect(c.auth.mode).toBe("clerk");
    expect(c.seedDemo).toBe(false);
  });

  it("names every bad variable and what it expects, without echoing secrets", () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        MODEL_PROVIDER: "gpt",
        DATABASE_URL: "mysql://x",
        OPENAI_BASE_URL: "nope",
        RATE_LIMIT_PER_MINUTE: "-1",
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join("\n");
    for (const name of ["PORT", "MODEL_PROVIDER", "DATABASE_URL", "OPENAI_BASE_URL", "RATE_LIMIT_PER_MINUTE"])
      expect(problems).toContain(name);
    expect(problems).toContain("postgres://");
  });

  it("refuses dev auth in production and openai without a key", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/dev tokens are refused/);
    expect(() => loadConfig({ MODEL_PROVIDER: "openai" })).toThrow(/OPENAI_API_KEY/);
    expect(() => loadConfig({ AUTH_MODE: "clerk" })).toThrow(/CLERK_JWT_KEY/);
  });
});
