import type { AddonKind, Cluster } from "../../src/model/model.js";
import type { HelmInstall, HelmValue, RunTimeValue } from "../../src/plan/eksctl-plan.js";
import { installAddonScriptFile } from "./paths.js";
import { scriptPrelude, UPDATE_KUBECONFIG } from "./script-prelude.js";
import { shellQuote } from "../../src/render/shell-quote.js";

const TITLES: Readonly<Record<AddonKind, string>> = {
  awsLoadBalancerController: "the AWS Load Balancer Controller",
  metricsServer: "metrics-server",
  clusterAutoscaler: "cluster-autoscaler",
};

/** The script's shell variable holding each run-time value. */
const RUN_TIME: Readonly<Record<RunTimeValue, string>> = { clusterName: '"$cluster"', region: '"$region"', vpcId: '"$vpc_id"' };

/**
 * `install-<addon>-<cluster>.sh`: runs one add-on's planned `helm upgrade --install`, always against the
 * cluster's own kubeconfig context.
 */
export function installAddonScript(cluster: Cluster, install: HelmInstall, specName: string): string {
  const prelude = scriptPrelude({
    specName,
    cluster,
    file: installAddonScriptFile(cluster, install),
    about: [
      `Installs or upgrades ${TITLES[install.kind]} on EKS cluster ${cluster.name}: Helm chart ${install.chart} ${install.version}`,
      `from ${install.repository}, release ${install.release} in namespace ${install.namespace}.`,
      ...(install.serviceAccount
        ? [`Runs as ServiceAccount ${install.namespace}/${install.serviceAccount}, which create-${cluster.name}-cluster.sh made with its IAM role.`]
        : []),
      "Safe to run again.",
    ],
    tools: install.crds ? ["aws", "helm", "kubectl"] : ["aws", "helm"],
  });
  const chart = [`--repo ${shellQuote(install.repository)}`, `--version ${shellQuote(install.version)}`];
  const command = [
    `helm upgrade --install ${shellQuote(install.release)} ${shellQuote(install.chart)}`,
    ...chart,
    `--namespace ${shellQuote(install.namespace)}`,
    `--kube-context "$context"`,
    ...install.values.map(setFlag),
    "--wait",
  ];
  const needsVpcId = install.values.some((v) => typeof v.value === "object" && v.value.atRunTime === "vpcId");
  const vpcId = needsVpcId
    ? `vpc_id="$(aws eks describe-cluster --name "$cluster" --region "$region" --query cluster.resourcesVpcConfig.vpcId --output text)"\n`
    : "";
  const crds = install.crds
    ? `
# helm upgrade never updates a chart's CRDs: apply this version's first.
helm show crds ${shellQuote(install.chart)} ${chart.join(" ")} |
  kubectl apply --context "$context" --server-side --force-conflicts -f -
`
    : "";
  return `${prelude}
${UPDATE_KUBECONFIG}${vpcId}${crds}
${command.join(" \\\n  ")}
`;
}

function setFlag({ key, value }: HelmValue): string {
  if (typeof value === "boolean") return `--set ${key}=${value}`;
  return `--set-string ${key}=${typeof value === "string" ? shellQuote(value) : RUN_TIME[value.atRunTime]}`;
}
