import { defineConfig } from "vitest/config";

/**
 * SOFIA_TEST_TWICE=1 runs every chosen file twice in a row on the same template database: first
 * all of them, then all of them again ("again"). A file that leaves something behind outside its
 * own database (a role, a file, a port, a global) fails the second time.
 */
const twice = process.env.SOFIA_TEST_TWICE === "1";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // Bounds for a test that hangs, not a speed check: generous enough for a busy machine, CI's
    // side-by-side runs and SOFIA_TEST_SLOW (speed is measured by `npm run bench`).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time, each on its own database cloned from a migrated template.
    maxWorkers: 2,
    reporters: ["default"],
    projects: twice
      ? [
          { extends: true, test: { name: "first", sequence: { groupOrder: 0 } } },
          { extends: true, test: { name: "again", sequence: { groupOrder: 1 } } },
        ]
      : undefined,
  },
});
