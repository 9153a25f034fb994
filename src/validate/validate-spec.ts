import type { LocatedError, SpecError } from "../errors/spec-error.js";
import { formatPath, sortErrors } from "../errors/spec-error.js";
import type { SourceDocument } from "../load/source-document.js";
import { metadataSchema, sectionEntrySchemas, specSchema, type Spec } from "../spec/schema.js";
import { validationDay } from "../model/eks-versions.js";
import { validateReferences, type EnvironmentViews, type RawSpec } from "./validate-references.js";
import type { LifecycleOptions } from "./validate-cluster-lifecycle.js";
import { validateShape } from "./validate-shape.js";
import { withoutPrototypes } from "./without-prototypes.js";

/** A spec that passed every check, with its per-environment views. */
export interface ValidSpec {
  readonly spec: Spec;
  readonly views: EnvironmentViews;
  readonly warnings: readonly LocatedError[];
}

export type ValidationResult = { readonly ok: true; readonly value: ValidSpec } | { readonly ok: false; readonly errors: readonly LocatedError[] };

/**
 * Validates a parsed document: shape first (zod), then references and cross-field rules; every error located.
 * `today` (UTC, YYYY-MM-DD; `FOUNDATION_TODAY` by default, else the real day) decides which Kubernetes versions EKS still offers; it never changes the output.
 */
export function validateSpec(document: SourceDocument, options: LifecycleOptions = { today: validationDay() }): ValidationResult {
  const locateAll = (errors: readonly SpecError[]) =>
    sortErrors(uniqueErrors(errors).map((e) => ({ ...e, file: document.file, position: document.locate(e.path, e.atKey) })));
  if (document.data === null || document.data === undefined) {
    return { ok: false, errors: locateAll([{ path: [], message: "the spec is empty" }]) };
  }
  const shaped = validateShape(specSchema, document.data);
  if (!shaped.ok) {
    // Still check references and cross-field rules among the entries that are well-formed, so one run reports everything.
    const salvaged = salvage(document.data);
    const more = salvaged ? validateReferences(salvaged, document.data as RawSpec, options).errors : [];
    return { ok: false, errors: locateAll([...shaped.errors, ...more]) };
  }
  const { errors, views } = validateReferences(shaped.value, document.data as RawSpec, options);
  const located = locateAll(errors);
  const failures = located.filter((e) => e.severity !== "warning");
  if (failures.length > 0) return { ok: false, errors: located };
  return { ok: true, value: { spec: shaped.value, views, warnings: located } };
}

/** A rule checked per environment finds the same fault once per environment when it lies in the shared part. */
function uniqueErrors(errors: readonly SpecError[]): SpecError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${formatPath(e.path)}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The well-formed entries of a spec with shape errors, as a spec; undefined when too little is usable. */
function salvage(data: unknown): Spec | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const raw = data as Record<string, unknown>;
  const metadata = metadataSchema.safeParse(raw.metadata);
  const section = <K extends keyof typeof sectionEntrySchemas>(key: K) => {
    const entries = raw[key];
    if (typeof entries !== "object" || entries === null || Array.isArray(entries)) return {};
    const schema = sectionEntrySchemas[key];
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(entries)) {
      const parsed = schema.safeParse(value);
      if (parsed.success) kept[name] = parsed.data;
    }
    return kept;
  };
  return withoutPrototypes({
    apiVersion: "foundation/v1alpha1",
    kind: "Foundation",
    metadata: metadata.success ? metadata.data : { name: "salvaged", organization: "salvaged" },
    environments: section("environments"),
    clusters: section("clusters"),
    services: section("services"),
  }) as Spec;
}
