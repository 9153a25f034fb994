import type { ServiceInstance } from "../model/model.js";

/** Name of a service's ConfigMap. */
export function configMapName(instance: ServiceInstance): string {
  return `${instance.service}-config`;
}

/** Name of the container port every object refers to. */
export const PORT_NAME = "http";

/** The port the Kubernetes Service exposes inside the cluster. */
export const SERVICE_PORT = 80;
