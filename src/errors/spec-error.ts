/** A path into the spec, as keys and list indexes: `["services", "day", "replicas"]`. */
export type SpecPath = readonly (string | number)[];

/** One problem with a spec: where it is, what is wrong, and (when there is one) how to fix it. */
export interface SpecError {
  readonly path: SpecPath;
  readonly message: string;
  readonly fix?: string;
  /** Point at the key itself rather than its value (unknown keys, duplicate keys). */
  readonly atKey?: boolean;
  /** A warning is printed but does not fail the compile. */
  readonly severity?: "warning";
}

/** A resolved source position, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

/** A spec error with its position in the file, ready to print. */
export interface LocatedError extends SpecError {
  readonly file: string;
  readonly position: SourcePosition;
}

/** Renders a path the way users write it: `services.day.environments.rc.replicas`, `taints[0].key`. */
export function formatPath(path: SpecPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(root)" : out;
}

/** `FILE:LINE:COL: PATH: MESSAGE`, with the fix appended when there is one. */
export function formatError(error: LocatedError): string {
  const fix = error.fix ? ` (fix: ${error.fix})` : "";
  const kind = error.severity === "warning" ? "warning: " : "";
  return `${error.file}:${error.position.line}:${error.position.col}: ${formatPath(error.path)}: ${kind}${error.message}${fix}`;
}

/** Orders errors by position, then path, then message, so output never depends on check order. */
export function sortErrors(errors: readonly LocatedError[]): LocatedError[] {
  return [...errors].sort(
    (a, b) =>
      a.position.line - b.position.line ||
      a.position.col - b.position.col ||
      compareStrings(formatPath(a.path), formatPath(b.path)) ||
      compareStrings(a.message, b.message),
  );
}

/** Locale-independent string order (plain code-unit comparison). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
