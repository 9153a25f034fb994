import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { compileKey, recordCompile, unchangedSince } from "../compile/compile-cache.js";
import { formatError } from "../errors/spec-error.js";
import { checkTree, OutputFolderError, withManifest, writeTree } from "../write/writer.js";
import { reportProblems, type Io } from "./report.js";

export interface CompileOptions {
  readonly spec: string;
  readonly out: string;
  readonly check: boolean;
}

/** `foundation compile`: validate, generate, then write (or with --check, compare). */
export async function compileCommand(options: CompileOptions, io: Io): Promise<number> {
  const text = readSpec(options.spec);
  const key = text === undefined || options.check ? undefined : compileKey(options.spec, text);
  const unchanged = key === undefined ? undefined : unchangedSince(options.out, key);
  if (unchanged !== undefined) {
    for (const line of unchanged) io.err(line);
    io.out(`${options.out}/: up to date (nothing changed since the last compile)`);
    return 0;
  }
  // The pipeline (zod, yaml, every backend) loads only when there is work to do.
  const [{ modelFromFile, modelFromText }, { generate }] = await Promise.all([import("../compile/load-model.js"), import("../compile/generate.js")]);
  const result = text === undefined ? modelFromFile(options.spec) : modelFromText(options.spec, text);
  if (!result.ok) {
    reportProblems(io, result.errors);
    return 1;
  }
  reportProblems(io, result.warnings);
  const files = generate(result.model, basename(options.spec));
  if (options.check) {
    const status = checkTree(options.out, files);
    const lines = [
      ...status.missing.map((p) => `missing: ${options.out}/${p}`),
      ...status.stale.map((p) => `stale:   ${options.out}/${p}`),
      ...status.extra.map((p) => `extra:   ${options.out}/${p}`),
    ];
    if (lines.length === 0) {
      io.out(`${options.out}/ is up to date with ${options.spec} (${withManifest(files).length} files)`);
      return 0;
    }
    for (const line of lines) io.out(line);
    io.err(`${options.out}/ is not what ${options.spec} compiles to; run \`foundation compile\``);
    return 1;
  }
  try {
    const report = writeTree(options.out, files);
    if (key !== undefined) recordCompile(options.out, key, result.warnings.map(formatError), report.files);
    io.out(
      `${options.out}/: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged`,
    );
    return 0;
  } catch (e) {
    if (e instanceof OutputFolderError) {
      io.err(`foundation: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** The spec's text, or undefined when it cannot be read (the pipeline then reports why, located). */
function readSpec(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
