import type { Model } from "../../src/model/model.js";
import type { EksctlClusterPlan } from "../../src/plan/eksctl-plan.js";
import { buildClusterNamespace } from "../../src/k8s/cluster-namespace.js";
import { buildClusterConfig } from "./cluster-config.js";
import { helmInstall } from "./helm-install.js";

/** What the eksctl backend does for each cluster with `provisioner: eksctl`: its ClusterConfig, its add-ons' Helm installs and its namespaces. */
export function eksctlPlan(model: Model): EksctlClusterPlan[] {
  return model.clusters
    .filter((cluster) => cluster.provisioner === "eksctl")
    .map((cluster) => ({
      cluster: cluster.name,
      config: buildClusterConfig(cluster),
      helmInstalls: cluster.addons.map(helmInstall),
      namespaces: cluster.namespaces.map((namespace) => buildClusterNamespace(model.project, cluster, namespace)),
    }));
}
