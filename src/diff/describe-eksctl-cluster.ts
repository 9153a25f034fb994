import { parse } from "yaml";
import type { GeneratedFile } from "../backend.js";
import { PROVISIONING_MANUAL_DIR } from "../model/output-layout.js";
import type { ClusterDescription } from "./cluster-description.js";
import { EKSCTL_SUBNETS } from "./known-differences.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Yaml = any;

const NAT: Readonly<Record<string, string>> = { Single: "single", HighlyAvailable: "highlyAvailable", Disable: "disable" };

/**
 * What the eksctl backend's files build, in the shape of `describeCluster` (without `provisioner`): the
 * ClusterConfig YAML, and the chart of each add-on from its install script's `helm upgrade --install`.
 */
export function describeEksctlCluster(files: readonly GeneratedFile[], cluster: string): ClusterDescription {
  const manual = files.filter((f) => f.path.startsWith(`${PROVISIONING_MANUAL_DIR}/`));
  const config = manual
    .filter((f) => f.path.endsWith(".yaml"))
    .map((f) => parse(f.content) as Yaml)
    .find((c) => c?.kind === "ClusterConfig" && c?.metadata?.name === cluster);
  if (!config) throw new Error(`internal: no eksctl ClusterConfig for cluster ${cluster}`);
  const out: Record<string, Record<string, unknown>> = {
    [`Cluster/${cluster}`]: {
      region: config.metadata.region,
      kubernetesVersion: String(config.metadata.version),
      oidc: config.iam?.withOIDC === true,
      tags: { ...(config.metadata.tags ?? {}) },
    },
    [`Vpc/${cluster}`]: {
      cidr: config.vpc?.cidr,
      natGateway: NAT[config.vpc?.nat?.gateway ?? "Single"] ?? config.vpc?.nat?.gateway,
      publicSubnets: subnets(config.vpc?.subnets?.public),
      privateSubnets: subnets(config.vpc?.subnets?.private),
    },
  };
  for (const group of (config.managedNodeGroups ?? []) as Yaml[]) {
    out[`NodeGroup/${group.name}`] = {
      instanceTypes: group.instanceTypes ?? (group.instanceType ? [group.instanceType] : []),
      capacityType: group.spot === true ? "spot" : "onDemand",
      minSize: group.minSize,
      desiredSize: group.desiredCapacity,
      maxSize: group.maxSize,
      volumeSizeGiB: group.volumeSize ?? 80,
      privateNetworking: group.privateNetworking === true,
      labels: { ...(group.labels ?? {}) },
      taints: ((group.taints ?? []) as Yaml[]).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
      // With propagateASGTags the node group's tags reach its Auto Scaling group, where cluster-autoscaler reads them.
      autoscalerTags: group.propagateASGTags === true ? { ...(group.tags ?? {}) } : {},
    };
  }
  for (const script of manual.filter((f) => f.path.endsWith(".sh"))) {
    const addon = helmInstall(script.content, cluster);
    if (addon) out[`Addon/${addon.release}`] = addon.description;
  }
  for (const account of (config.iam?.serviceAccounts ?? []) as Yaml[]) {
    const known = Object.keys(account.wellKnownPolicies ?? {}).filter((k) => account.wellKnownPolicies[k] === true);
    out[`IrsaRole/${account.metadata.namespace}/${account.metadata.name}`] = {
      roleName: account.roleName,
      policy: known.length === 1 ? `wellKnown:${known[0]}` : known.length > 1 ? known.map((k) => `wellKnown:${k}`) : [...(account.attachPolicyARNs ?? [])].sort(),
      serviceAccountCreatedBy: "eksctl (iam.serviceAccounts)",
    };
  }
  const disabledDefaults = config.addonsConfig?.disableDefaultAddons === true;
  for (const addon of (config.addons ?? []) as Yaml[]) {
    out[`EksAddon/${addon.name}`] = { installedBy: `eksctl: EKS add-on listed in the ClusterConfig${disabledDefaults ? ", defaults disabled" : ""}` };
  }
  return out;
}

function subnets(layout: Yaml): unknown {
  if (!layout) return EKSCTL_SUBNETS;
  return Object.keys(layout).sort().map((zone) => layout[zone]?.cidr);
}

/** Splits a shell command into words: single and double quotes, backslash-newline continuations. */
function words(command: string): string[] {
  const out: string[] = [];
  for (const match of command.replace(/\\\n/g, " ").matchAll(/(?:'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"]+)+/g)) {
    out.push(match[0].replace(/'([^']*)'|"((?:[^"\\]|\\.)*)"/g, (_m, single?: string, double?: string) => single ?? (double ?? "").replace(/\\(.)/g, "$1")));
  }
  return out;
}

/** The add-on an install script installs on `cluster`: release, chart, version, namespace and repository of its `helm upgrade --install`. */
function helmInstall(script: string, cluster: string): { release: string; description: Record<string, unknown> } | undefined {
  const clusterLine = /^cluster=(.*)$/m.exec(script);
  if (!clusterLine || words(clusterLine[1] as string)[0] !== cluster) return undefined;
  const start = script.indexOf("helm upgrade --install");
  if (start === -1) return undefined;
  const end = script.indexOf("\n", script.indexOf("--wait", start));
  const argv = words(script.slice(start, end === -1 ? undefined : end));
  const flag = (name: string) => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const [release, chart] = argv.slice(3, 5);
  if (!release || !chart) return undefined;
  return { release, description: { chart, chartVersion: flag("--version"), namespace: flag("--namespace"), repository: flag("--repo") } };
}
