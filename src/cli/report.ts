import { formatError, type LocatedError } from "../errors/spec-error.js";

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Prints located errors and warnings, one per line, and a count of the errors. */
export function reportProblems(io: Io, problems: readonly LocatedError[]): void {
  for (const problem of problems) io.err(formatError(problem));
  const errors = problems.filter((p) => p.severity !== "warning").length;
  if (errors > 0) io.err(`${errors} error${errors === 1 ? "" : "s"}; nothing was written`);
}

/** What a compile with nothing to do prints: the last compile's warnings, then that the folder is up to date. */
export function reportUpToDate(io: Io, outDir: string, warnings: readonly string[]): void {
  for (const line of warnings) io.err(line);
  io.out(`${outDir}/: up to date (nothing changed since the last compile)`);
}
