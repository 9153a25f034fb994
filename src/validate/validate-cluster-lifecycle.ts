import type { SpecError } from "../errors/spec-error.js";
import { ADDON_CATALOG } from "../model/addon-catalog.js";
import { EKS_PRICE_PER_HOUR, EKS_VERSIONS_CHECKED, eksVersionStatus, offeredEksVersions } from "../model/eks-versions.js";
import type { Spec } from "../spec/schema.js";

/** What the lifecycle rules need to know besides the spec. */
export interface LifecycleOptions {
  /** The day the spec is checked (YYYY-MM-DD, UTC): EKS support status depends on it. */
  readonly today: string;
}

/**
 * Rules that follow a cluster through its life: the Kubernetes version EKS still offers (a warning from the
 * end of standard support, with its date and cost; an error once EKS no longer offers it), add-on images that
 * must match the cluster's minor, and access entries EKS accepts.
 */
export function checkClusterLifecycle(spec: Spec, options: LifecycleOptions, errors: SpecError[]): void {
  for (const [name, cluster] of Object.entries(spec.clusters)) {
    const at = ["clusters", name];
    const offered = checkVersion(cluster.kubernetesVersion, [...at, "kubernetesVersion"], options.today, errors);
    for (const def of ADDON_CATALOG) {
      if (!offered || !def.imageTags || cluster.addons[def.kind] === undefined) continue;
      if (def.imageTags[cluster.kubernetesVersion] === undefined) {
        errors.push({
          path: [...at, "kubernetesVersion"],
          message: `${def.release} supports only its own Kubernetes minor, and foundation knows no ${def.release} release for ${cluster.kubernetesVersion} (it knows ${Object.keys(def.imageTags).join(", ")})`,
          fix: `use one of those versions, or add ${cluster.kubernetesVersion} to the image table of ${def.release} in src/model/addon-catalog.ts`,
        });
      }
    }
    checkAccess(cluster.access, [...at, "access"], errors);
  }
}

/** Reports the version's support status; true when EKS offers it. */
function checkVersion(version: string, path: readonly string[], today: string, errors: SpecError[]): boolean {
  const status = eksVersionStatus(version, today);
  const offered = offeredEksVersions(today);
  const newest = offered[offered.length - 1];
  const upgrade = newest ? `upgrade one minor version at a time towards ${newest}` : "upgrade";
  switch (status.kind) {
    case "unknown":
      errors.push({
        path,
        message: `Kubernetes ${version} is not in foundation's table of EKS versions (checked ${EKS_VERSIONS_CHECKED}; it knows ${offered.join(", ")} as offered on ${today})`,
        fix: `use an offered version; if EKS has released ${version} since, add it to src/model/eks-versions.ts`,
      });
      return false;
    case "notYetReleased":
      errors.push({ path, message: `Kubernetes ${version} is not offered by EKS before ${status.entry.released}`, fix: `use one of ${offered.join(", ")}` });
      return false;
    case "retired":
      errors.push({
        path,
        message: `EKS no longer offers Kubernetes ${version}: its extended support ended on ${status.entry.endOfExtendedSupport}, and EKS upgrades such clusters itself`,
        fix: upgrade,
      });
      return false;
    case "extended":
      errors.push({
        path,
        message:
          `Kubernetes ${version} left EKS standard support on ${status.entry.endOfStandardSupport}: the cluster runs on extended support, ` +
          `billed at $${EKS_PRICE_PER_HOUR.extended.toFixed(2)} per cluster-hour instead of $${EKS_PRICE_PER_HOUR.standard.toFixed(2)}, ` +
          `until ${status.entry.endOfExtendedSupport}, when EKS upgrades it itself`,
        fix: upgrade,
        severity: "warning",
      });
      return true;
    case "standard":
      return true;
  }
}

function checkAccess(entries: Spec["clusters"][string]["access"], path: readonly string[], errors: SpecError[]): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (entry.policy === "cluster-admin" && entry.namespaces) {
      errors.push({
        path: [...path, i, "namespaces"],
        message: "cluster-admin is a cluster-wide policy and cannot be limited to namespaces",
        fix: "use policy admin for full access within namespaces, or drop namespaces",
      });
    }
    const key = `${entry.principalArn}\u0000${entry.policy}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: [...path, i, "principalArn"],
        message: `${entry.principalArn} already has policy ${entry.policy} at access[${first}]; an access entry associates each policy once`,
        fix: `list every namespace in access[${first}].namespaces`,
      });
    } else seen.set(key, i);
    const namespaces = new Set<string>();
    entry.namespaces?.forEach((ns, j) => {
      if (namespaces.has(ns)) errors.push({ path: [...path, i, "namespaces", j], message: `namespace "${ns}" is listed twice` });
      namespaces.add(ns);
    });
  });
}
