import type { LocatedError, SpecError } from "../errors/spec-error.js";
import { sortErrors } from "../errors/spec-error.js";
import type { SourceDocument } from "../load/source-document.js";
import { specSchema, type Spec } from "../spec/schema.js";
import { validateReferences, type EnvironmentViews } from "./validate-references.js";
import { validateShape } from "./validate-shape.js";

/** A spec that passed every check, with its per-environment views. */
export interface ValidSpec {
  readonly spec: Spec;
  readonly views: EnvironmentViews;
  readonly warnings: readonly LocatedError[];
}

export type ValidationResult = { readonly ok: true; readonly value: ValidSpec } | { readonly ok: false; readonly errors: readonly LocatedError[] };

/** Validates a parsed document: shape first (zod), then references and cross-field rules; every error located. */
export function validateSpec(document: SourceDocument): ValidationResult {
  const locateAll = (errors: readonly SpecError[]) =>
    sortErrors(errors.map((e) => ({ ...e, file: document.file, position: document.locate(e.path, e.atKey) })));
  if (document.data === null || document.data === undefined) {
    return { ok: false, errors: locateAll([{ path: [], message: "the spec is empty" }]) };
  }
  const shaped = validateShape(specSchema, document.data);
  if (!shaped.ok) return { ok: false, errors: locateAll(shaped.errors) };
  const { errors, views } = validateReferences(shaped.value);
  const located = locateAll(errors);
  const failures = located.filter((e) => e.severity !== "warning");
  if (failures.length > 0) return { ok: false, errors: located };
  return { ok: true, value: { spec: shaped.value, views, warnings: located } };
}
