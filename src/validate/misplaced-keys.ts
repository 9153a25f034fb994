/**
 * Keys that show up in the wrong layer. The design document's anti-patterns: infrastructure
 * (node groups, VPCs, IAM roles) inside a service, or application resources inside a cluster.
 */
const INFRASTRUCTURE_KEYS = new Set(["nodeGroups", "nodeGroup", "vpc", "iam", "iamRole", "iamRoles", "roles", "managedNodeGroups", "region", "kubernetesVersion", "addons"]);
const APPLICATION_KEYS = new Set(["services", "deployments", "deployment", "configMaps", "config", "ingress", "ingresses", "hpa", "autoscaling", "secrets", "image"]);

/** Why a key is refused where it stands, when it belongs to the other layer; undefined otherwise. */
export function misplacedKeyMessage(path: readonly (string | number)[], key: string): string | undefined {
  const inService = path.length >= 2 && path[0] === "services";
  const inCluster = path.length === 2 && path[0] === "clusters";
  if (inService && INFRASTRUCTURE_KEYS.has(key)) {
    return `"${key}" is infrastructure and belongs to a cluster, not a service: the application layer never holds node groups, VPCs or IAM roles`;
  }
  if (inCluster && APPLICATION_KEYS.has(key)) {
    return `"${key}" is an application resource and belongs to a service, not a cluster: the infrastructure layer never holds applications`;
  }
  return undefined;
}
