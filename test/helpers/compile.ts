import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BACKENDS } from "../../backends/index.js";
import type { Backend, GeneratedFile } from "../../src/backend.js";
import { generate } from "../../src/compile/generate.js";
import { modelFromText } from "../../src/compile/load-model.js";
import { parse } from "yaml";
import { validationDay } from "../../src/model/eks-versions.js";
import { lower } from "../../src/lower/lower.js";
import type { Model } from "../../src/model/model.js";
import { specSchema } from "../../src/spec/schema.js";
import { validateReferences, type RawSpec } from "../../src/validate/validate-references.js";

/** The project root. */
export const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The reference spec: a copy of the project's root foundation.yaml kept under test/ so that the suite does
 * not depend on the root spec (which a team replaces with its own); test/core/reference-spec.test.ts keeps
 * the two equal while the root spec is the reference.
 */
export const REFERENCE_SPEC = join(ROOT, "test", "fixtures", "valid", "reference.yaml");

/** The reference spec's text (see `REFERENCE_SPEC`). */
export function referenceSpecText(): string {
  return readFileSync(REFERENCE_SPEC, "utf8");
}

/** Lowers spec text to the model, failing the test with the printed errors when it does not validate. */
export function modelOf(text: string, file = "foundation.yaml"): Model {
  const result = modelFromText(file, text);
  if (!result.ok) throw new Error(`spec does not validate:\n${result.errors.map((e) => `${e.position.line}:${e.position.col} ${e.path.join(".")}: ${e.message}`).join("\n")}`);
  return result.model;
}

/** Every generated file of a spec, by path. */
export function filesOf(text: string, backends: readonly Backend[] = BACKENDS): Map<string, GeneratedFile> {
  const files = generate(modelOf(text), "foundation.yaml", backends);
  return new Map(files.map((f) => [f.path, f]));
}

/**
 * The model of a spec whose shape is valid but which breaks rules the compiler enforces, lowered anyway:
 * to test that a backend still escapes values that validation would refuse (defence in depth).
 */
export function modelPastChecks(text: string): Model {
  const data = parse(text) as unknown;
  const spec = specSchema.parse(data);
  const { views } = validateReferences(spec, data as RawSpec, { today: validationDay() });
  return lower(spec, views);
}
