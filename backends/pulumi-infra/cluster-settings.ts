import type { Addon, AddonKind, Cluster, IrsaBinding, NodeGroup, TaintEffect } from "../../src/model/model.js";

/** A Helm chart of an add-on, pinned, as the generated program's `HelmChart` type has it. */
export interface HelmChartSettings {
  readonly release: string;
  readonly chart: string;
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  readonly serviceAccount?: string;
}

/** The permissions of an IRSA role, as the generated program's `RolePolicy` type has it. */
export type RolePolicySettings =
  | { readonly kind: "awsLoadBalancerController" }
  | { readonly kind: "clusterAutoscaler" }
  | { readonly kind: "managed"; readonly arns: readonly string[] };

/** An IRSA role, as the generated program's `ServiceAccountRole` type has it. */
export interface ServiceAccountRoleSettings {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName: string;
  readonly output: string;
  readonly policy: RolePolicySettings;
}

/** A managed node group in the AWS API's vocabulary (`SPOT`, `NO_SCHEDULE`). */
export interface NodeGroupSettings {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly diskSizeGiB: number;
  readonly privateNetworking: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
  readonly autoscalerTags: Readonly<Record<string, string>>;
}

/** One entry of the generated program's `clusters` table: everything its stack builds. */
export interface ClusterSettings {
  readonly kubernetesVersion: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly vpc: {
    readonly cidr: string;
    readonly natGateway: Cluster["vpc"]["natGateway"];
    readonly publicSubnets: readonly string[];
    readonly privateSubnets: readonly string[];
  };
  readonly nodeGroups: readonly NodeGroupSettings[];
  readonly addons: Partial<Record<AddonKind, HelmChartSettings>>;
  readonly serviceAccountRoles: readonly ServiceAccountRoleSettings[];
}

const TAINT_EFFECTS: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/** The settings of a pulumi cluster, ready to be written as a TypeScript literal. */
export function clusterSettings(cluster: Cluster): ClusterSettings {
  return {
    kubernetesVersion: cluster.kubernetesVersion,
    tags: cluster.tags,
    vpc: {
      cidr: cluster.vpc.cidr,
      natGateway: cluster.vpc.natGateway,
      publicSubnets: cluster.vpc.publicSubnets,
      privateSubnets: cluster.vpc.privateSubnets,
    },
    nodeGroups: cluster.nodeGroups.map(nodeGroupSettings),
    addons: Object.fromEntries(cluster.addons.map((addon) => [addon.kind, chartSettings(addon)])),
    serviceAccountRoles: cluster.irsa.map(roleSettings),
  };
}

function nodeGroupSettings(group: NodeGroup): NodeGroupSettings {
  return {
    name: group.name,
    instanceTypes: group.instanceTypes,
    capacityType: group.capacityType === "spot" ? "SPOT" : "ON_DEMAND",
    minSize: group.minSize,
    desiredSize: group.desiredSize,
    maxSize: group.maxSize,
    diskSizeGiB: group.volumeSizeGiB,
    privateNetworking: group.privateNetworking,
    labels: group.labels,
    taints: group.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: TAINT_EFFECTS[t.effect] })),
    autoscalerTags: group.autoscalerTags,
  };
}

function chartSettings(addon: Addon): HelmChartSettings {
  return {
    release: addon.release,
    chart: addon.chart,
    repository: addon.repository,
    version: addon.chartVersion,
    namespace: addon.namespace,
    ...(addon.serviceAccount ? { serviceAccount: addon.serviceAccount } : {}),
  };
}

function roleSettings(binding: IrsaBinding): ServiceAccountRoleSettings {
  const policy: RolePolicySettings =
    binding.policy.kind === "managed"
      ? { kind: "managed", arns: binding.policy.arns }
      : { kind: binding.policy.name === "awsLoadBalancerController" ? "awsLoadBalancerController" : "clusterAutoscaler" };
  return {
    namespace: binding.namespace,
    serviceAccount: binding.serviceAccount,
    roleName: binding.roleName,
    output: binding.roleArnOutput,
    policy,
  };
}
