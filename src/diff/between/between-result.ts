import { compareStrings } from "../../errors/spec-error.js";
import { diffFields } from "../core/field-diff.js";
import { explain } from "./known-differences.js";

/** One field (or whole object, field `(object)`) that differs between what the two backends make. */
export interface BetweenDifference {
  readonly object: string;
  readonly field: string;
  /** The first backend's value (absent when it does not have it). */
  readonly left?: unknown;
  readonly right?: unknown;
  /** Why the two tools differ here, for a difference that follows from how they work; absent when unexpected. */
  readonly explanation?: string;
}

/**
 * `equivalent`: the same objects; `explained`: only differences that follow from how the tools work;
 * `different`: at least one unexpected difference; `invalid`: the spec does not validate with the other backend.
 */
export type BetweenStatus = "equivalent" | "explained" | "different" | "invalid";

/** One target (a service in one environment, or a cluster) rendered through both backends. */
export interface BetweenTarget {
  readonly target: string;
  readonly kind: "service" | "cluster";
  readonly status: BetweenStatus;
  /** How many objects were compared. */
  readonly objects: number;
  readonly differences: readonly BetweenDifference[];
  /** How each side reaches the cluster, and similar wiring: reported, never a difference. */
  readonly notes: readonly string[];
  /** Why the target is `invalid`. */
  readonly message?: string;
}

/** `foundation diff --between A,B`: every compared target. */
export interface BetweenDiff {
  readonly spec: string;
  /** The cluster compared (`--cluster`), or the one service (`--service`). */
  readonly only?: string;
  readonly left: string;
  readonly right: string;
  readonly targets: readonly BetweenTarget[];
}

/** Compares two normalized descriptions (objects by `Kind/name`), field by field, each difference explained when it can be. */
export function compareDescriptions(
  kind: "service" | "cluster",
  left: Readonly<Record<string, unknown>>,
  right: Readonly<Record<string, unknown>>,
  context: { readonly cluster: string },
): BetweenDifference[] {
  const names = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort(compareStrings);
  const out: BetweenDifference[] = [];
  for (const object of names) {
    const a = left[object];
    const b = right[object];
    const changes =
      a === undefined || b === undefined
        ? [{ field: "(object)", ...(a !== undefined ? { before: "present" } : {}), ...(b !== undefined ? { after: "present" } : {}) }]
        : diffFields(a, b);
    for (const change of changes) {
      const difference = { object, field: change.field, left: change.before, right: change.after };
      const explanation = explain(kind, difference, context);
      out.push({ object, field: change.field, ...(change.before !== undefined ? { left: change.before } : {}), ...(change.after !== undefined ? { right: change.after } : {}), ...(explanation ? { explanation } : {}) });
    }
  }
  return out;
}

/** The status a list of differences gives a target. */
export function statusOf(differences: readonly BetweenDifference[]): BetweenStatus {
  if (differences.length === 0) return "equivalent";
  return differences.every((d) => d.explanation !== undefined) ? "explained" : "different";
}

/** True when a target is invalid or has a difference no known difference explains (what `--exit-code` fails on). */
export function hasUnexplained(diff: BetweenDiff): boolean {
  return diff.targets.some((t) => t.status === "different" || t.status === "invalid");
}

/** The same result with the two sides swapped (for `--between pulumi,kubectl`). */
export function swapSides(diff: BetweenDiff): BetweenDiff {
  return {
    ...diff,
    left: diff.right,
    right: diff.left,
    targets: diff.targets.map((t) => ({
      ...t,
      differences: t.differences.map(({ left, right, ...rest }) => ({
        object: rest.object,
        field: rest.field,
        ...(right !== undefined ? { left: right } : {}),
        ...(left !== undefined ? { right: left } : {}),
        ...(rest.explanation !== undefined ? { explanation: rest.explanation } : {}),
      })),
    })),
  };
}
