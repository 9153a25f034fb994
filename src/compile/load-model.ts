import { readFileSync } from "node:fs";
import type { LocatedError } from "../errors/spec-error.js";
import { parseSource } from "../load/source-document.js";
import { lower } from "../lower/lower.js";
import type { Model } from "../model/model.js";
import { validateSpec } from "../validate/validate-spec.js";

export type ModelResult =
  | { readonly ok: true; readonly model: Model; readonly warnings: readonly LocatedError[] }
  | { readonly ok: false; readonly errors: readonly LocatedError[] };

/** load → validate → lower, from spec text. `file` is the name errors are reported under. */
export function modelFromText(file: string, text: string): ModelResult {
  const parsed = parseSource(file, text);
  if (!parsed.ok) {
    return { ok: false, errors: parsed.errors.map(({ position, error }) => ({ ...error, file, position })) };
  }
  const validated = validateSpec(parsed.document);
  if (!validated.ok) return validated;
  return { ok: true, model: lower(validated.value.spec, validated.value.views), warnings: validated.value.warnings };
}

/** load → validate → lower, from a spec file. */
export function modelFromFile(file: string): ModelResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    return { ok: false, errors: [{ file, position: { line: 1, col: 1 }, path: [], message: `cannot read the spec: ${reason}` }] };
  }
  return modelFromText(file, text);
}
