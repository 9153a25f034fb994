import type { Addon } from "../../src/model/model.js";
import type { HelmInstall, HelmValue } from "../../src/plan/eksctl-plan.js";

/**
 * The `helm upgrade --install` of one add-on on an eksctl cluster: pinned to the spec's chart version;
 * add-ons with IAM permissions use the ServiceAccount eksctl made (`iam.serviceAccounts`), never one of
 * their own; a chart's CRDs (the AWS Load Balancer Controller's) are applied first, from the model's manifest.
 */
export function helmInstall(addon: Addon): HelmInstall {
  return {
    kind: addon.kind,
    release: addon.release,
    chart: addon.chart,
    repository: addon.repository,
    version: addon.chartVersion,
    namespace: addon.namespace,
    ...(addon.serviceAccount ? { serviceAccount: addon.serviceAccount } : {}),
    ...(addon.crdsUrl !== undefined ? { crdsUrl: addon.crdsUrl } : {}),
    values: chartValues(addon),
  };
}

function chartValues(addon: Addon): HelmValue[] {
  const serviceAccount = (prefix: string): HelmValue[] =>
    addon.serviceAccount
      ? [
          { key: `${prefix}.create`, value: false },
          { key: `${prefix}.name`, value: addon.serviceAccount },
        ]
      : [];
  switch (addon.kind) {
    case "awsLoadBalancerController":
      return [
        { key: "clusterName", value: { atRunTime: "clusterName" } },
        { key: "region", value: { atRunTime: "region" } },
        { key: "vpcId", value: { atRunTime: "vpcId" } },
        ...serviceAccount("serviceAccount"),
      ];
    case "clusterAutoscaler":
      return [
        { key: "autoDiscovery.clusterName", value: { atRunTime: "clusterName" } },
        { key: "awsRegion", value: { atRunTime: "region" } },
        ...serviceAccount("rbac.serviceAccount"),
        // The image that matches the cluster's Kubernetes minor (upstream supports no other), not the chart's default.
        ...(addon.imageTag !== undefined ? [{ key: "image.tag", value: addon.imageTag }] : []),
      ];
    case "metricsServer":
      return [];
  }
}
