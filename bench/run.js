/**
 * `npm run bench`: how foundation's compile time and memory grow with the number of services, next
 * to cdk8s and a floor doing the same Kubernetes work. Every variant runs as a whole process, several
 * times; the table gives the median, the spread (min–max) and the median peak RSS.
 *
 * Options: --sizes 10,100,1000   --runs K (every size)   --keep (leave the scratch folder)
 *          --dir D (where the scratch folder goes; default /dev/shm where it exists, else the temp dir)
 * Last, a separate row: how parsing grows with the keys of one mapping (parse-growth.js).
 *
 * The default scratch is in memory on purpose: the measurement is of the programs, not of the disk.
 * On a disk mounted with `discard` (as on the VM this was written on) every unlink waits for a TRIM,
 * and deleting the ~100,000 files the runs write takes minutes and slows the runs that follow.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BACKENDS } from "../dist/backends/index.js";
import { compareTrees } from "./compare-trees.js";
import { generateSpec } from "./generate-spec.js";
import { measureNode, memoryProbe } from "./measure-process.js";
import { parseMs } from "./parse-growth.js";
import { prepareStackRun } from "./pulumi-stack.js";
import { summarize } from "./summary.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = { 10: 7, 100: 5, 1000: 3 };
/** Runs of the application stack under mocks per size (each takes seconds: it type-checks against @pulumi/kubernetes). */
const STACK_RUNS = 3;

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const sizes = (option("sizes") ?? "10,100,1000").split(",").map(Number);
const runsFor = (n) => Number(option("runs") ?? RUNS[n] ?? 3);

const IN_MEMORY = "/dev/shm";
const scratchRoot = option("dir") ?? (existsSync(IN_MEMORY) && statSync(IN_MEMORY).isDirectory() ? IN_MEMORY : tmpdir());
const scratch = mkdtempSync(join(scratchRoot, "foundation-bench-"));

