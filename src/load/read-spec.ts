import { readFileSync } from "node:fs";
import type { LocatedError } from "../errors/spec-error.js";

/** A spec file's text, or the located error every command reports when it cannot be read. */
export type SpecText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: LocatedError };

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  ENOTDIR: "a part of its path is not a folder",
};

/**
 * The one way a command reads a spec file (`--spec`, `--base-spec`): a missing or unreadable file is a
 * spec error, `FILE:1:1: (root): cannot read the spec: REASON`, and the command exits 1 as for any spec error.
 */
export function readSpec(file: string): SpecText {
  try {
    return { ok: true, text: readFileSync(file, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const reason = REASONS[code] ?? (e as Error).message;
    return { ok: false, error: { file, position: { line: 1, col: 1 }, path: [], message: `cannot read the spec: ${reason}` } };
  }
}
