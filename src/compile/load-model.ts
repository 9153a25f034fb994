import type { LocatedError } from "../errors/spec-error.js";
import { readSpec } from "../load/read-spec.js";
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

/** load → validate → lower, from a spec file (read as every command reads it: `readSpec`). */
export function modelFromFile(file: string): ModelResult {
  const read = readSpec(file);
  return read.ok ? modelFromText(file, read.text) : { ok: false, errors: [read.error] };
}
