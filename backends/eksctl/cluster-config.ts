import type { Cluster, IrsaBinding, NatGateway, NodeGroup } from "../../src/model/model.js";
import type { ClusterConfig, ClusterIAMServiceAccount, ClusterNAT, ManagedNodeGroup, WellKnownPolicies } from "../../src/plan/eksctl-cluster-config.generated.js";

const NAT_GATEWAYS: Readonly<Record<NatGateway, NonNullable<ClusterNAT["gateway"]>>> = {
  single: "Single",
  highlyAvailable: "HighlyAvailable",
  disable: "Disable",
};

/**
 * The EKS add-ons eksctl installs, listed so that nothing else is: since 2025 eksctl also installs
 * metrics-server as an EKS add-on by default, which would collide with the Helm release.
 */
const CORE_EKS_ADDONS = ["vpc-cni", "coredns", "kube-proxy"] as const;

/** The eksctl ClusterConfig of a cluster with `provisioner: eksctl`. */
export function buildClusterConfig(cluster: Cluster): ClusterConfig {
  const autoscaled = cluster.addons.some((a) => a.kind === "clusterAutoscaler");
  return {
    apiVersion: "eksctl.io/v1alpha5",
    kind: "ClusterConfig",
    metadata: {
      name: cluster.name,
      region: cluster.region,
      version: cluster.kubernetesVersion,
      ...(Object.keys(cluster.tags).length > 0 ? { tags: { ...cluster.tags } } : {}),
    },
    vpc: { cidr: cluster.vpc.cidr, nat: { gateway: NAT_GATEWAYS[cluster.vpc.natGateway] } },
    managedNodeGroups: cluster.nodeGroups.map((group) => managedNodeGroup(cluster, group, autoscaled)),
    iam: {
      withOIDC: true,
      ...(cluster.irsa.length > 0 ? { serviceAccounts: cluster.irsa.map(serviceAccount) } : {}),
    },
    addonsConfig: { disableDefaultAddons: true },
    addons: CORE_EKS_ADDONS.map((name) => ({ name, resolveConflicts: "overwrite" })),
  };
}

/**
 * A managed node group. When cluster-autoscaler runs, the group carries its auto-discovery tags and the
 * node-template tags of its labels and taints, and `propagateASGTags` copies them to the Auto Scaling
 * group, where cluster-autoscaler reads them (also to scale a group up from zero).
 */
function managedNodeGroup(cluster: Cluster, group: NodeGroup, autoscaled: boolean): ManagedNodeGroup {
  return {
    name: group.name,
    instanceTypes: [...group.instanceTypes],
    ...(group.capacityType === "spot" ? { spot: true } : {}),
    minSize: group.minSize,
    desiredCapacity: group.desiredSize,
    maxSize: group.maxSize,
    volumeSize: group.volumeSizeGiB,
    privateNetworking: group.privateNetworking,
    ...(Object.keys(group.labels).length > 0 ? { labels: { ...group.labels } } : {}),
    ...(group.taints.length > 0
      ? { taints: group.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })) }
      : {}),
    ...(autoscaled
      ? {
          tags: {
            "k8s.io/cluster-autoscaler/enabled": "true",
            [`k8s.io/cluster-autoscaler/${cluster.name}`]: "owned",
            ...group.autoscalerTags,
          },
          propagateASGTags: true,
        }
      : {}),
  };
}

const WELL_KNOWN_POLICIES: Readonly<Record<"awsLoadBalancerController" | "autoScaler", WellKnownPolicies>> = {
  awsLoadBalancerController: { awsLoadBalancerController: true },
  autoScaler: { autoScaler: true },
};

/** eksctl creates the ServiceAccount, annotated with the role, and the role with its policies. */
function serviceAccount(binding: IrsaBinding): ClusterIAMServiceAccount {
  return {
    metadata: { name: binding.serviceAccount, namespace: binding.namespace },
    roleName: binding.roleName,
    ...(binding.policy.kind === "wellKnown"
      ? { wellKnownPolicies: WELL_KNOWN_POLICIES[binding.policy.name] }
      : { attachPolicyARNs: [...binding.policy.arns] }),
  };
}
