import type { EksctlClusterPlan } from "../../plan/eksctl-plan.js";
import type { ClusterDescription } from "../core/cluster-description.js";
import { accessPolicyLine, EKSCTL_SUBNETS, INLINE_POLICY, NEWEST_EKS_ADDON } from "./known-differences.js";

const NAT: Readonly<Record<string, string>> = { Single: "single", HighlyAvailable: "highlyAvailable", Disable: "disable" };

/** eksctl's root volume size when a node group sets none. */
const EKSCTL_VOLUME_SIZE_GIB = 80;

/**
 * What the eksctl backend builds for a cluster, in the shape of `describeCluster` (without `provisioner`),
 * read from its plan: the ClusterConfig object, the chart of each add-on's Helm install, and the labels
 * of the namespaces its create script applies (never pruned: removed from the spec, one stays on the cluster).
 */
export function describeEksctlCluster(plan: EksctlClusterPlan): ClusterDescription {
  const { config, cluster } = plan;
  const out: Record<string, Record<string, unknown>> = {
    [`Cluster/${cluster}`]: {
      region: config.metadata.region,
      kubernetesVersion: String(config.metadata.version),
      oidc: config.iam?.withOIDC === true,
      authenticationMode: config.accessConfig?.authenticationMode,
      tags: { ...(config.metadata.tags ?? {}) },
    },
    [`Vpc/${cluster}`]: {
      cidr: config.vpc?.cidr,
      natGateway: NAT[config.vpc?.nat?.gateway ?? "Single"] ?? config.vpc?.nat?.gateway,
      // foundation's ClusterConfig lists no subnets: eksctl lays them out.
      publicSubnets: EKSCTL_SUBNETS,
      privateSubnets: EKSCTL_SUBNETS,
    },
  };
  for (const group of config.managedNodeGroups ?? []) {
    out[`NodeGroup/${group.name}`] = {
      instanceTypes: [...(group.instanceTypes ?? [])],
      capacityType: group.spot === true ? "spot" : "onDemand",
      minSize: group.minSize,
      desiredSize: group.desiredCapacity,
      maxSize: group.maxSize,
      volumeSizeGiB: group.volumeSize ?? EKSCTL_VOLUME_SIZE_GIB,
      privateNetworking: group.privateNetworking === true,
      labels: { ...(group.labels ?? {}) },
      taints: (group.taints ?? []).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
      // With propagateASGTags the node group's tags reach its Auto Scaling group, where cluster-autoscaler reads them.
      autoscalerTags: group.propagateASGTags === true ? { ...(group.tags ?? {}) } : {},
    };
  }
  for (const install of plan.helmInstalls) {
    const imageTag = install.values.find((v) => v.key === "image.tag")?.value;
    out[`Addon/${install.release}`] = {
      chart: install.chart,
      chartVersion: install.version,
      namespace: install.namespace,
      repository: install.repository,
      ...(typeof imageTag === "string" ? { imageTag } : {}),
      ...(install.crdsUrl !== undefined ? { crdsAppliedFirst: install.crdsUrl } : {}),
    };
  }
  for (const entry of config.accessConfig?.accessEntries ?? []) {
    out[`AccessEntry/${entry.principalARN}`] = {
      policies: (entry.accessPolicies ?? []).map((p) => accessPolicyLine(p.policyARN, p.accessScope?.type, p.accessScope?.namespaces ?? [])),
    };
  }
  for (const account of config.iam?.serviceAccounts ?? []) {
    const wellKnown = account.wellKnownPolicies ?? {};
    const known = (Object.keys(wellKnown) as (keyof typeof wellKnown)[]).filter((k) => wellKnown[k] === true);
    out[`IrsaRole/${account.metadata?.namespace}/${account.metadata?.name}`] = {
      roleName: account.roleName,
      policy:
        known.length === 1
          ? `wellKnown:${known[0]}`
          : known.length > 1
            ? known.map((k) => `wellKnown:${k}`)
            : account.attachPolicy !== undefined
              ? INLINE_POLICY
              : [...(account.attachPolicyARNs ?? [])].sort(),
      serviceAccountCreatedBy: "eksctl (iam.serviceAccounts)",
    };
  }
  for (const namespace of plan.namespaces) {
    out[`Namespace/${namespace.metadata?.name}`] = { labels: { ...(namespace.metadata?.labels ?? {}) }, keptWhenRemovedFromSpec: true };
  }
  for (const addon of config.addons ?? []) {
    out[`EksAddon/${addon.name}`] = {
      version: addon.version === "latest" ? NEWEST_EKS_ADDON : addon.version,
      resolveConflicts: addon.resolveConflicts,
    };
  }
  return out;
}
