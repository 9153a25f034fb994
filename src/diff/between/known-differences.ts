import { FOUNDATION_NODE_GROUP_LABEL } from "../../model/names.js";

/**
 * Differences between two backends that follow from how the tools work, not from a bug or a divergent
 * input: each with the one line `foundation diff --between` prints beside it. Sides are always
 * (kubectl, pulumi) for services and (eksctl, pulumi) for clusters, whatever order the user named them in.
 */

interface KnownDifference {
  readonly kind: "service" | "cluster";
  /** `Kind/name` pattern: `*` matches anything, `{cluster}` the cluster's name. */
  readonly object: string;
  /** Field path pattern, as `diffFields` writes it. */
  readonly field: string;
  /** Further condition on the two values (left: kubectl or eksctl, right: pulumi). */
  readonly when?: (left: unknown, right: unknown) => boolean;
  readonly explanation: string;
}

const EKSCTL_ONLY = (left: unknown, right: unknown) => left !== undefined && right === undefined;
const PULUMI_ONLY = (left: unknown, right: unknown) => left === undefined && right !== undefined;

/** The table of known differences. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    kind: "cluster",
    object: "Vpc/{cluster}",
    field: "*Subnets",
    when: (left) => left === EKSCTL_SUBNETS,
    explanation:
      "eksctl lays out the VPC's subnets itself (one public and one private per availability zone it picks); the Pulumi program creates the subnets of foundation's subnet plan",
  },
  {
    kind: "cluster",
    object: "Cluster/{cluster}",
    field: "authenticationMode",
    when: (left, right) => left === "API_AND_CONFIG_MAP" && right === "API",
    explanation:
      "both give access through access entries; eksctl clusters keep the aws-auth ConfigMap beside them for clusters made before access entries, while Pulumi clusters have used access entries only (API) since their first version, and EKS cannot move a cluster back towards the ConfigMap",
  },
  {
    kind: "cluster",
    object: "NodeGroup/*",
    field: `labels["${FOUNDATION_NODE_GROUP_LABEL}"]`,
    when: PULUMI_ONLY,
    explanation:
      "a Pulumi node group has a generated name (so that its replacement can come up beside it), and EKS's node-group label carries that name: its nodes also carry the spec's group name in foundation's label, which the services' node selectors use on Pulumi clusters",
  },
  {
    kind: "cluster",
    object: "NodeGroup/*",
    field: `autoscalerTags["k8s.io/cluster-autoscaler/node-template/label/${FOUNDATION_NODE_GROUP_LABEL}"]`,
    when: PULUMI_ONLY,
    explanation: "cluster-autoscaler learns foundation's node-group label of a Pulumi node group (see its labels) from the node-template tag, to scale the group up from zero",
  },
  {
    kind: "cluster",
    object: "NodeGroup/*",
    field: 'autoscalerTags["k8s.io/cluster-autoscaler/enabled"]',
    when: EKSCTL_ONLY,
    explanation:
      "EKS tags the Auto Scaling group of every managed node group with cluster-autoscaler's discovery tags itself; eksctl also writes them into the ClusterConfig, the Pulumi program leaves them to EKS",
  },
  {
    kind: "cluster",
    object: "NodeGroup/*",
    field: 'autoscalerTags["k8s.io/cluster-autoscaler/{cluster}"]',
    when: EKSCTL_ONLY,
    explanation:
      "EKS tags the Auto Scaling group of every managed node group with cluster-autoscaler's discovery tags itself; eksctl also writes them into the ClusterConfig, the Pulumi program leaves them to EKS",
  },
  {
    kind: "cluster",
    object: "IrsaRole/*",
    field: "serviceAccountCreatedBy",
    when: (left) => typeof left === "string" && left.startsWith("eksctl"),
    explanation:
      "eksctl creates every IRSA ServiceAccount (iam.serviceAccounts) annotated with its role; with Pulumi the add-ons' Helm charts create their own, and the services' ServiceAccounts are created by the application layer with the role ARN the provisioning stack exports",
  },
  {
    kind: "cluster",
    object: "IrsaRole/*",
    field: "policy",
    when: (left, right) => left === "wellKnown:awsLoadBalancerController" && typeof right === "string" && right.includes("AWS Load Balancer Controller"),
    explanation:
      "eksctl attaches its built-in well-known policy for the AWS Load Balancer Controller; the Pulumi program creates the controller's published IAM policy of the version it pins",
  },
];

/** What both sides' descriptions say of an EKS add-on at the newest version EKS offers for the control plane's Kubernetes version. */
export const NEWEST_EKS_ADDON = "newest for the control plane's Kubernetes version";

/** One access policy association of an access entry, as both sides describe it. */
export function accessPolicyLine(policyArn: unknown, scope: unknown, namespaces: readonly unknown[]): string {
  return scope === "namespace" ? `${String(policyArn)} in namespaces ${namespaces.join(", ")}` : `${String(policyArn)} cluster-wide`;
}

/** What the eksctl side's description says of subnets eksctl lays out itself. */
export const EKSCTL_SUBNETS = "laid out by eksctl";

/** What the Pulumi side's description says of a role's inline policy document. */
export const INLINE_POLICY = "inline policy document";

function matches(pattern: string, value: string, cluster: string): boolean {
  const escaped = pattern
    .replace(/\{cluster\}/g, "\u0001")
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\u0001/g, cluster.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped}$`).test(value);
}

/** The explanation of a difference, if it is a known one. */
export function explain(
  kind: "service" | "cluster",
  difference: { readonly object: string; readonly field: string; readonly left?: unknown; readonly right?: unknown },
  context: { readonly cluster: string },
): string | undefined {
  const known = KNOWN_DIFFERENCES.find(
    (k) =>
      k.kind === kind &&
      matches(k.object, difference.object, context.cluster) &&
      matches(k.field, difference.field, context.cluster) &&
      (k.when === undefined || k.when(difference.left, difference.right)),
  );
  return known?.explanation;
}
