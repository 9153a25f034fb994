import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files that need a module registry of their own (they mock a Node.js module with vi.mock): they run
 * isolated, each in a fresh worker process. Every other file shares its worker's loaded modules with the
 * files before it (`isolate: false`), instead of loading TypeScript, yaml, zod and the backends afresh each
 * time; such a file must leave the process as it found it (environment, working folder, listeners).
 */
const ISOLATED = ["test/reliability/crash-points.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine. Most test files
    // wait on child processes (the mock runner, tsc, bash), so two workers keep both cores busy.
    maxWorkers: 2,
    // EKS version support depends on the day; the suite judges every spec as of one fixed day.
    env: { FOUNDATION_TODAY: "2026-11-26" },
    reporters: ["default"],
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...ISOLATED], isolate: false } },
      { extends: true, test: { name: "isolated", include: ISOLATED, isolate: true } },
    ],
  },
});
