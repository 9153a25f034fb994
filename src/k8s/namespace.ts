import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { Project, ServiceInstance } from "../model/model.js";
import { MANAGED_BY } from "./labels.js";

/** The environment's namespace. Shared by the services of the environment, so it carries no service labels. */
export function buildNamespace(project: Project, instance: ServiceInstance): INamespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: instance.namespace,
      labels: { "app.kubernetes.io/managed-by": MANAGED_BY, "app.kubernetes.io/part-of": project.name },
    },
  };
}
