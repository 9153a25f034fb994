import type { Addon, AddonKind, Cluster } from "../../src/model/model.js";
import { eksctlNamespacesFile, PROVISIONING_MANUAL_DIR } from "../../src/model/output-layout.js";

/** File names inside `PROVISIONING_MANUAL_DIR`. The ClusterConfig file of a cluster, beside its scripts. */
export function clusterConfigFile(cluster: Cluster): string {
  return `${cluster.name}.yaml`;
}

/** The manifest of the cluster's namespaces (the output layout's `eksctlNamespacesFile`, which CI applies too). */
export function namespacesFile(cluster: Cluster): string {
  return eksctlNamespacesFile(cluster.name).slice(PROVISIONING_MANUAL_DIR.length + 1);
}

export function createClusterScriptFile(cluster: Cluster): string {
  return `create-${cluster.name}-cluster.sh`;
}

const ADDON_SCRIPT_NAMES: Readonly<Record<AddonKind, string>> = {
  awsLoadBalancerController: "alb-controller",
  metricsServer: "metrics-server",
  clusterAutoscaler: "cluster-autoscaler",
};

export function installAddonScriptFile(cluster: Cluster, addon: Pick<Addon, "kind">): string {
  return `install-${ADDON_SCRIPT_NAMES[addon.kind]}-${cluster.name}.sh`;
}

/** The script that installs every add-on of the cluster in order. */
export function installAddonsScriptFile(cluster: Cluster): string {
  return `install-addons-${cluster.name}.sh`;
}
