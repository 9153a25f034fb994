import { offeredEksVersions } from "../model/eks-versions.js";
import type { InputObject } from "./input-objects.js";
import type { Inferred } from "./inferred.js";

/** A spec cluster as plain data, in the reference spec's key order. */
export type SpecClusterData = Record<string, unknown>;

/** What one eksctl ClusterConfig becomes. */
export interface ImportedCluster {
  readonly name: string;
  readonly source: InputObject;
  readonly data: SpecClusterData;
  /** IRSA roles of the ClusterConfig that are not an add-on's: `namespace/name` to their policy ARNs. */
  readonly serviceRoles: ReadonlyMap<string, readonly string[]>;
}

/** Chart versions used when the ClusterConfig says an add-on runs but not which version (it never does). */
export const DEFAULT_CHART_VERSIONS = { awsLoadBalancerController: "1.8.1", metricsServer: "3.12.1", clusterAutoscaler: "9.37.0" } as const;
/** eksctl's defaults for what a ClusterConfig may leave out. */
const EKSCTL_DEFAULTS = { cidr: "192.168.0.0/16", instanceType: "m5.large", desiredCapacity: 2 } as const;

const NAT: Readonly<Record<string, string>> = { Single: "single", HighlyAvailable: "highlyAvailable", Disable: "disable" };
const WELL_KNOWN_ADDONS: Readonly<Record<string, keyof typeof DEFAULT_CHART_VERSIONS>> = {
  awsLoadBalancerController: "awsLoadBalancerController",
  autoScaler: "clusterAutoscaler",
};

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/**
 * A node group of the ClusterConfig (`managedNodeGroups`, or self-managed `nodeGroups`, which become managed
 * ones): one field of the spec per field of eksctl's; everything else is found lossy by the comparison.
 */
function nodeGroup(group: Record<string, unknown>, path: readonly string[], inferred: Inferred, selfManaged: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const types = list(group["instanceTypes"]).map(str).filter((t): t is string => t !== undefined);
  const single = str(group["instanceType"]);
  if (types.length > 0) out["instanceTypes"] = types;
  else if (single !== undefined && single !== "mixed") out["instanceTypes"] = [single];
  else {
    out["instanceTypes"] = [EKSCTL_DEFAULTS.instanceType];
    inferred.note([...path, "instanceTypes"], "inferred: eksctl's default instance type (the ClusterConfig names none)");
  }
  if (group["spot"] === true) out["capacityType"] = "spot";
  const desired = num(group["desiredCapacity"]);
  const min = num(group["minSize"]);
  const max = num(group["maxSize"]);
  const d = desired ?? min ?? EKSCTL_DEFAULTS.desiredCapacity;
  out["minSize"] = min ?? d;
  out["desiredSize"] = d;
  out["maxSize"] = Math.max(max ?? d, 1);
  if (min === undefined) inferred.note([...path, "minSize"], "inferred: eksctl uses the desired capacity when minSize is left out");
  if (desired === undefined) inferred.note([...path, "desiredSize"], min === undefined ? "inferred: eksctl's default desired capacity" : "inferred: minSize (desiredCapacity left out)");
  if (max === undefined) inferred.note([...path, "maxSize"], "inferred: eksctl uses the desired capacity when maxSize is left out");
  const volume = num(group["volumeSize"]);
  if (volume !== undefined && volume !== 80) out["volumeSizeGiB"] = volume;
  if (group["privateNetworking"] !== true) out["privateNetworking"] = false;
  const labels = record(group["labels"]);
  if (Object.keys(labels).length > 0) out["labels"] = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  const taints = Array.isArray(group["taints"])
    ? list(group["taints"]).map(record)
    : Object.entries(record(group["taints"])).map(([key, spec]) => {
        const [value, effect] = String(spec).split(":");
        return { key, ...(value ? { value } : {}), effect };
      });
  if (taints.length > 0) out["taints"] = taints.map((t) => ({ key: t["key"], ...(t["value"] ? { value: t["value"] } : {}), effect: t["effect"] }));
  if (selfManaged) inferred.note(path, "from a self-managed node group (nodeGroups): foundation creates managed node groups");
  return out;
}

const minor = (v: string) => Number(v.split(".")[1] ?? 0);

