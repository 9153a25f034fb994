import type { Project, ServiceInstance } from "../model/model.js";

/** The value of `app.kubernetes.io/managed-by` on everything foundation generates. */
export const MANAGED_BY = "foundation";

/** Labels that pick a service instance's pods; they never change for the life of the Deployment. */
export function selectorLabels(instance: ServiceInstance): Record<string, string> {
  return {
    "app.kubernetes.io/instance": `${instance.service}-${instance.environment}`,
    "app.kubernetes.io/name": instance.service,
  };
}

/** The recommended `app.kubernetes.io/*` labels of every object of a service instance. */
export function instanceLabels(project: Project, instance: ServiceInstance): Record<string, string> {
  return {
    "app.kubernetes.io/instance": `${instance.service}-${instance.environment}`,
    "app.kubernetes.io/managed-by": MANAGED_BY,
    "app.kubernetes.io/name": instance.service,
    "app.kubernetes.io/part-of": project.name,
  };
}
