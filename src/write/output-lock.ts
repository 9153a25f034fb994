import { randomBytes } from "node:crypto";
import { closeSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { OutputFolderError } from "./output-folder-error.js";
import { readPlainFile } from "./safe-fs.js";

/** The file whose existence means a compile is writing the folder. */
export const LOCK_FILE = ".foundation-lock";
/** Held for the few system calls it takes to remove a stale lock, so two runs never both remove one. */
const BREAK_FILE = ".foundation-lock.break";

/** How long a compile waits for another one to finish before it refuses (FOUNDATION_LOCK_TIMEOUT, seconds). */
const DEFAULT_TIMEOUT_MS = 30_000;
const POLL_MS = 25;
/** A lock file that stays empty this long was left by a run killed between creating and filling it. */
const UNFILLED_STALE_MS = 2_000;

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for the owner. */
  readonly started: string | null;
  readonly nonce: string;
}

/**
 * Runs `body` holding the folder's lock: an exclusive file created with O_EXCL. A second compile of
 * the same folder waits for the first (up to FOUNDATION_LOCK_TIMEOUT seconds) and then refuses with a
 * message naming the owner. A lock left by a run that no longer exists (killed, crashed) is recognised
 * by its process id and start time, and removed.
 */
export function withOutputLock<T>(outDir: string, body: () => T): T {
  const lock = join(outDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: startTime(process.pid), nonce: randomBytes(8).toString("hex") };
  const deadline = Date.now() + timeoutMs();
  for (;;) {
    if (tryCreate(lock, owner)) break;
    const holder = readOwner(lock);
    const found = identity(lock);
    if (found !== undefined && (holder !== undefined ? isStale(holder) : Date.now() - found.mtimeMs > UNFILLED_STALE_MS)) {
      breakStale(outDir, lock, () => {
        const now = identity(lock);
        return now?.ino === found.ino && now.mtimeMs === found.mtimeMs && readOwner(lock)?.nonce === holder?.nonce;
      });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}` : "another process";
      throw new OutputFolderError(
        `${outDir} is being written by another foundation compile (${who}); try again when it has finished (if no compile is running, delete ${lock})`,
      );
    }
    sleep(POLL_MS);
  }
  try {
    return body();
  } finally {
    if (readOwner(lock)?.nonce === owner.nonce) unlinkSync(lock);
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new OutputFolderError(`cannot lock ${path}: ${(e as Error).message}`);
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const text = readPlainFile(path, 4096)?.bytes.toString("utf8");
    if (text === undefined) return undefined;
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string" || typeof parsed.nonce !== "string") return undefined;
    return { pid: parsed.pid, host: parsed.host, started: parsed.started ?? null, nonce: parsed.nonce };
  } catch {
    // Absent (released meanwhile), or being written by its creator this instant.
    return undefined;
  }
}

/** A lock is stale when its owner ran on this machine and is gone (or its pid now belongs to another process). */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
  const now = startTime(owner.pid);
  return owner.started !== null && now !== null && now !== owner.started;
}

function identity(path: string): { ino: number; mtimeMs: number } | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat === undefined ? undefined : { ino: stat.ino, mtimeMs: stat.mtimeMs };
}

/** Removes the lock when `unchanged` says it is still the stale one that was seen (checked while holding the breaker). */
function breakStale(outDir: string, lock: string, unchanged: () => boolean): void {
  const breaker = join(outDir, BREAK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: startTime(process.pid), nonce: randomBytes(8).toString("hex") };
  if (!tryCreate(breaker, me)) {
    const other = readOwner(breaker);
    // A breaker whose run died in those few calls is itself stale.
    const age = identity(breaker);
    if ((other !== undefined && isStale(other)) || (other === undefined && age !== undefined && Date.now() - age.mtimeMs > UNFILLED_STALE_MS)) unlinkQuietly(breaker);
    else sleep(POLL_MS);
    return;
  }
  try {
    if (unchanged()) unlinkQuietly(lock);
  } finally {
    unlinkQuietly(breaker);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Field 22 of /proc/PID/stat; null where /proc is not available. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function timeoutMs(): number {
  const given = process.env.FOUNDATION_LOCK_TIMEOUT;
  const seconds = given === undefined || given.trim() === "" ? Number.NaN : Number(given);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
