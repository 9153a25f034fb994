import { modelFromFile } from "../compile/load-model.js";
import { reportProblems, type Io } from "./report.js";

/** `foundation validate`: every check of compile, nothing written. */
export function validateCommand(spec: string, io: Io): number {
  const result = modelFromFile(spec);
  if (!result.ok) {
    reportProblems(io, result.errors);
    return 1;
  }
  reportProblems(io, result.warnings);
  io.out(`${spec} is valid`);
  return 0;
}
