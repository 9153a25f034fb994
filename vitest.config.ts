import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine. Most test files
    // wait on child processes (the mock runner, tsc, bash), so two workers keep both cores busy.
    maxWorkers: 2,
    // EKS version support depends on the day; the suite judges every spec as of one fixed day.
    env: { FOUNDATION_TODAY: "2026-11-26" },
    reporters: ["default"],
  },
});
