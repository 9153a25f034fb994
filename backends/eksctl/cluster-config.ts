import { autoDiscoveryTags, clusterAutoscalerPolicy } from "../../src/model/autoscaler-policy.js";
import type { AccessEntry as ModelAccessEntry, Cluster, IrsaBinding, NatGateway, NodeGroup } from "../../src/model/model.js";
import type {
  AccessConfig,
  AccessEntry,
  ClusterConfig,
  ClusterIAMServiceAccount,
  ClusterNAT,
  ManagedNodeGroup,
} from "../../src/plan/eksctl-cluster-config.generated.js";

const NAT_GATEWAYS: Readonly<Record<NatGateway, NonNullable<ClusterNAT["gateway"]>>> = {
  single: "Single",
  highlyAvailable: "HighlyAvailable",
  disable: "Disable",
};

/**
 * The EKS add-ons eksctl installs, listed so that nothing else is: since 2025 eksctl also installs
 * metrics-server as an EKS add-on by default, which would collide with the Helm release. `version:
 * latest` makes `eksctl create cluster` and `eksctl update addon` move each to the newest version EKS
 * offers for the control plane's Kubernetes version (without it, `update addon` keeps the version
 * installed, which an upgraded control plane may no longer support).
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
    accessConfig: accessConfig(cluster.access),
    vpc: { cidr: cluster.vpc.cidr, nat: { gateway: NAT_GATEWAYS[cluster.vpc.natGateway] } },
    managedNodeGroups: cluster.nodeGroups.map((group) => managedNodeGroup(cluster, group, autoscaled)),
    iam: {
      withOIDC: true,
      ...(cluster.irsa.length > 0 ? { serviceAccounts: cluster.irsa.map((binding) => serviceAccount(cluster, binding)) } : {}),
    },
    addonsConfig: { disableDefaultAddons: true },
    addons: CORE_EKS_ADDONS.map((name) => ({ name, version: "latest", resolveConflicts: "overwrite" })),
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
            ...autoDiscoveryTags(cluster.name),
            ...group.autoscalerTags,
          },
          propagateASGTags: true,
        }
      : {}),
  };
}

/**
 * `API_AND_CONFIG_MAP` allows access entries and keeps the aws-auth ConfigMap of clusters made before them
 * (a cluster's mode can only move towards `API`); the creator keeps its cluster-admin entry, so the create
 * script's caller can still reach the cluster. One entry per principal, each policy with its scope.
 */
function accessConfig(access: readonly ModelAccessEntry[]): AccessConfig {
  return {
    authenticationMode: "API_AND_CONFIG_MAP",
    bootstrapClusterCreatorAdminPermissions: true,
    ...(access.length > 0 ? { accessEntries: access.map(accessEntry) } : {}),
  };
}

function accessEntry(entry: ModelAccessEntry): AccessEntry {
  return {
    principalARN: entry.principalArn,
    accessPolicies: entry.policies.map((p) => ({
      policyARN: p.policyArn,
      accessScope: p.scope.type === "cluster" ? { type: "cluster" } : { type: "namespace", namespaces: [...p.scope.namespaces] },
    })),
  };
}

/**
 * eksctl creates the ServiceAccount, annotated with the role, and the role with its policies:
 * cluster-autoscaler's is the scoped document of `clusterAutoscalerPolicy` (eksctl's well-known
 * `autoScaler` policy lets it resize any Auto Scaling group of the account).
 */
function serviceAccount(cluster: Cluster, binding: IrsaBinding): ClusterIAMServiceAccount {
  const policy = binding.policy;
  return {
    metadata: { name: binding.serviceAccount, namespace: binding.namespace },
    roleName: binding.roleName,
    ...(policy.kind === "managed"
      ? { attachPolicyARNs: [...policy.arns] }
      : policy.name === "autoScaler"
        ? { attachPolicy: clusterAutoscalerPolicy(cluster.name) }
        : { wellKnownPolicies: { awsLoadBalancerController: true } }),
  };
}
