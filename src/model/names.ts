import { createHash } from "node:crypto";

const IAM_ROLE_NAME_MAX = 64;

/**
 * The IAM role of an IRSA binding: `<cluster>-<region>-<namespace>-<serviceAccount>`, shortened with a hash
 * past 64. IAM names are global to the account, so the region is part of the name: the same cluster name in
 * two regions gets two roles.
 */
export function irsaRoleName(cluster: string, region: string, namespace: string, serviceAccount: string): string {
  const full = `${cluster}-${region}-${namespace}-${serviceAccount}`;
  if (full.length <= IAM_ROLE_NAME_MAX) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, IAM_ROLE_NAME_MAX - hash.length - 1)}-${hash}`;
}

/** The provisioning stack output holding a binding's role ARN: `irsa_role_arn__<namespace>__<serviceAccount>`. */
export function roleArnOutputName(namespace: string, serviceAccount: string): string {
  const part = (s: string) => s.replace(/-/g, "_");
  return `irsa_role_arn__${part(namespace)}__${part(serviceAccount)}`;
}

/**
 * The kubeconfig context of a cluster: `<cluster>-<region>`. The application layer pins it, so a deploy never
 * lands on whichever cluster is current, nor on a same-named cluster in another region.
 */
export function kubeconfigContextName(cluster: string, region: string): string {
  return `${cluster}-${region}`;
}
