import type { GeneratedFile } from "../../backend.js";
import { compareStrings } from "../../errors/spec-error.js";
import type { Model } from "../../model/model.js";
import { diffFields, isEqual, type FieldChange } from "../core/field-diff.js";
import { targetsOf, type Target, type TargetLocation } from "./targets.js";
import { warningsFor, type DiffWarning } from "./warnings.js";

export type ChangeKind = "added" | "removed" | "changed";

/** One object of a target that is added, removed or changed, with its changed fields. */
export interface ObjectChange {
  readonly object: string;
  readonly change: ChangeKind;
  readonly fields: readonly FieldChange[];
}

/** What happens to one target. */
export interface TargetChange {
  readonly target: string;
  readonly kind: "cluster" | "service";
  /** The backend, or `kubectl -> pulumi` when it moves. */
  readonly backend: string;
  readonly change: ChangeKind;
  readonly objects: readonly ObjectChange[];
}

/** Files under the output folder that the change adds, removes or rewrites. */
export interface FileChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** A target to deploy after the change (what CI previews and applies). */
export type AffectedTarget = TargetLocation & { readonly target: string };

/** Affected targets grouped the way CI runs them: infrastructure first, then applications. */
export interface AffectedTargets {
  /** Stacks of the provisioning project (pulumi clusters). */
  readonly provisioning: readonly AffectedTarget[];
  /** eksctl clusters: their scripts are run by a person. */
  readonly eksctl: readonly AffectedTarget[];
  /** Stacks of the deploy project (pulumi services). */
  readonly deploy: readonly AffectedTarget[];
  /** Folders of kubectl services that CI applies. */
  readonly kubectl: readonly AffectedTarget[];
  /** Folders of kubectl services that Argo CD syncs (CI only checks them). */
  readonly argocd: readonly AffectedTarget[];
}

/** Everything a spec change does, ready for any output format. */
export interface RevisionDiff {
  readonly base: string;
  readonly head: string;
  readonly warnings: readonly DiffWarning[];
  readonly targets: readonly TargetChange[];
  readonly files: FileChanges;
  /** Targets to preview and deploy, as they are after the change. */
  readonly affected: AffectedTargets;
  /** Targets that no longer exist: their resources must be destroyed by hand. */
  readonly removed: readonly AffectedTarget[];
}

/** A compiled revision of the spec. */
export interface Revision {
  readonly label: string;
  readonly model: Model;
  readonly files: readonly GeneratedFile[];
}

/** Compares two compiled revisions of the spec: per target down to the field, per file, and what is disruptive. */
export function diffRevisions(base: Revision, head: Revision): RevisionDiff {
  const before = targetsOf(base.model);
  const after = targetsOf(head.model);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareTargets(before, after));
  const targets: TargetChange[] = [];
  const warnings: DiffWarning[] = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    const change = targetChange(id, a, b);
    if (change) targets.push(change);
    warnings.push(...warningsFor(id, a, b, head.model));
  }
  const live = targets.filter((t) => t.change !== "removed").map((t) => after.get(t.target) as Target);
  const group = (kind: Target["kind"], location: TargetLocation["kind"]) =>
    live.filter((t) => t.kind === kind && t.location.kind === location).map(located);
  const affected: AffectedTargets = {
    provisioning: group("cluster", "pulumi"),
    eksctl: group("cluster", "eksctl"),
    deploy: group("service", "pulumi"),
    kubectl: group("service", "kubectl").filter((t) => !("syncedBy" in t)),
    argocd: group("service", "kubectl").filter((t) => "syncedBy" in t),
  };
  const removed = targets.filter((t) => t.change === "removed").map((t) => located(before.get(t.target) as Target));
  return { base: base.label, head: head.label, warnings, targets, files: diffFiles(base.files, head.files), affected, removed };
}

function located(target: Target): AffectedTarget {
  return { target: target.id, ...target.location };
}

function compareTargets(before: Map<string, Target>, after: Map<string, Target>) {
  const rank = (id: string) => ((after.get(id) ?? before.get(id))?.kind === "cluster" ? 0 : 1);
  return (x: string, y: string) => rank(x) - rank(y) || compareStrings(x, y);
}

function targetChange(id: string, a: Target | undefined, b: Target | undefined): TargetChange | undefined {
  const kind = (b ?? a)?.kind as "cluster" | "service";
  const backend = a && b && a.backend !== b.backend ? `${a.backend} -> ${b.backend}` : (b ?? a)?.backend ?? "";
  const objects = diffObjects(a?.objects ?? {}, b?.objects ?? {});
  if (!a) return { target: id, kind, backend, change: "added", objects };
  if (!b) return { target: id, kind, backend, change: "removed", objects };
  if (objects.length === 0 && a.backend === b.backend && a.cluster === b.cluster) return undefined;
  return { target: id, kind, backend, change: "changed", objects };
}

function diffObjects(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): ObjectChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const out: ObjectChange[] = [];
  for (const object of names) {
    const a = before[object];
    const b = after[object];
    if (a === undefined) out.push({ object, change: "added", fields: [] });
    else if (b === undefined) out.push({ object, change: "removed", fields: [] });
    else if (!isEqual(a, b)) out.push({ object, change: "changed", fields: diffFields(a, b) });
  }
  return out;
}

function diffFiles(before: readonly GeneratedFile[], after: readonly GeneratedFile[]): FileChanges {
  const a = new Map(before.map((f) => [f.path, f]));
  const b = new Map(after.map((f) => [f.path, f]));
  const sorted = (paths: Iterable<string>) => [...paths].sort(compareStrings);
  return {
    added: sorted([...b.keys()].filter((p) => !a.has(p))),
    removed: sorted([...a.keys()].filter((p) => !b.has(p))),
    changed: sorted(
      [...b.keys()].filter((p) => {
        const x = a.get(p);
        const y = b.get(p);
        return x !== undefined && y !== undefined && (x.content !== y.content || Boolean(x.executable) !== Boolean(y.executable));
      }),
    ),
  };
}

/** True when the diff found anything at all. */
export function hasChanges(diff: RevisionDiff): boolean {
  return diff.targets.length > 0 || diff.files.added.length + diff.files.removed.length + diff.files.changed.length > 0;
}
