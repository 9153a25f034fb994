import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { Project, ServiceInstance } from "../model/model.js";
import { instanceLabels } from "./labels.js";

/** An autoscaling/v2 HorizontalPodAutoscaler on average CPU utilization, when the service autoscales. */
export function buildHorizontalPodAutoscaler(project: Project, instance: ServiceInstance): IHorizontalPodAutoscaler | undefined {
  const scaling = instance.autoscaling;
  if (!scaling) return undefined;
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: instance.service, namespace: instance.namespace, labels: instanceLabels(project, instance) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: instance.service },
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: scaling.targetCPUUtilization } },
        },
      ],
    },
  };
}
