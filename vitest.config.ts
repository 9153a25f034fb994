import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // EKS version support depends on the day; the suite judges every spec as of one fixed day.
    env: { FOUNDATION_TODAY: "2026-11-26" },
    reporters: ["default"],
  },
});
