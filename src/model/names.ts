import { createHash } from "node:crypto";

const IAM_ROLE_NAME_MAX = 64;

/** The longest AWS region name (`us-isof-south-1`): region-qualified IAM role names keep room for it. */
export const AWS_REGION_NAME_MAX = 15;

/**
 * Between a name and its region, and between the parts of an IAM role name. Spec names are DNS labels and
 * regions hold none of it, so no two different sets of parts ever make the same name.
 */
export const NAME_SEPARATOR = ".";

/** `<name>.<region>`: IAM names are global to the account and kubeconfig contexts to a machine, clusters are not. */
export function withRegion(name: string, region: string): string {
  return `${name}${NAME_SEPARATOR}${region}`;
}

/**
 * The kubeconfig context of a cluster, `<cluster>.<region>`: what the eksctl scripts and CI write and the
 * application layer pins, so that a deploy never lands on a same-named cluster of another region.
 */
export function kubeconfigContextName(cluster: string, region: string): string {
  return withRegion(cluster, region);
}

/**
 * The IAM role of an IRSA binding: `<cluster>.<namespace>.<serviceAccount>.<region>`. The part before the
 * region is at most 48 characters (64 less room for the longest region); a longer one becomes its first 39
 * characters (less a trailing `-` or `.`), `-` and 8 hex digits of its SHA-256: unique, readable, never cut
 * into a name another binding could have. That part never depends on the region: a script run for another
 * region swaps the suffix only.
 */
export function irsaRoleName(cluster: string, region: string, namespace: string, serviceAccount: string): string {
  if (region.length > AWS_REGION_NAME_MAX) throw new Error(`unvalidated region reached naming: ${region}`);
  const base = [cluster, namespace, serviceAccount].join(NAME_SEPARATOR);
  const max = IAM_ROLE_NAME_MAX - NAME_SEPARATOR.length - AWS_REGION_NAME_MAX;
  if (base.length <= max) return withRegion(base, region);
  const hash = createHash("sha256").update(base).digest("hex").slice(0, 8);
  return withRegion(`${base.slice(0, max - hash.length - 1).replace(/[-.]+$/, "")}-${hash}`, region);
}

/** The provisioning stack output holding a binding's role ARN: `irsa_role_arn__<namespace>__<serviceAccount>`. */
export function roleArnOutputName(namespace: string, serviceAccount: string): string {
  const part = (s: string) => s.replace(/-/g, "_");
  return `irsa_role_arn__${part(namespace)}__${part(serviceAccount)}`;
}

/** The label EKS puts on every node of a managed node group, valued with the group's name. */
export const NODE_GROUP_LABEL = "eks.amazonaws.com/nodegroup";

/**
 * The label foundation puts on the nodes of a Pulumi cluster's node group, valued with the spec's group name:
 * there EKS names a group `<name>-<generated suffix>` (so that a replacement can come up beside the old
 * group), and its own label carries that generated name.
 */
export const FOUNDATION_NODE_GROUP_LABEL = "foundation.dev/node-group";

/** The node label whose value is a node group's spec name, on a cluster of this provisioner. */
export function nodeGroupLabel(provisioner: "eksctl" | "pulumi"): string {
  return provisioner === "pulumi" ? FOUNDATION_NODE_GROUP_LABEL : NODE_GROUP_LABEL;
}

/** The ALB IngressGroup of an Ingress that names none: one ALB per cluster, environment and scheme. */
export function defaultIngressGroup(environment: string, scheme: string): string {
  return `${environment}-${scheme}`;
}
