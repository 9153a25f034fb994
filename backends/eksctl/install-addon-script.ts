import type { Addon, AddonKind, Cluster } from "../../src/model/model.js";
import { installAddonScriptFile } from "./paths.js";
import { scriptPrelude, UPDATE_KUBECONFIG } from "./script-prelude.js";
import { shellQuote } from "./shell-quote.js";

const TITLES: Readonly<Record<AddonKind, string>> = {
  awsLoadBalancerController: "the AWS Load Balancer Controller",
  metricsServer: "metrics-server",
  clusterAutoscaler: "cluster-autoscaler",
};

/**
 * `install-<addon>-<cluster>.sh`: installs or upgrades one add-on with `helm upgrade --install`, pinned
 * to the spec's chart version, always against the cluster's own kubeconfig context. Add-ons with IAM
 * permissions use the ServiceAccount eksctl made (`iam.serviceAccounts`), never one of their own.
 */
export function installAddonScript(cluster: Cluster, addon: Addon, specName: string): string {
  const needsCrds = addon.kind === "awsLoadBalancerController";
  const prelude = scriptPrelude({
    specName,
    cluster,
    file: installAddonScriptFile(cluster, addon),
    about: [
      `Installs or upgrades ${TITLES[addon.kind]} on EKS cluster ${cluster.name}: Helm chart ${addon.chart} ${addon.chartVersion}`,
      `from ${addon.repository}, release ${addon.release} in namespace ${addon.namespace}.`,
      ...(addon.serviceAccount
        ? [`Runs as ServiceAccount ${addon.namespace}/${addon.serviceAccount}, which create-${cluster.name}-cluster.sh made with its IAM role.`]
        : []),
      "Safe to run again.",
    ],
    tools: needsCrds ? ["aws", "helm", "kubectl"] : ["aws", "helm"],
  });
  const chart = [
    `--repo ${shellQuote(addon.repository)}`,
    `--version ${shellQuote(addon.chartVersion)}`,
  ];
  const install = [
    `helm upgrade --install ${shellQuote(addon.release)} ${shellQuote(addon.chart)}`,
    ...chart,
    `--namespace ${shellQuote(addon.namespace)}`,
    `--kube-context "$context"`,
    ...chartValues(addon),
    "--wait",
  ];
  const vpcId = needsCrds
    ? `vpc_id="$(aws eks describe-cluster --name "$cluster" --region "$region" --query cluster.resourcesVpcConfig.vpcId --output text)"\n`
    : "";
  const crds = needsCrds
    ? `
# helm upgrade never updates a chart's CRDs: apply this version's first.
helm show crds ${shellQuote(addon.chart)} ${chart.join(" ")} |
  kubectl apply --context "$context" --server-side --force-conflicts -f -
`
    : "";
  return `${prelude}
${UPDATE_KUBECONFIG}${vpcId}${crds}
${install.join(" \\\n  ")}
`;
}

function chartValues(addon: Addon): string[] {
  const serviceAccount = (prefix: string) =>
    addon.serviceAccount
      ? [`--set ${prefix}.create=false`, `--set-string ${prefix}.name=${shellQuote(addon.serviceAccount)}`]
      : [];
  switch (addon.kind) {
    case "awsLoadBalancerController":
      return [
        `--set-string clusterName="$cluster"`,
        `--set-string region="$region"`,
        `--set-string vpcId="$vpc_id"`,
        ...serviceAccount("serviceAccount"),
      ];
    case "clusterAutoscaler":
      return [
        `--set-string autoDiscovery.clusterName="$cluster"`,
        `--set-string awsRegion="$region"`,
        ...serviceAccount("rbac.serviceAccount"),
      ];
    case "metricsServer":
      return [];
  }
}
