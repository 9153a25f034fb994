import * as fs from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GeneratedFile } from "../../src/backend.js";
import { LOCK_FILE } from "../../src/write/output-lock.js";
import { checkTree, writeTree } from "../../src/write/writer.js";

/**
 * Every instant a write can stop at: the file system calls that change something fail from the k-th
 * on (so, as after a kill, nothing more changes, not even the lock's release), for every k until the
 * write completes; then the next write must recover. The random kills of interrupted-writes.test.ts
 * do the same with real processes.
 */

const budget = vi.hoisted(() => ({ left: Number.POSITIVE_INFINITY, calls: 0 }));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const faulty =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R => {
      budget.calls++;
      if (budget.left-- <= 0) throw new Error("simulated crash");
      return call(...args);
    };
  const mutating = ["writeFileSync", "renameSync", "unlinkSync", "mkdirSync", "rmSync", "rmdirSync", "chmodSync", "openSync", "writeSync"] as const;
  const wrapped: Record<string, unknown> = { ...real };
  for (const name of mutating) wrapped[name] = faulty(real[name] as (...args: unknown[]) => unknown);
  // openSync only changes something when it creates (the lock); reads stay unaffected.
  wrapped.openSync = (path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) =>
    flags === "wx" ? (faulty(real.openSync) as typeof real.openSync)(path, "wx", mode) : real.openSync(path, flags ?? "r", mode);
  return { ...wrapped, default: wrapped };
});

let dir: string;
/** Two small trees that differ in every way a recompile meets: same, changed, new and removed files, an executable, and a folder that becomes a file. */
const trees: Record<"a" | "b", GeneratedFile[]> = {
  a: [
    { path: "a/x.yaml", content: "same\n" },
    { path: "a/y.sh", content: "#!/bin/sh\necho new\n", executable: true },
    { path: "b/c/d.txt", content: "new\n" },
    { path: "e", content: "a file where b has a folder\n" },
    { path: "top.txt", content: "a\n" },
  ],
  b: [
    { path: "a/x.yaml", content: "same\n" },
    { path: "a/y.sh", content: "#!/bin/sh\necho old\n", executable: true },
    { path: "b/c/old.txt", content: "old\n" },
    { path: "e/f.txt", content: "in a folder\n" },
    { path: "top.txt", content: "b\n" },
    { path: "z/z.txt", content: "z\n" },
  ],
};

beforeAll(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "foundation-crash-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A pid that belongs to no process: the crashed run is gone. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

function differences(outDir: string, files: readonly GeneratedFile[]): string[] {
  const s = checkTree(outDir, files);
  return [...s.missing, ...s.stale, ...s.extra, ...s.foreign];
}

describe("a write stopped at any file system call", () => {
  it.each([
    ["a first compile", undefined, "a"],
    ["a recompile over another tree", "b", "a"],
    ["a recompile where a file becomes a folder", "a", "b"],
  ] as const)("recovers on the next write: %s", (_name, before, after) => {
    const dead = deadPid();
    let completed = false;
    for (let k = 0; !completed; k++) {
      expect(k, "the write never completed").toBeLessThan(2000);
      const outDir = join(dir, `${before ?? "first"}-${after}-${k}`);
      budget.left = Number.POSITIVE_INFINITY;
      if (before !== undefined) writeTree(outDir, trees[before], () => undefined);
      budget.left = k;
      try {
        writeTree(outDir, trees[after], () => undefined);
        completed = true;
      } catch (e) {
        expect((e as Error).message, `step ${k}`).toContain("simulated crash");
      }
      budget.left = Number.POSITIVE_INFINITY;
      const lock = join(outDir, LOCK_FILE);
      if (fs.existsSync(lock)) fs.writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), started: null, nonce: "crashed" }));
      writeTree(outDir, trees[after], () => undefined);
      expect(differences(outDir, trees[after]), `stopped at step ${k}`).toEqual([]);
      expect(fs.readdirSync(outDir).filter((e) => e.startsWith(".foundation-")), `step ${k}`).toEqual([".foundation-manifest"]);
    }
  });
});
