import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import type { ServiceInstance } from "../model/model.js";
import { selectorLabels } from "./labels.js";

/** The topology keys a service's pods are spread over: availability zones, then nodes. */
export const SPREAD_TOPOLOGY_KEYS = ["topology.kubernetes.io/zone", "kubernetes.io/hostname"] as const;

/**
 * Spread the pods of one revision (`pod-template-hash`) evenly over zones and nodes, so that losing one
 * zone or one node takes only its share. `ScheduleAnyway`: the scheduler prefers the spread but still
 * places a pod when it cannot be met (a node group in fewer zones than replicas, a zone out of spot
 * capacity), rather than leaving it Pending and stalling a rollout or a scale-up.
 */
export function topologySpreadConstraints(instance: ServiceInstance): ITopologySpreadConstraint[] {
  return SPREAD_TOPOLOGY_KEYS.map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: selectorLabels(instance) },
    matchLabelKeys: ["pod-template-hash"],
  }));
}
