import { compareStrings } from "../../errors/spec-error.js";
import { mockAutoscalingGroupName, type RegisteredResource } from "../../pulumi/mock-protocol.js";
import { mockAddonVersion } from "../../pulumi/mock-state.js";
import type { ClusterDescription } from "../core/cluster-description.js";
import { accessPolicyLine, INLINE_POLICY, NEWEST_EKS_ADDON } from "./known-differences.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Inputs = any;

const TAINT_EFFECTS: Readonly<Record<string, string>> = { NO_SCHEDULE: "NoSchedule", PREFER_NO_SCHEDULE: "PreferNoSchedule", NO_EXECUTE: "NoExecute" };

/**
 * What the Pulumi provisioning program builds for one stack, in the shape of `describeCluster` (without
 * `provisioner`), read back from the resources it registered under mocks: the eks.Cluster, the VPC and its
 * NAT gateways, the managed node groups and their Auto Scaling group tags, the Helm releases, the IRSA
 * roles with their policies, and the namespaces (kept when removed from the spec only with retainOnDelete).
 */
export function describePulumiCluster(resources: readonly RegisteredResource[], region: string | undefined): ClusterDescription {
  const ofType = (type: string) => resources.filter((r) => r.type === type).sort((a, b) => compareStrings(a.name, b.name));
  const eks = ofType("eks:index:Cluster")[0];
  if (!eks) throw new Error("internal: the provisioning program registered no eks:index:Cluster");
  const cluster = String(eks.inputs.name ?? eks.name);
  const subnets = ofType("aws:ec2/subnet:Subnet").sort((a, b) => compareStrings(a.name.replace(/\d+$/, (n) => n.padStart(6, "0")), b.name.replace(/\d+$/, (n) => n.padStart(6, "0"))));
  const isPublic = (s: RegisteredResource) => (s.inputs as Inputs).mapPublicIpOnLaunch === true;
  const publicSubnets = subnets.filter(isPublic);
  const privateIds = new Set(subnets.filter((s) => !isPublic(s)).map((s) => s.name));
  const natCount = ofType("aws:ec2/natGateway:NatGateway").length;
  const e = eks.inputs as Inputs;
  const out: Record<string, Record<string, unknown>> = {
    [`Cluster/${cluster}`]: {
      region,
      kubernetesVersion: String(e.version),
      oidc: e.createOidcProvider === true,
      authenticationMode: e.authenticationMode,
      tags: { ...(e.tags ?? {}) },
    },
    [`Vpc/${cluster}`]: {
      cidr: (ofType("aws:ec2/vpc:Vpc")[0]?.inputs as Inputs)?.cidrBlock,
      natGateway: natCount === 0 ? "disable" : natCount > 1 && natCount === publicSubnets.length ? "highlyAvailable" : "single",
      publicSubnets: publicSubnets.map((s) => (s.inputs as Inputs).cidrBlock),
      privateSubnets: subnets.filter((s) => !isPublic(s)).map((s) => (s.inputs as Inputs).cidrBlock),
    },
  };

  const tags = ofType("aws:autoscaling/tag:Tag").map((t) => t.inputs as Inputs);
  for (const group of ofType("aws:eks/nodeGroup:NodeGroup").map((g) => g.inputs as Inputs)) {
    // A node group named by a prefix (`<name>-`) is the spec's group <name>.
    const name = String(group.nodeGroupName ?? group.nodeGroupNamePrefix).replace(/-$/, "");
    const asg = mockAutoscalingGroupName(name);
    const groupTags = tags.filter((t) => t.autoscalingGroupName === asg).sort((a, b) => compareStrings(a.tag.key, b.tag.key));
    out[`NodeGroup/${name}`] = {
      instanceTypes: group.instanceTypes ?? [],
      capacityType: group.capacityType === "SPOT" ? "spot" : "onDemand",
      minSize: group.scalingConfig?.minSize,
      desiredSize: group.scalingConfig?.desiredSize,
      maxSize: group.scalingConfig?.maxSize,
      volumeSizeGiB: group.diskSize ?? 20,
      privateNetworking: ((group.subnetIds ?? []) as string[]).length > 0 && (group.subnetIds as string[]).every((id) => privateIds.has(id)),
      labels: { ...(group.labels ?? {}) },
      taints: ((group.taints ?? []) as Inputs[]).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: TAINT_EFFECTS[t.effect] ?? t.effect })),
      autoscalerTags: Object.fromEntries(groupTags.map((t) => [t.tag.key, t.tag.value])),
    };
  }

  const chartAccounts = new Map<string, string>();
  for (const release of ofType("kubernetes:helm.sh/v3:Release")) {
    const r = release.inputs as Inputs;
    const name = String(r.name ?? release.name);
    const imageTag = r.values?.image?.tag;
    const crds = ofType("kubernetes:yaml/v2:ConfigFile").find((c) => c.name === `${release.name}-crds` && release.dependsOn?.includes(`${c.type}::${c.name}`));
    out[`Addon/${name}`] = {
      chart: r.chart,
      chartVersion: r.version,
      namespace: r.namespace,
      repository: r.repositoryOpts?.repo,
      ...(typeof imageTag === "string" ? { imageTag } : {}),
      ...(crds ? { crdsAppliedFirst: (crds.inputs as Inputs).file } : {}),
    };
    for (const account of [r.values?.serviceAccount, r.values?.rbac?.serviceAccount]) {
      if (account?.create === true && typeof account.name === "string") chartAccounts.set(`${r.namespace}/${account.name}`, `Helm chart ${name}`);
    }
  }

  const policies = new Map(ofType("aws:iam/policy:Policy").map((p) => [`:policy/${(p.inputs as Inputs).name ?? p.name}`, (p.inputs as Inputs).description as string | undefined]));
  const attachments = ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs as Inputs);
  const inline = ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.inputs as Inputs);
  for (const role of ofType("aws:iam/role:Role")) {
    const r = role.inputs as Inputs;
    const subject = serviceAccountOf(r.assumeRolePolicy);
    if (!subject) continue;
    const roleName = String(r.name ?? role.name);
    const arns = attachments.filter((a) => a.role === roleName).map((a) => String(a.policyArn));
    const own = arns.filter((arn) => [...policies.keys()].some((k) => arn.endsWith(k)));
    const managed = arns.filter((arn) => !own.includes(arn)).sort(compareStrings);
    const written = [
      ...own.map((arn) => `policy document: ${policies.get([...policies.keys()].find((k) => arn.endsWith(k)) as string) ?? arn}`),
      ...inline.filter((p) => p.role === roleName).map(() => INLINE_POLICY),
    ];
    out[`IrsaRole/${subject}`] = {
      roleName,
      policy: written.length === 0 ? managed : written.length === 1 && managed.length === 0 ? written[0] : [...written, ...managed],
      serviceAccountCreatedBy: chartAccounts.get(subject) ?? "application layer (the service's ServiceAccount)",
    };
  }

  for (const namespace of ofType("kubernetes:core/v1:Namespace")) {
    const metadata = (namespace.inputs as Inputs).metadata ?? {};
    out[`Namespace/${metadata.name ?? namespace.name}`] = { labels: { ...(metadata.labels ?? {}) }, keptWhenRemovedFromSpec: namespace.retainOnDelete === true };
  }

  for (const [key, entry] of Object.entries((e.accessEntries ?? {}) as Record<string, Inputs>)) {
    out[`AccessEntry/${entry.principalArn ?? key}`] = {
      policies: Object.values((entry.accessPolicies ?? {}) as Record<string, Inputs>).map((p) => accessPolicyLine(p.policyArn, p.accessScope?.type, p.accessScope?.namespaces ?? [])),
    };
  }

  // eks.Cluster's own kube-proxy add-on takes the newest version for the control plane's (pulumi-eks v4), and
  // it would make CoreDNS one only with its default node group; the program's own add-ons are aws.eks.Addon.
  const OVERWRITE = "overwrite";
  const version = String(e.version);
  if (e.kubeProxyAddonOptions?.enabled !== false) out["EksAddon/kube-proxy"] = { version: e.kubeProxyAddonOptions?.version ?? NEWEST_EKS_ADDON, resolveConflicts: OVERWRITE };
  for (const addon of ofType("aws:eks/addon:Addon").map((a) => a.inputs as Inputs)) {
    out[`EksAddon/${addon.addonName}`] = {
      version: addon.addonVersion === mockAddonVersion(String(addon.addonName), version) ? NEWEST_EKS_ADDON : addon.addonVersion,
      resolveConflicts: String(addon.resolveConflictsOnUpdate ?? "").toLowerCase() || undefined,
    };
  }
  return out;
}

/** `namespace/name` of the one ServiceAccount an IRSA trust policy (the role's `assumeRolePolicy` document) admits. */
function serviceAccountOf(trust: unknown): string | undefined {
  let document: Inputs;
  try {
    document = typeof trust === "string" ? JSON.parse(trust) : trust;
  } catch {
    return undefined;
  }
  const prefix = "system:serviceaccount:";
  for (const statement of (document?.Statement ?? []) as Inputs[]) {
    for (const [key, value] of Object.entries((statement?.Condition?.StringEquals ?? {}) as Record<string, unknown>)) {
      if (key.endsWith(":sub") && typeof value === "string" && value.startsWith(prefix)) {
        const [namespace, name] = value.slice(prefix.length).split(":");
        if (namespace && name) return `${namespace}/${name}`;
      }
    }
  }
  return undefined;
}
