import type { Cluster } from "../../model/model.js";

/**
 * What a cluster is, independent of the tool that provisions it: the objects `foundation diff` compares
 * between revisions, and between eksctl and Pulumi. Keys are `Kind/name`.
 */
export type ClusterDescription = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The normalized description of a cluster as the model says it should be. */
export function describeCluster(cluster: Cluster): ClusterDescription {
  const description: Record<string, Record<string, unknown>> = {
    [`Cluster/${cluster.name}`]: {
      provisioner: cluster.provisioner,
      region: cluster.region,
      kubernetesVersion: cluster.kubernetesVersion,
      oidc: true,
      tags: { ...cluster.tags },
    },
    [`Vpc/${cluster.name}`]: { cidr: cluster.vpc.cidr, natGateway: cluster.vpc.natGateway },
  };
  for (const group of cluster.nodeGroups) {
    description[`NodeGroup/${group.name}`] = {
      instanceTypes: [...group.instanceTypes],
      capacityType: group.capacityType,
      minSize: group.minSize,
      desiredSize: group.desiredSize,
      maxSize: group.maxSize,
      volumeSizeGiB: group.volumeSizeGiB,
      privateNetworking: group.privateNetworking,
      labels: { ...group.labels },
      taints: group.taints.map((t) => ({ ...t })),
    };
  }
  for (const addon of cluster.addons) {
    description[`Addon/${addon.release}`] = {
      chart: addon.chart,
      chartVersion: addon.chartVersion,
      namespace: addon.namespace,
      ...(addon.imageTag !== undefined ? { imageTag: addon.imageTag } : {}),
    };
  }
  for (const entry of cluster.access) {
    description[`AccessEntry/${entry.principalArn}`] = {
      policies: entry.policies.map((p) => (p.scope.type === "cluster" ? `${p.policy} cluster-wide` : `${p.policy} in namespaces ${p.scope.namespaces.join(", ")}`)),
    };
  }
  for (const namespace of cluster.namespaces) {
    description[`Namespace/${namespace.name}`] = { podSecurity: namespace.podSecurity, albReadinessGate: namespace.albReadinessGate };
  }
  for (const binding of cluster.irsa) {
    description[`IrsaRole/${binding.namespace}/${binding.serviceAccount}`] = {
      roleName: binding.roleName,
      policy: binding.policy.kind === "wellKnown" ? `wellKnown:${binding.policy.name}` : [...binding.policy.arns],
    };
  }
  return description;
}