function main() {
  const started = Date.now();
  try {
    const probe = memoryProbe(scratch);
    printMachine(probe);
    const results = new Map();
    for (const n of sizes) results.set(n, benchSize(n, probe));
    printTable(results);
    printRatios(results);
    printParseGrowth();
    console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (argv.includes("--keep")) console.log(`scratch kept in ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

function benchSize(n, probe) {
  const dir = join(scratch, `n${n}`);
  const spec = join(dir, "a", "foundation.yaml");
  const changed = join(dir, "b", "foundation.yaml");
  mkdirSync(join(dir, "a"), { recursive: true });
  mkdirSync(join(dir, "b"), { recursive: true });
  writeFileSync(spec, generateSpec({ services: n }));
  writeFileSync(changed, generateSpec({ services: n, changed: true }));
  const out = (name) => join(dir, `out-${name}`);
  const run = (args) => measureNode({ args, cwd: ROOT, scratch, probe });
  const compile = (specFile, outDir) => run(["bin/foundation.js", "compile", "--spec", specFile, "--out", outDir]);
  const programs = {
    foundation: (outDir) => compile(spec, outDir),
    cdk8s: (outDir) => run(["bench/cdk8s-synth.js", "--spec", spec, "--out", outDir]),
    floor: (outDir) => run(["bench/floor.js", "--spec", spec, "--out", outDir]),
  };

  // One untimed run of each program first, so every timed run finds the files and modules cached.
  // Cold runs write into new folders, and nothing is deleted until the size is done: deleting
  // thousands of files makes the disk busy for a while after, which would land on the next run.
  const warm = Object.fromEntries(Object.entries(programs).map(([name, go]) => [name, go(out(`warm-${name}`))]));
  const written = (name) => Number(/(\d+) written/.exec(warm[name].stdout)?.[1] ?? 0);
  const files = { foundation: written("foundation"), kubectl: written("floor") };

  const samples = { foundation: [], cdk8s: [], floor: [], noop: [], change: [], stack: [] };
  const stackRun = prepareStackRun(out("warm-foundation"), dir);
  files.stack = `1 of ${stackRun.stacks}`;
  const runStack = () => {
    const measured = measureNode({ args: stackRun.args, cwd: ROOT, scratch, probe, input: stackRun.input });
    stackRun.check(measured.stdout);
    return measured;
  };
  runStack();
  const runs = runsFor(n);
  let current = spec;
  process.stdout.write(`N = ${n}: ${runs} runs `);
  for (let r = 0; r < runs; r++) {
    for (const [name, go] of Object.entries(programs)) samples[name].push(go(out(`cold-${name}-${r}`)));
    samples.noop.push(compile(current, out("warm-foundation")));
    // Each timed change compiles the other spec over the tree of the current one: one service differs.
    current = current === spec ? changed : spec;
    samples.change.push(compile(current, out("warm-foundation")));
    if (r < STACK_RUNS) samples.stack.push(runStack());
    process.stdout.write(".");
  }
  for (let r = runs; r < STACK_RUNS; r++) samples.stack.push(runStack());
  stackRun.dispose();
  console.log("");

  const problems = compareTrees({ foundation: out("cold-foundation-0"), floor: out("cold-floor-0"), cdk8s: out("cold-cdk8s-0") });
  if (problems.length > 0) throw new Error(`N = ${n}: the programs did not build the same objects:\n${problems.join("\n")}`);
  rmSync(dir, { recursive: true, force: true });
  return {
    files,
    ...Object.fromEntries(
      Object.entries(samples).map(([name, list]) => [name, { time: summarize(list.map((s) => s.ms)), cpu: summarize(list.map((s) => s.cpuMs)), rss: summarize(list.map((s) => s.rssKiB)) }]),
    ),
  };
}

function printMachine(probe) {
  const cpu = cpus();
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, node ${process.version}`);
  console.log(`backends registered: ${BACKENDS.map((b) => b.name).join(", ")} (foundation compile runs all of them; cdk8s and the floor build only the kubectl manifests)`);
  console.log(`scratch folder: ${scratch}`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (other processes on the machine skew wall-clock times; the CPU column is less sensitive)`);
  console.log(`CPU time and peak memory measured with ${probe === "gnu-time" ? "/usr/bin/time" : "a preload reporting process.resourceUsage()"}\n`);
}

const VARIANTS = [
  ["foundation", "foundation compile, cold (empty out/)"],
  ["noop", "foundation compile, nothing changed"],
  ["change", "foundation compile, one service changed"],
  ["cdk8s", "cdk8s App.synth(), kubectl manifests, cold"],
  ["floor", "floor: yaml + writeFile, kubectl manifests, cold"],
  ["stack", "one app stack under mocks, loaded as pulumi up does"],
];

const ms = (v) => (v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

function printTable(results) {
  const rows = [["N", "files", "variant", "median", "min–max", "runs", "CPU (median)", "peak RSS"]];
  for (const [n, result] of results) {
    for (const [key, label] of VARIANTS) {
      const { time, cpu, rss } = result[key];
      const files = key === "stack" ? result.files.stack : key === "cdk8s" || key === "floor" ? result.files.kubectl : result.files.foundation;
      rows.push([String(n), String(files), label, ms(time.median), `${ms(time.min)}–${ms(time.max)}`, String(time.runs), ms(cpu.median), `${Math.round(rss.median / 1024)} MiB`]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) => `| ${row.map((cell, c) => (c === 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ")} |`;
  console.log(`\n${line(rows[0])}`);
  console.log(`|${widths.map((w, c) => (c === 2 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

function printRatios(results) {
  const median = (n, key) => results.get(n)[key].time.median;
  const check = (ok) => (ok ? "ok" : "NOT MET");
  console.log("\nratios (medians):");
  for (const n of results.keys()) {
    const vsCdk8s = median(n, "foundation") / median(n, "cdk8s");
    const vsFloor = median(n, "foundation") / median(n, "floor");
    const noop = median(n, "noop") / median(n, "foundation");
    const change = median(n, "change") / median(n, "foundation");
    const targets = n === 1000 ? `   [targets: <1 ${check(vsCdk8s < 1)}, ≤1.5 ${check(vsFloor <= 1.5)}, no-op <0.25 ${check(noop < 0.25)}]` : "";
    console.log(
      `  N = ${String(n).padStart(4)}: foundation/cdk8s ${vsCdk8s.toFixed(2)}, foundation/floor ${vsFloor.toFixed(2)}, no-op/cold ${noop.toFixed(2)}, change/cold ${change.toFixed(2)}${targets}`,
    );
  }
  const sizes = [...results.keys()];
  const [smallest, largest] = [Math.min(...sizes), Math.max(...sizes)];
  if (largest > smallest) {
    const growth = median(largest, "stack") / median(smallest, "stack");
    const cpu = results.get(largest).stack.cpu.median / results.get(smallest).stack.cpu.median;
    console.log(`  one app stack under mocks, N = ${largest} / N = ${smallest}: ${growth.toFixed(2)} (CPU ${cpu.toFixed(2)})   [target: ≤1.3 ${check(growth <= 1.3)}]`);
  }
  if (results.has(100) && results.has(1000)) {
    const growth = median(1000, "foundation") / median(100, "foundation");
    console.log(`  growth compile(1000)/compile(100): ${growth.toFixed(2)}   [target: ≤12 ${check(growth <= 12)}]`);
  }
}

function printParseGrowth() {
  parseMs(ROOT, 500, 1);
  const small = parseMs(ROOT, 5000);
  const large = parseMs(ROOT, 20000);
  const growth = large / small;
  console.log(`\nparse, keys in one mapping (best of 3, in-process, CPU time): 5,000 keys ${ms(small)}, 20,000 keys ${ms(large)}, growth ${growth.toFixed(2)}   [target: ≤5 ${growth <= 5 ? "ok" : "NOT MET"}]`);
}

main();
