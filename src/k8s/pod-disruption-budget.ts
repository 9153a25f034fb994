import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { Project, ServiceInstance } from "../model/model.js";
import { instanceLabels, selectorLabels } from "./labels.js";

/** The fewest replicas a service instance runs: the autoscaler's floor, or its fixed count. */
export function minimumReplicas(instance: ServiceInstance): number {
  return instance.autoscaling ? instance.autoscaling.minReplicas : instance.replicas;
}

/**
 * A PodDisruptionBudget for a service that runs two or more replicas at minimum: voluntary disruptions
 * (node drains by cluster-autoscaler or a node-group upgrade) take one pod at a time, and never block a
 * drain: with `maxUnavailable: 1` an eviction is always allowed while every pod is healthy, and
 * `unhealthyPodEvictionPolicy: AlwaysAllow` lets pods that are not ready be evicted at any time. A single
 * replica gets none: any budget on it would either block every drain or protect nothing.
 */
export function buildPodDisruptionBudget(project: Project, instance: ServiceInstance): IPodDisruptionBudget | undefined {
  if (minimumReplicas(instance) < 2) return undefined;
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: instance.service, namespace: instance.namespace, labels: instanceLabels(project, instance) },
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(instance) },
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}
