/**
 * How the program names the Pulumi resources of a stack. Pulumi identifies a resource by its type and this
 * name within the stack: renaming one makes Pulumi replace the object, and `pulumi import` must use the same names.
 *
 * - The Kubernetes object of a shared kind (a Namespace, which every service of an environment declares) is
 *   named `<object name>-<suffix>` (`production-namespace`), the same in every stack that declares it.
 * - Every other object is named `<service>-<suffix>` (`day-deployment`): a stack holds one object of each kind.
 * - The Kubernetes providers are named `<cluster>` and, for the shared objects, `<cluster>-shared`.
 */
export const RESOURCE_NAME_SUFFIXES = {
  Namespace: "namespace",
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

/**
 * Kinds several stacks declare (the services of an environment share its namespace): created through the
 * shared provider, which adopts an existing object, and kept when a stack is destroyed.
 */
export const SHARED_KINDS: readonly ResourceKind[] = ["Namespace"];

/** The Pulumi name of the resource of a Kubernetes object of `kind` named `objectName`, in the stack of `service`. */
export function resourceName(service: string, kind: ResourceKind, objectName: string): string {
  const suffix = RESOURCE_NAME_SUFFIXES[kind];
  return SHARED_KINDS.includes(kind) ? `${objectName}-${suffix}` : `${service}-${suffix}`;
}

/** The Pulumi name of the Kubernetes provider a stack creates its objects through. */
export function providerName(cluster: string, shared: boolean): string {
  return shared ? `${cluster}-shared` : cluster;
}
