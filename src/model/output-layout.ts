/** Where each target's files go under the output folder: the contract's output tree, in one place. */

/** eksctl clusters: ClusterConfig and scripts. */
export const PROVISIONING_MANUAL_DIR = "provisioning/manual";

/** The Pulumi project of the pulumi clusters. */
export const PROVISIONING_PULUMI_DIR = "provisioning/pulumi";

/** The Pulumi project of the pulumi services. */
export const PULUMI_DEPLOY_DIR = "gitops/pulumi_deploy";

/** The folder of one kubectl service in one environment. */
export function manualDeployDir(service: string, environment: string): string {
  return `gitops/manual_deploy/${service}/${environment}`;
}

/** The manifest of the namespaces an eksctl cluster owns, beside its scripts (applied before any service). */
export function eksctlNamespacesFile(cluster: string): string {
  return `${PROVISIONING_MANUAL_DIR}/namespaces-${cluster}.yaml`;
}

/** The Argo CD objects of one cluster: its AppProject and an Application per synced service and environment. */
export function argocdDir(cluster: string): string {
  return `gitops/argocd/${cluster}`;
}
