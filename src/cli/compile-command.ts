import { basename } from "node:path";
import type { BackendRegistry, GeneratedFile } from "../backend.js";
import { compileKey, recordCompile, upToDate } from "../compile/compile-cache.js";
import { formatError } from "../errors/spec-error.js";
import { readSpec } from "../load/read-spec.js";
import { checkTree, OutputFolderError, withManifest, writeTree } from "../write/writer.js";
import { reportProblems, reportUpToDate, type Io } from "./report.js";

export interface CompileOptions {
  readonly spec: string;
  readonly out: string;
  readonly check: boolean;
  readonly backends: BackendRegistry;
}

/** `foundation compile`: validate, generate, then write (or with --check, compare). */
export async function compileCommand(options: CompileOptions, io: Io): Promise<number> {
  try {
    return await compileInto(options, io);
  } catch (e) {
    if (e instanceof OutputFolderError) {
      io.err(`foundation: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

async function compileInto(options: CompileOptions, io: Io): Promise<number> {
  const read = readSpec(options.spec);
  if (!read.ok) {
    reportProblems(io, [read.error]);
    return 1;
  }
  const key = options.check ? undefined : compileKey(options.spec, read.text);
  const unchanged = key === undefined ? undefined : upToDate(options.out, key);
  if (unchanged !== undefined) {
    reportUpToDate(io, options.out, unchanged);
    return 0;
  }
  // The pipeline (zod, yaml, every backend) loads only when there is work to do.
  const [{ modelFromText }, { generate }, backends] = await Promise.all([import("../compile/load-model.js"), import("../compile/generate.js"), options.backends()]);
  const result = modelFromText(options.spec, read.text);
  if (!result.ok) {
    reportProblems(io, result.errors);
    return 1;
  }
  reportProblems(io, result.warnings);
  const files = generate(result.model, basename(options.spec), backends);
  return options.check ? check(options, files, io) : write(options, files, key, result.warnings.map(formatError), io);
}

/** `--check`: what differs between the folder and what the spec compiles to; nothing is written. */
function check(options: CompileOptions, files: readonly GeneratedFile[], io: Io): number {
  const status = checkTree(options.out, files);
  const lines = [
    ...status.missing.map((p) => `missing: ${options.out}/${p}`),
    ...status.stale.map((p) => `stale:   ${options.out}/${p}`),
    ...status.extra.map((p) => `extra:   ${options.out}/${p}`),
  ];
  for (const path of status.foreign) io.out(`kept:    ${options.out}/${path} (not written by foundation)`);
  if (lines.length === 0) {
    io.out(`${options.out}/ is up to date with ${options.spec} (${withManifest(files).length} files)`);
    return 0;
  }
  for (const line of lines) io.out(line);
  io.err(`${options.out}/ is not what ${options.spec} compiles to; run \`foundation compile\``);
  return 1;
}

/** Writes the tree and, holding the folder's lock still, the record of this compile. */
function write(options: CompileOptions, files: readonly GeneratedFile[], key: string | undefined, warnings: readonly string[], io: Io): number {
  const report = writeTree(options.out, files, (written) => {
    if (key !== undefined) recordCompile(options.out, key, warnings, written.files);
    return written;
  });
  const kept = report.kept.length > 0 ? `, ${report.kept.length} kept (not written by foundation: ${report.kept.slice(0, 3).join(", ")}${report.kept.length > 3 ? ", ..." : ""})` : "";
  io.out(`${options.out}/: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged${kept}`);
  return 0;
}
