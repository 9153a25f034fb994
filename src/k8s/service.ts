import type { IService } from "kubernetes-models/v1/Service";
import type { Project, ServiceInstance } from "../model/model.js";
import { instanceLabels, selectorLabels } from "./labels.js";
import { PORT_NAME, SERVICE_PORT } from "./names.js";

/** A ClusterIP Service in front of the service's pods. */
export function buildService(project: Project, instance: ServiceInstance): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: instance.service, namespace: instance.namespace, labels: instanceLabels(project, instance) },
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(instance),
      ports: [{ name: PORT_NAME, port: SERVICE_PORT, targetPort: PORT_NAME, protocol: "TCP" }],
    },
  };
}
