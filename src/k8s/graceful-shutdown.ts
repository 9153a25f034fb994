import type { ServiceInstance } from "../model/model.js";

/**
 * Seconds a pod behind an ALB keeps serving after it starts terminating: while it does, the ALB controller
 * sees the endpoint go, deregisters the target, and the ALB stops sending it new requests.
 */
export const ALB_PRESTOP_SECONDS = 20;
/** The same for a pod reached only inside the cluster: long enough for kube-proxy to drop its endpoint. */
export const CLUSTER_PRESTOP_SECONDS = 5;
/** Seconds the application has after SIGTERM to finish in-flight requests (Kubernetes' default grace period). */
export const SHUTDOWN_SECONDS = 30;
/**
 * The ALB target group's deregistration delay: how long it lets in-flight requests to a draining target
 * finish. At most the time the pod still lives (preStop plus shutdown); AWS's default, 300 s, outlives it.
 */
export const DEREGISTRATION_DELAY_SECONDS = 30;

/** How long the container sleeps in its preStop hook before it gets SIGTERM. */
export function preStopSeconds(instance: ServiceInstance): number {
  return instance.ingress ? ALB_PRESTOP_SECONDS : CLUSTER_PRESTOP_SECONDS;
}

/** The pod's grace period: it counts from the start of the preStop hook, so it covers the sleep and the shutdown. */
export function terminationGracePeriodSeconds(instance: ServiceInstance): number {
  return preStopSeconds(instance) + SHUTDOWN_SECONDS;
}
