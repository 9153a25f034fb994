import type { AddonKind } from "./model.js";

/** Where each add-on's Helm chart comes from and how it runs: shared by every provisioner. */
export interface AddonDefinition {
  readonly kind: AddonKind;
  readonly release: string;
  readonly chart: string;
  readonly repository: string;
  readonly namespace: string;
  readonly serviceAccount?: string;
  readonly wellKnownPolicy?: "awsLoadBalancerController" | "autoScaler";
}

/** The add-ons foundation installs, in install order. */
export const ADDON_CATALOG: readonly AddonDefinition[] = [
  {
    kind: "awsLoadBalancerController",
    release: "aws-load-balancer-controller",
    chart: "aws-load-balancer-controller",
    repository: "https://aws.github.io/eks-charts",
    namespace: "kube-system",
    serviceAccount: "aws-load-balancer-controller",
    wellKnownPolicy: "awsLoadBalancerController",
  },
  {
    kind: "metricsServer",
    release: "metrics-server",
    chart: "metrics-server",
    repository: "https://kubernetes-sigs.github.io/metrics-server/",
    namespace: "kube-system",
  },
  {
    kind: "clusterAutoscaler",
    release: "cluster-autoscaler",
    chart: "cluster-autoscaler",
    repository: "https://kubernetes.github.io/autoscaler",
    namespace: "kube-system",
    serviceAccount: "cluster-autoscaler",
    wellKnownPolicy: "autoScaler",
  },
];
