import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two files at a time, each on its own database cloned from a migrated template.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
