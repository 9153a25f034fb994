import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSpec } from "../../bench/generate-spec.js";
import type { GeneratedFile } from "../../src/backend.js";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { checkTree, writeTree } from "../../src/write/writer.js";
import { runCli } from "../helpers/cli.js";
import { modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { fuzzCases, fuzzSeed, seededRandom } from "../helpers/seeded-random.js";

/**
 * A compile killed at any instant, and two compiles racing on one folder. The writes run in child
 * processes of the built writer (dist/), fed the generated files, so that a kill lands in the write
 * itself rather than in Node's start-up; the CLI round at the end races whole compiles.
 */

let dir: string;
let trees: { a: GeneratedFile[]; b: GeneratedFile[] };
let feeds: { a: string; b: string };

/** A child that writes a tree into a folder and, still holding the lock, reports whether the folder is exactly that tree. */
const WRITER = `
import { readFileSync } from "node:fs";
const [, outDir, feed] = process.argv;
const { writeTree, checkTree } = await import(${JSON.stringify(join(ROOT, "dist", "src", "write", "writer.js"))});
const files = JSON.parse(readFileSync(feed, "utf8"));
process.stdout.write("start\\n");
const started = performance.now();
writeTree(outDir, files, () => {
  const s = checkTree(outDir, files);
  const problems = [...s.missing, ...s.stale, ...s.extra, ...s.foreign];
  process.stderr.write(String(Math.ceil(performance.now() - started)));
  process.stdout.write(problems.length === 0 ? "exact" : "not exact: " + problems.join(", "));
});
`;

function runWriter(outDir: string, feed: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; /** How long the write took. */ ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", WRITER, outDir, feed], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FOUNDATION_LOCK_TIMEOUT: "20" } });
    let stdout = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    // The kill is timed from the moment the write begins.
    child.stdout.on("data", (d) => {
      stdout += String(d);
      if (killAfterMs !== undefined && timer === undefined && stdout.startsWith("start\n")) timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    });
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const writeMs = Number(/^\d+/.exec(stderr)?.[0] ?? Date.now() - started);
      resolve({ code, signal, stdout: stdout.replace(/^start\n/, ""), stderr: stderr.replace(/^\d+/, ""), ms: writeMs });
    });
  });
}

/** `foundation compile` as its own process, run in parallel with others. */
function binCompile(specFile: string, outDir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "foundation.js"), "compile", "--spec", specFile, "--out", outDir], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

function differences(outDir: string, files: readonly GeneratedFile[]): string[] {
  const s = checkTree(outDir, files);
  return [...s.missing.map((p) => `missing ${p}`), ...s.stale.map((p) => `stale ${p}`), ...s.extra.map((p) => `extra ${p}`), ...s.foreign.map((p) => `foreign ${p}`)];
}

function bookkeeping(outDir: string): string[] {
  return readdirSync(outDir).filter((e) => e.startsWith(".foundation-staging") || e.startsWith(".foundation-lock"));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "foundation-interrupted-"));
  trees = {
    a: generate(modelOf(referenceSpecText()), "foundation.yaml", BACKENDS),
    b: generate(modelOf(generateSpec({ services: 6 })), "foundation.yaml", BACKENDS),
  };
  feeds = { a: join(dir, "a.json"), b: join(dir, "b.json") };
  writeFileSync(feeds.a, JSON.stringify(trees.a));
  writeFileSync(feeds.b, JSON.stringify(trees.b));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a compile killed at any instant", () => {
  it(`always recovers on the next run (${fuzzCases(6)} seeded kill times, first compiles and recompiles)`, async () => {
    const whole = await runWriter(join(dir, "timing"), feeds.a);
    expect(whole.stdout).toBe("exact");
    const random = seededRandom(fuzzSeed(7));
    let interrupted = 0;
    for (let i = 0; i < fuzzCases(6); i++) {
      const outDir = join(dir, `killed-${i}`);
      const first = i % 2 === 0;
      if (!first) writeTree(outDir, trees.b, () => undefined);
      // Any moment of the write, more often its second half, where files are put in place.
      const delay = Math.floor(whole.ms * (i % 3 === 0 ? random.next() * 1.2 : 0.4 + random.next() * 0.8));
      const killed = await runWriter(outDir, feeds.a, delay);
      const context = `case ${i} (${first ? "first compile" : "recompile"}, killed after ${delay} ms, ${killed.signal ?? `exit ${killed.code}`})`;
      expect(killed.stderr, context).toBe("");
      if (killed.signal === "SIGKILL") interrupted++;
      writeTree(outDir, trees.a, () => undefined);
      expect(differences(outDir, trees.a), context).toEqual([]);
      expect(bookkeeping(outDir), context).toEqual([]);
    }
    // Most kills must land inside the write, or this test proves nothing.
    expect(interrupted).toBeGreaterThanOrEqual(Math.ceil(fuzzCases(6) / 3));
  });
});

describe("two compiles on one folder", () => {
  it(`never leave a mixed tree: each one that succeeds left exactly its tree, and the next compile repairs the rest (${fuzzCases(3)} rounds)`, async () => {
    const outDir = join(dir, "raced");
    for (let round = 0; round < fuzzCases(3); round++) {
      const [x, y] = await Promise.all([runWriter(outDir, feeds.a), runWriter(outDir, feeds.b)]);
      for (const run of [x, y]) {
        expect(run.stderr, `round ${round}`).toBe("");
        expect(run.code, `round ${round}`).toBe(0);
        expect(run.stdout, `round ${round}`).toBe("exact");
      }
      const final = [differences(outDir, trees.a).length, differences(outDir, trees.b).length];
      expect(final.includes(0), `round ${round}: the folder is neither tree`).toBe(true);
      expect(bookkeeping(outDir)).toEqual([]);
    }
  });

  it("as whole CLI compiles too, with the no-op cache: the next compile and --check agree with the folder", async () => {
    const specA = join(dir, "a.yaml");
    const specB = join(dir, "b.yaml");
    cpSync(join(ROOT, "foundation.yaml"), specA);
    writeFileSync(specB, referenceSpecText().replace("replicas: 2", "replicas: 5"));
    const outDir = join(dir, "cli-raced");
    await runCli(["compile", "--spec", specA, "--out", outDir]);
    const [x, y] = await Promise.all([binCompile(specB, outDir), binCompile(specA, outDir)]);
    expect([x.code, y.code]).toEqual([0, 0]);
    const a = await runCli(["compile", "--check", "--spec", specA, "--out", outDir]);
    const b = await runCli(["compile", "--check", "--spec", specB, "--out", outDir]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    // The spec whose tree is not there must not be taken as up to date.
    const stale = a.code === 0 ? specB : specA;
    expect((await runCli(["compile", "--spec", stale, "--out", outDir])).stdout).toMatch(/: [1-9]\d* written/);
    expect((await runCli(["compile", "--check", "--spec", stale, "--out", outDir])).code).toBe(0);
  });
});
