/**
 * How the program names the Pulumi resources of a stack. Pulumi identifies a resource by its type and this
 * name within the stack: renaming one makes Pulumi replace the object, and `pulumi import` must use the same names.
 *
 * - Every object is named `<service>-<suffix>` (`day-deployment`): a stack holds one object of each kind.
 *   No stack holds a Namespace: namespaces belong to the cluster's provisioning.
 * - A Secret the pods read (kept outside git, only read, never created) is `<service>-secret-<secret name>`.
 * - The Kubernetes provider is named `<cluster>`.
 */
export const RESOURCE_NAME_SUFFIXES = {
  ServiceAccount: "service-account",
  ConfigMap: "config-map",
  Deployment: "deployment",
  Service: "service",
  HorizontalPodAutoscaler: "hpa",
  Ingress: "ingress",
  PodDisruptionBudget: "pdb",
} as const;

/** A kind of Kubernetes object the program creates. */
export type ResourceKind = keyof typeof RESOURCE_NAME_SUFFIXES;

/** The Pulumi name of the resource of a Kubernetes object of `kind`, in the stack of `service`. */
export function resourceName(service: string, kind: ResourceKind): string {
  return `${service}-${RESOURCE_NAME_SUFFIXES[kind]}`;
}

/** The Pulumi name of the read of Secret `secret`, which the stack of `service` reads before its Deployment. */
export function secretReadName(service: string, secret: string): string {
  return `${service}-secret-${secret}`;
}

/** The Pulumi name of the Kubernetes provider a stack creates its objects through. */
export function providerName(cluster: string): string {
  return cluster;
}
