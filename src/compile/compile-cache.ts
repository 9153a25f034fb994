import { createHash } from "node:crypto";
import { existsSync, lstatSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compareStrings } from "../errors/spec-error.js";
import { compilerDigest } from "./compiler-id.js";
import { readPlainFile } from "../write/safe-fs.js";
import { CACHE_FILE, listFiles, whileLocked } from "../write/writer.js";

/**
 * A machine-local record of the last compile into a folder: what was compiled (the spec, its path, the
 * compiler itself), the warnings it printed, and the size, mode and modification time of every file it
 * left. When all of that still holds, a recompile has nothing to do and skips loading, generating and
 * comparing. Any edit under the folder (a changed, added or removed file) or to the spec or the
 * compiler makes it compile in full. `.gitignore` in the folder keeps the record out of version control,
 * and `compile --check` never uses it.
 */
interface CacheRecord {
  readonly key: string;
  readonly warnings: readonly string[];
  readonly files: readonly (readonly [path: string, size: number, mode: number, mtimeMs: number])[];
}

let compiler: string | undefined;

/** A digest of the running compiler's own code (every module of the build it runs from; see compiler-id.ts). */
function compilerId(): string {
  compiler ??= compilerDigest(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."));
  return compiler;
}

/** What a compile depends on: the compiler, the spec's path (it appears in messages and headers) and text. */
export function compileKey(specPath: string, specText: string): string {
  return createHash("sha256").update(compilerId()).update("\0").update(resolve(specPath)).update("\0").update(specText).digest("hex");
}

/** Whether the folder holds a record of a compile (the cheap test before taking its lock). */
function hasCompileRecord(outDir: string): boolean {
  return existsSync(join(outDir, CACHE_FILE));
}

/**
 * The warnings of the last compile into `outDir` when it was of `key` and nothing it depended on or wrote has
 * changed since; undefined otherwise. Read under the folder's lock, so that a compile writing it meanwhile is
 * never taken as up to date. With `remember`, see `unchangedSince`.
 */
export function upToDate(outDir: string, key: string, remember = false): readonly string[] | undefined {
  return hasCompileRecord(outDir) ? whileLocked(outDir, () => unchangedSince(outDir, key, remember)) : undefined;
}

/** Folders and keys the no-op check before the CLI found changed, until compile's own check (which then need not look). */
const foundChanged = new Set<string>();

/**
 * The warnings of the last compile when nothing it depended on or wrote has changed since; undefined
 * otherwise. With `remember`, a change found is remembered for the next call (and that one only).
 */
function unchangedSince(outDir: string, key: string, remember = false): readonly string[] | undefined {
  const id = `${resolve(outDir)}\0${key}`;
  if (foundChanged.delete(id)) return undefined;
  const warnings = recordedWarnings(outDir, key);
  if (warnings === undefined && remember) foundChanged.add(id);
  return warnings;
}

function recordedWarnings(outDir: string, key: string): readonly string[] | undefined {
  let record: CacheRecord;
  try {
    const text = readPlainFile(join(outDir, CACHE_FILE), 256 * 1024 * 1024)?.bytes.toString("utf8");
    if (text === undefined) return undefined;
    record = JSON.parse(text) as CacheRecord;
  } catch {
    return undefined;
  }
  if (record.key !== key) return undefined;
  for (const [path, size, mode, mtimeMs] of record.files) {
    try {
      const stat = lstatSync(join(outDir, path));
      if (!stat.isFile() || stat.size !== size || stat.mode !== mode || stat.mtimeMs !== mtimeMs) return undefined;
    } catch {
      return undefined;
    }
  }
  const present = listFiles(outDir);
  if (present.length !== record.files.length || present.some((p, i) => p !== record.files[i]?.[0])) return undefined;
  return record.warnings;
}

/** Records a compile that just wrote `paths` under `outDir` (called holding the folder's lock). */
export function recordCompile(outDir: string, key: string, warnings: readonly string[], paths: readonly string[]): void {
  const files = [...paths].sort(compareStrings).map((path) => {
    const stat = lstatSync(join(outDir, path));
    return [path, stat.size, stat.mode, stat.mtimeMs] as const;
  });
  const target = join(outDir, CACHE_FILE);
  // Created afresh (O_EXCL): whatever stood at the name, a link included, is removed, never written through.
  rmSync(`${target}.tmp`, { force: true, recursive: true });
  writeFileSync(`${target}.tmp`, JSON.stringify({ key, warnings, files } satisfies CacheRecord), { flag: "wx" });
  renameSync(`${target}.tmp`, target);
}
