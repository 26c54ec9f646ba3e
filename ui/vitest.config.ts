import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The web app's tests: unit tests beside the code, and end-to-end tests in a real Chromium against
 * a real server (ui/e2e). Run by `npm test` after the server's suite (`npm run test:ui`), alone,
 * since a browser and a seeded server are already two busy processes on a two-core machine.
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["ui/**/*.test.ts"],
    exclude: ["**/node_modules/**", "ui/dist/**"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
