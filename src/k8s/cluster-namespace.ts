import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { Cluster, ClusterNamespace, Project } from "../model/model.js";
import { MANAGED_BY } from "./labels.js";

/** The label that makes the AWS Load Balancer Controller inject its pod readiness gate into a namespace's pods. */
export const READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

/**
 * An environment's namespace on a cluster, as the infrastructure layer creates it (never a service):
 * Pod Security admission enforces (and warns at) the strictest level all its services meet, pinned to the
 * cluster's Kubernetes version, and audits against restricted; where ALB `ip` targets run, the ALB
 * controller injects its readiness gate, so a rollout waits until new pods are healthy in the target group.
 */
export function buildClusterNamespace(project: Project, cluster: Cluster, namespace: ClusterNamespace): INamespace {
  const version = `v${cluster.kubernetesVersion}`;
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: namespace.name,
      labels: {
        "app.kubernetes.io/managed-by": MANAGED_BY,
        "app.kubernetes.io/part-of": project.name,
        ...(namespace.albReadinessGate ? { [READINESS_GATE_LABEL]: "enabled" } : {}),
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": version,
        "pod-security.kubernetes.io/enforce": namespace.podSecurity,
        "pod-security.kubernetes.io/enforce-version": version,
        "pod-security.kubernetes.io/warn": namespace.podSecurity,
        "pod-security.kubernetes.io/warn-version": version,
      },
    },
  };
}
