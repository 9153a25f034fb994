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
  /**
   * Image tags by Kubernetes minor version, for add-ons that support only the cluster's own minor: the
   * chart's `image.tag` is set from here, never left at the chart's default.
   */
  readonly imageTags?: Readonly<Record<string, string>>;
  /** The URL of the CRD manifest of a chart version, for charts whose CRDs must be applied before an upgrade. */
  readonly crdsUrl?: (chartVersion: string) => string;
}

/**
 * The CRDs of an AWS Load Balancer Controller chart version, from the controller's repository at the
 * release the chart packages: chart 1.<minor>.<patch> ships controller v2.<minor>.<patch>, and its
 * `crds/crds.yaml` is the file the chart's own `crds/` folder holds (the upgrade docs apply it first).
 */
export function awsLoadBalancerControllerCrdsUrl(chartVersion: string): string {
  const appVersion = chartVersion.replace(/^1\./, "v2.");
  return `https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/${appVersion}/helm/aws-load-balancer-controller/crds/crds.yaml`;
}

/**
 * cluster-autoscaler releases one line per Kubernetes minor and supports only that minor. Latest patch of
 * each line, from the image promotions to registry.k8s.io (kubernetes/k8s.io #8815, #9676).
 */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = {
  "1.32": "v1.32.5",
  "1.33": "v1.33.5",
  "1.34": "v1.34.4",
  "1.35": "v1.35.1",
  "1.36": "v1.36.0",
};

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
    crdsUrl: awsLoadBalancerControllerCrdsUrl,
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
    imageTags: CLUSTER_AUTOSCALER_IMAGE_TAGS,
  },
];
