import { createHash } from "node:crypto";

const IAM_ROLE_NAME_MAX = 64;

/** The IAM role of an IRSA binding: `<cluster>-<namespace>-<serviceAccount>`, shortened with a hash past 64. */
export function irsaRoleName(cluster: string, namespace: string, serviceAccount: string): string {
  const full = `${cluster}-${namespace}-${serviceAccount}`;
  if (full.length <= IAM_ROLE_NAME_MAX) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, IAM_ROLE_NAME_MAX - hash.length - 1)}-${hash}`;
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
