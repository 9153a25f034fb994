import type { SpecError } from "../errors/spec-error.js";
import type { Spec } from "../spec/schema.js";

/** Checks `delivery.argocd`: the clusters it names exist, once each, and run kubectl services for it to sync. */
export function checkDelivery(spec: Spec, errors: SpecError[]): void {
  const argocd = spec.delivery?.argocd;
  if (!argocd) return;
  const at = ["delivery", "argocd"];
  const kubectlClusters = new Set(Object.values(spec.services).filter((s) => s.deployWith === "kubectl").map((s) => s.cluster));
  if (argocd.clusters === undefined) {
    if (kubectlClusters.size === 0) errors.push({ path: at, message: "no service is deployed with kubectl, so Argo CD has nothing to sync", severity: "warning" });
    return;
  }
  const seen = new Set<string>();
  argocd.clusters.forEach((name, i) => {
    const path = [...at, "clusters", i];
    if (!Object.hasOwn(spec.clusters, name)) {
      errors.push({ path, message: `cluster "${name}" is not declared`, fix: `use one of: ${Object.keys(spec.clusters).join(", ")}` });
    } else if (seen.has(name)) {
      errors.push({ path, message: `cluster "${name}" is listed twice` });
    } else if (!kubectlClusters.has(name)) {
      errors.push({ path, message: `cluster "${name}" runs no kubectl service, so its Argo CD would have nothing to sync`, severity: "warning" });
    }
    seen.add(name);
  });
}
