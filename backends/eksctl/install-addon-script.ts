import type { AddonKind, Cluster } from "../../src/model/model.js";
import type { EksctlClusterPlan, HelmInstall, HelmValue, RunTimeValue } from "../../src/plan/eksctl-plan.js";
import { installAddonScriptFile, installAddonsScriptFile } from "./paths.js";
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
export function installAddonScript(cluster: Cluster, plan: EksctlClusterPlan, install: HelmInstall, specName: string): string {
  const alb = plan.helmInstalls.find((i) => i.kind === "awsLoadBalancerController");
  const waitsForAlb = alb !== undefined && install.kind !== "awsLoadBalancerController";
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
      ...(waitsForAlb
        ? [
            "The chart creates Services: when the AWS Load Balancer Controller is on the cluster, waits until its",
            "webhook is ready first (it rejects every new Service until then). Run all add-ons in order with",
            `./${installAddonsScriptFile(cluster)}.`,
          ]
        : []),
      "Safe to run again.",
    ],
    tools: install.crdsUrl !== undefined || waitsForAlb ? ["aws", "helm", "kubectl"] : ["aws", "helm"],
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
  const crds = install.crdsUrl !== undefined
    ? `
# helm upgrade never updates a chart's CRDs: apply this version's first (the Pulumi program applies the same manifest).
kubectl apply --context "$context" --server-side --force-conflicts -f ${shellQuote(install.crdsUrl)}
`
    : "";
  return `${prelude}
${UPDATE_KUBECONFIG}${vpcId}${crds}${waitsForAlb ? albWebhookWait(alb) : ""}
${command.join(" \\\n  ")}
`;
}

/** The Service of the AWS Load Balancer Controller chart's webhooks (`aws-load-balancer-webhook-service`). */
export const ALB_WEBHOOK_SERVICE = "aws-load-balancer-webhook-service";

/**
 * Waits until the AWS Load Balancer Controller's webhook Service has a ready endpoint, when the controller is
 * installed: its Service-mutating webhook has `failurePolicy: Fail`, so until its pods are ready the API
 * server rejects every new Service (aws-load-balancer-controller#4140).
 */
function albWebhookWait(alb: HelmInstall): string {
  return `
# The AWS Load Balancer Controller's webhook rejects every new Service until its pods are ready
# (failurePolicy: Fail, aws-load-balancer-controller#4140): wait for a ready endpoint before installing.
alb_namespace=${shellQuote(alb.namespace)}
alb_webhook=${ALB_WEBHOOK_SERVICE}
if kubectl get service "$alb_webhook" --namespace "$alb_namespace" --context "$context" >/dev/null 2>&1; then
  ready=""
  for ((attempt = 1; attempt <= 60; attempt++)); do
    ready="$(kubectl get endpointslices --namespace "$alb_namespace" --context "$context" \\
      --selector "kubernetes.io/service-name=$alb_webhook" \\
      --output 'jsonpath={.items[*].endpoints[?(@.conditions.ready==true)].addresses[*]}')"
    [[ -n "$ready" ]] && break
    echo "Waiting for the AWS Load Balancer Controller's webhook ($attempt/60)."
    sleep 5
  done
  if [[ -z "$ready" ]]; then
    echo "error: the AWS Load Balancer Controller's webhook has no ready endpoint after 5 minutes; check its pods in namespace $alb_namespace" >&2
    exit 1
  fi
fi
`;
}

function setFlag({ key, value }: HelmValue): string {
  if (typeof value === "boolean") return `--set ${key}=${value}`;
  return `--set-string ${key}=${typeof value === "string" ? shellQuote(value) : RUN_TIME[value.atRunTime]}`;
}
