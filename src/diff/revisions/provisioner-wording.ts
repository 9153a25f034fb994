import { PROVISIONING_MANUAL_DIR } from "../../model/output-layout.js";

/** A cluster change whose rollout depends on the tool that provisions the cluster. */
export type LifecycleChange =
  | {
      readonly kind: "nodeGroupReplacement";
      readonly cluster: string;
      readonly group: string;
      /** The changed fields, of those the provisioner cannot change on an existing node group. */
      readonly fields: readonly string[];
    }
  | { readonly kind: "versionUpgrade"; readonly cluster: string; readonly from: string; readonly to: string };

/** What a provisioner says of a lifecycle change: the message of its diff warning, or nothing to warn of. */
export interface ProvisionerWording {
  /** Node-group fields a change of which the provisioner applies by a new node group, not in place. */
  readonly nodeGroupReplacedBy: readonly string[];
  describe(change: LifecycleChange): string | undefined;
}

/**
 * eksctl clusters: `create-<cluster>-cluster.sh` creates missing node groups and upgrades versions, but
 * never changes anything else of an existing node group (eksctl cannot change its instance types,
 * capacity type, disk or subnets, and the script sets no labels or taints on it).
 */
export const eksctlWording: ProvisionerWording = {
  nodeGroupReplacedBy: ["instanceTypes", "capacityType", "volumeSizeGiB", "privateNetworking", "labels", "taints"],
  describe(change) {
    const script = `out/${PROVISIONING_MANUAL_DIR}/create-${change.cluster}-cluster.sh`;
    switch (change.kind) {
      case "nodeGroupReplacement":
        return (
          `node group ${change.group}: on eksctl, ${change.fields.join(", ")} of an existing node group never change (${script} skips existing groups); ` +
          `to apply it, give the group a new name in the spec and run the script (the new group is created beside the old one), ` +
          `then drain and delete the old one: eksctl delete nodegroup --cluster ${change.cluster} --name ${change.group} --drain`
        );
      case "versionUpgrade":
        return (
          `Kubernetes ${change.from} -> ${change.to}: ${script} upgrades, in the order EKS requires, ` +
          `1. the control plane (eksctl upgrade cluster), 2. the EKS add-ons vpc-cni, kube-proxy and CoreDNS to the newest version for ${change.to} (eksctl update addon), ` +
          `3. each managed node group (eksctl upgrade nodegroup --kubernetes-version ${change.to}: its nodes are replaced and drained one by one); ` +
          `then run out/${PROVISIONING_MANUAL_DIR}/install-addons-${change.cluster}.sh for the add-ons of ${change.to} (cluster-autoscaler's image follows the minor)`
        );
    }
  },
};

/**
 * Pulumi clusters: what `pulumi up` of the cluster's provisioning stack does. A node group has a generated
 * name (`<group>-<suffix>`), so Pulumi creates its replacement before it deletes it; a version change
 * follows the program's dependencies: control plane, VPC CNI and kube-proxy, node groups, CoreDNS, charts.
 */
export const pulumiWording: ProvisionerWording = {
  nodeGroupReplacedBy: ["instanceTypes", "capacityType", "volumeSizeGiB", "privateNetworking"],
  describe(change) {
    switch (change.kind) {
      case "nodeGroupReplacement":
        return (
          `node group ${change.group}: on Pulumi, ${change.fields.join(", ")} cannot change on an existing managed node group, so pulumi up replaces it: ` +
          `it first creates a new group (named ${change.group}-<generated suffix>) with the new settings and waits until its nodes are ready, ` +
          `then deletes the old one: EKS scales it to zero, draining each node (preStop hooks, SIGTERM, the pods' grace period) and terminating it after at most 5 minutes ` +
          `whether or not its pods have left (PodDisruptionBudgets are not waited for); both groups' nodes run, and are billed, in between`
        );
      case "versionUpgrade":
        return (
          `Kubernetes ${change.from} -> ${change.to}: pulumi up of ${change.cluster}'s provisioning stack upgrades, in the order EKS requires, ` +
          `1. the control plane, 2. the EKS add-ons vpc-cni and kube-proxy to the newest version for ${change.to}, ` +
          `3. each managed node group in place (EKS brings up nodes of ${change.to}, then cordons and drains the old ones, respecting PodDisruptionBudgets; ` +
          `a budget that blocks a drain for 15 minutes fails the update), 4. CoreDNS to the newest version for ${change.to}, ` +
          `then the Helm add-ons (cluster-autoscaler's image follows the minor)`
        );
    }
  },
};

/** The wording of the provisioner a cluster has after the change. */
export function provisionerWording(backend: string): ProvisionerWording {
  return backend === "eksctl" ? eksctlWording : pulumiWording;
}
