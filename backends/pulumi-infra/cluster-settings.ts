import { buildClusterNamespace } from "../../src/k8s/cluster-namespace.js";
import { clusterAutoscalerPolicy } from "../../src/model/autoscaler-policy.js";
import type { AccessEntry as ModelAccessEntry, Addon, Cluster, ClusterNamespace, IrsaBinding, NodeGroup, Project, TaintEffect } from "../../src/model/model.js";
import { generatedHeader } from "../../src/render/header.js";
import { tsLiteral } from "../../src/render/typescript.js";
import type { AccessEntry, ClusterSettings, HelmChart, NamespaceObject, NodeGroupSettings, RolePolicy, ServiceAccountRole } from "./program/cluster-settings.js";

const TAINT_EFFECTS: Readonly<Record<TaintEffect, NodeGroupSettings["taints"][number]["effect"]>> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/** The settings of a pulumi cluster: the data of the stack that builds it. */
export function clusterSettings(project: Project, cluster: Cluster): ClusterSettings {
  return {
    name: cluster.name,
    kubernetesVersion: cluster.kubernetesVersion,
    partition: cluster.partition,
    excludedZoneIds: cluster.excludedZoneIds,
    access: accessEntries(cluster.access),
    tags: cluster.tags,
    vpc: {
      cidr: cluster.vpc.cidr,
      natGateway: cluster.vpc.natGateway,
      publicSubnets: cluster.vpc.publicSubnets,
      privateSubnets: cluster.vpc.privateSubnets,
    },
    nodeGroups: cluster.nodeGroups.map(nodeGroupSettings),
    addons: Object.fromEntries(cluster.addons.map((addon) => [addon.kind, chartSettings(addon)])),
    serviceAccountRoles: cluster.irsa.map((binding) => roleSettings(cluster, binding)),
    namespaces: cluster.namespaces.map((namespace) => namespaceObject(project, cluster, namespace)),
  };
}

/** The Namespace `buildClusterNamespace` makes (the one the eksctl backend's manifest holds too), in the program's type. */
function namespaceObject(project: Project, cluster: Cluster, namespace: ClusterNamespace): NamespaceObject {
  const built = buildClusterNamespace(project, cluster, namespace);
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: built.metadata?.name ?? namespace.name, labels: { ...built.metadata?.labels } } };
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

function chartSettings(addon: Addon): HelmChart {
  return {
    release: addon.release,
    chart: addon.chart,
    repository: addon.repository,
    version: addon.chartVersion,
    namespace: addon.namespace,
    ...(addon.serviceAccount ? { serviceAccount: addon.serviceAccount } : {}),
    ...(addon.imageTag !== undefined ? { imageTag: addon.imageTag } : {}),
    ...(addon.crdsUrl !== undefined ? { crdsUrl: addon.crdsUrl } : {}),
  };
}

/** `arn:aws:iam::123456789012:role/ci` -> `123456789012-role-ci`: the same principal keeps its key, whatever is added beside it. */
function keyOf(text: string): string {
  return text.replace(/^arn:[^:]*:iam::/, "").replace(/[^A-Za-z0-9_.-]+/g, "-");
}

/** Keys unique among their siblings: a key seen before takes the suffix `-2`, `-3`, ... */
function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}-${count}`;
  });
}

/** The cluster's access entries, each with keys for Pulumi resource names (an ARN's `::` cannot be in one). */
function accessEntries(access: readonly ModelAccessEntry[]): AccessEntry[] {
  const keys = uniqueKeys(access.map((entry) => keyOf(entry.principalArn)));
  return access.map((entry, index) => {
    const policyKeys = uniqueKeys(entry.policies.map((p) => p.policy));
    return {
      key: keys[index] as string,
      principalArn: entry.principalArn,
      policies: entry.policies.map((p, i) => ({
        key: policyKeys[i] as string,
        policyArn: p.policyArn,
        scope: p.scope.type === "cluster" ? { type: "cluster" } : { type: "namespace", namespaces: p.scope.namespaces },
      })),
    };
  });
}

function roleSettings(cluster: Cluster, binding: IrsaBinding): ServiceAccountRole {
  const policy: RolePolicy =
    binding.policy.kind === "managed"
      ? { kind: "managed", arns: binding.policy.arns }
      : binding.policy.name === "awsLoadBalancerController"
        ? { kind: "awsLoadBalancerController" }
        : { kind: "clusterAutoscaler", document: clusterAutoscalerPolicy(cluster.name) };
  return {
    namespace: binding.namespace,
    serviceAccount: binding.serviceAccount,
    roleName: binding.roleName,
    output: binding.roleArnOutput,
    policy,
  };
}

/** The program module declaring the type of a stack's data, as a data file imports it. */
const DATA_TYPES = "../cluster-settings";

/** `stacks/<stack>.ts`: the settings of the cluster the stack builds, as a typed TypeScript module the program loads by stack name. */
export function clusterSettingsFile(specName: string, settings: ClusterSettings): string {
  return (
    `${generatedHeader(specName, "//")}import type { ClusterSettings } from ${tsLiteral(DATA_TYPES)};\n\n` +
    `export const cluster: ClusterSettings = ${tsLiteral(settings)};\n`
  );
}
