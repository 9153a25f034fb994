/**
 * Runs a command as a whole process and measures it from outside: wall-clock time, and CPU time
 * and peak resident memory through GNU time (`/usr/bin/time -f "%M %U %S"`) or, where that is
 * missing, a preload that reports the child's own resource usage.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const GNU_TIME = "/usr/bin/time";
const PRELOAD = fileURLToPath(new URL("./report-max-rss.js", import.meta.url));

/** How peak memory is measured on this machine: "gnu-time" or "preload". */
export function memoryProbe(scratch) {
  if (!existsSync(GNU_TIME)) return "preload";
  const file = join(scratch, "probe.rss");
  const probe = spawnSync(GNU_TIME, ["-f", "%M", "-o", file, process.execPath, "-e", "0"]);
  const ok = probe.status === 0 && existsSync(file) && /^\d+\s*$/.test(readFileSync(file, "utf8"));
  rmSync(file, { force: true });
  return ok ? "gnu-time" : "preload";
}

/**
 * Runs `node <args>` once.
 * @param {{ args: string[], cwd: string, scratch: string, probe: "gnu-time" | "preload", input?: string }} options
 * @returns {{ ms: number, cpuMs: number, rssKiB: number, stdout: string }} wall-clock and CPU (user + system) time, peak RSS
 */
export function measureNode({ args, cwd, scratch, probe, input }) {
  const rssFile = join(scratch, "last.rss");
  rmSync(rssFile, { force: true });
  const [command, argv, env] =
    probe === "gnu-time"
      ? [GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...args], process.env]
      : [process.execPath, ["--import", PRELOAD, ...args], { ...process.env, FOUNDATION_BENCH_RSS_FILE: rssFile }];
  const start = process.hrtime.bigint();
  const child = spawnSync(command, argv, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...(input !== undefined ? { input } : {}) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`node ${args.join(" ")} exited with ${child.status ?? child.signal}:\n${child.stderr}${child.stdout}`);
  }
  const [rssKiB, userS, systemS] = readFileSync(rssFile, "utf8").trim().split(/\s+/).map(Number);
  return { ms, cpuMs: (userS + systemS) * 1000, rssKiB, stdout: child.stdout };
}
