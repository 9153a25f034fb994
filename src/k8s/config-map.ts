import { createHash } from "node:crypto";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { Project, ServiceInstance } from "../model/model.js";
import { instanceLabels } from "./labels.js";
import { configMapName } from "./names.js";

/** The service's plain configuration, exposed to the container as environment variables. */
export function buildConfigMap(project: Project, instance: ServiceInstance): IConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: configMapName(instance), namespace: instance.namespace, labels: instanceLabels(project, instance) },
    data: { ...instance.config },
  };
}

/** A digest of the configuration, put on the pod template so that a config change rolls the pods. */
export function configChecksum(instance: ServiceInstance): string {
  return createHash("sha256").update(JSON.stringify(Object.entries(instance.config))).digest("hex");
}
