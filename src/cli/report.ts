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
