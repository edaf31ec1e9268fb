import { defineConfig } from "vitest/config";

/**
 * Test projects:
 * - unit: pure domain code, no I/O.
 * - api: Hono apps against a real libSQL file per test file (Node host).
 * - edge: the built worker bundles inside workerd (Miniflare).
 * - browser: the built SPA in Debian chromium via playwright-core.
 * - reliability: lost responses, replays, crashes, auth matrix, fuzzing.
 */
export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "api", include: ["test/api/**/*.test.ts", "test/hrana/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "edge",
          include: ["test/edge/**/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts", "test/support/edge-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts", "test/support/browser-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "reliability",
          include: ["test/reliability/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