/**
 * The spec's Kubernetes version for the ClusterConfig's: the same when EKS offers it on `today`; the newest
 * offered for none or `latest`; else the nearest offered (an upgrade the comment and the loss list say).
 */
function kubernetesVersion(given: string | undefined, today: string, path: readonly string[], inferred: Inferred): string {
  const offered = offeredEksVersions(today);
  const newest = offered.at(-1) ?? "1.35";
  const oldest = offered[0] ?? newest;
  if (given !== undefined && offered.includes(given)) return given;
  if (given === undefined || given === "latest") {
    inferred.note([...path, "kubernetesVersion"], `inferred: the ClusterConfig names ${given === undefined ? "no version" : "latest"}; the newest EKS offers`);
    return newest;
  }
  const nearest = minor(given) > minor(newest) ? newest : oldest;
  inferred.note([...path, "kubernetesVersion"], `inferred: EKS does not offer ${given} (as of ${today}); the nearest version it offers`);
  return nearest;
}

/** An eksctl ClusterConfig as a spec cluster (`provisioner: eksctl`); `today` decides which Kubernetes versions EKS offers. */
export function importClusterConfig(source: InputObject, inferred: Inferred, today: string): ImportedCluster {
  const config = source.value;
  const metadata = record(config["metadata"]);
  const name = str(metadata["name"]) ?? "cluster";
  const path = ["clusters", name];
  const data: SpecClusterData = { provisioner: "eksctl" };
  data["region"] = str(metadata["region"]) ?? "us-east-1";
  if (metadata["region"] === undefined) inferred.note([...path, "region"], "inferred: the ClusterConfig names no region");
  data["kubernetesVersion"] = kubernetesVersion(str(metadata["version"]), today, path, inferred);
  const tags = record(metadata["tags"]);
  if (Object.keys(tags).length > 0) data["tags"] = Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)]));

  const vpc = record(config["vpc"]);
  const cidr = str(vpc["cidr"]);
  const nat = NAT[str(record(vpc["nat"])["gateway"]) ?? "Single"] ?? "single";
  data["vpc"] = { cidr: cidr ?? EKSCTL_DEFAULTS.cidr, natGateway: nat };
  if (cidr === undefined) inferred.note([...path, "vpc", "cidr"], "inferred: eksctl's default VPC CIDR (the ClusterConfig names none)");

  const groups: Record<string, unknown> = {};
  for (const [key, selfManaged] of [["managedNodeGroups", false], ["nodeGroups", true]] as const) {
    for (const group of list(config[key]).map(record)) {
      const groupName = str(group["name"]) ?? `group-${Object.keys(groups).length + 1}`;
      groups[groupName] = nodeGroup(group, [...path, "nodeGroups", groupName], inferred, selfManaged);
    }
  }
  if (Object.keys(groups).length > 0) data["nodeGroups"] = groups;

  const addons: Record<string, unknown> = {};
  const serviceRoles = new Map<string, readonly string[]>();
  for (const account of list(record(config["iam"])["serviceAccounts"]).map(record)) {
    const accountMeta = record(account["metadata"]);
    // foundation writes cluster-autoscaler's role with its scoped policy document (attachPolicy), not eksctl's well-known one.
    const scopedAutoscaler = account["attachPolicy"] !== undefined && str(accountMeta["name"]) === "cluster-autoscaler" ? "clusterAutoscaler" : undefined;
    const wellKnown = Object.keys(record(account["wellKnownPolicies"])).map((k) => WELL_KNOWN_ADDONS[k]).find((k) => k !== undefined) ?? scopedAutoscaler;
    if (wellKnown !== undefined && str(accountMeta["namespace"]) === "kube-system") {
      addons[wellKnown] = { chartVersion: DEFAULT_CHART_VERSIONS[wellKnown] };
      inferred.note([...path, "addons", wellKnown], "inferred from its IRSA role; pin the chart version you run");
      continue;
    }
    const arns = list(account["attachPolicyARNs"]).map(str).filter((a): a is string => a !== undefined);
    if (arns.length > 0) serviceRoles.set(`${str(accountMeta["namespace"]) ?? "default"}/${str(accountMeta["name"])}`, arns);
  }
  data["addons"] = addons;
  return { name, source, data, serviceRoles };
}
