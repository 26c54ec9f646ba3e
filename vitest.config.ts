import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", ".data/**", "ui/**", "scratch/**"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are WASM heaps of ~100 MB each; two workers fit two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
