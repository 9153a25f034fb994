import type { SpecError, SpecPath } from "../errors/spec-error.js";
import type { Spec } from "../spec/schema.js";
import { originOf } from "../spec/merge-environment.js";
import { ADDON_CATALOG } from "../model/addon-catalog.js";
import { AWS_REGION_NAME_MAX, irsaRoleName } from "../model/names.js";
import type { EnvironmentViews } from "./validate-references.js";

/**
 * The names that carry a cluster's region because their namespace is wider than a region: IAM role names
 * (global to an account, which may hold every cluster of the spec, and case-insensitive). The region must
 * leave room in them, and no two IRSA bindings of the spec may get the same role: an add-on's ServiceAccount
 * and a service's in an environment whose namespace is the add-on's would.
 */
export function checkRegionalNames(spec: Spec, views: EnvironmentViews, errors: SpecError[]): void {
  const owners = new Map<string, string>();
  const claim = (roleName: string, owner: string, path: SpecPath) => {
    const key = roleName.toLowerCase();
    const first = owners.get(key);
    if (first === undefined) owners.set(key, owner);
    else errors.push({ path, message: `its IAM role ${roleName} would also be the role of ${first}: IAM role names are one per account` });
  };
  const usable = new Set<string>();
  for (const [name, cluster] of Object.entries(spec.clusters)) {
    if (cluster.region.length > AWS_REGION_NAME_MAX) {
      errors.push({
        path: ["clusters", name, "region"],
        message: `region "${cluster.region}" is longer than ${AWS_REGION_NAME_MAX} characters, as no AWS region is (IAM role names keep ${AWS_REGION_NAME_MAX} for it)`,
      });
      continue;
    }
    usable.add(name);
    for (const def of ADDON_CATALOG) {
      if (cluster.addons[def.kind] === undefined || !def.serviceAccount || !def.wellKnownPolicy) continue;
      claim(irsaRoleName(name, cluster.region, def.namespace, def.serviceAccount), `the add-on ${def.kind} of cluster "${name}"`, ["clusters", name, "addons", def.kind]);
    }
  }
  for (const [name, service] of Object.entries(spec.services)) {
    const cluster = spec.clusters[service.cluster];
    if (!cluster || !usable.has(service.cluster)) continue;
    for (const [envName, view] of views.get(name) ?? []) {
      const env = spec.environments[envName];
      if (!view.serviceAccount || !env) continue;
      claim(
        irsaRoleName(service.cluster, cluster.region, env.namespace, name),
        `service ${name} in environment ${envName}`,
        originOf(name, envName, service.environments[envName], ["serviceAccount"]),
      );
    }
  }
}
