import type { Cluster } from "../../src/model/model.js";
import type { EksctlClusterPlan } from "../../src/plan/eksctl-plan.js";
import { clusterConfigFile, createClusterScriptFile } from "./paths.js";
import { scriptPrelude, UPDATE_KUBECONFIG } from "./script-prelude.js";
import { shellQuote } from "../../src/render/shell-quote.js";

/**
 * `create-<cluster>-cluster.sh`: creates the cluster from its planned ClusterConfig, or, when it exists,
 * brings it up to date (control plane version, missing node groups, IRSA service accounts, EKS add-ons);
 * then writes the kubeconfig context.
 */
export function createClusterScript(cluster: Cluster, plan: EksctlClusterPlan, specName: string): string {
  const configFile = clusterConfigFile(cluster);
  const prelude = scriptPrelude({
    specName,
    cluster,
    file: createClusterScriptFile(cluster),
    about: [
      `Creates EKS cluster ${cluster.name} from ${configFile}, or brings an existing one up to date: control plane`,
      "version, missing node groups, IRSA service accounts and EKS add-ons. Existing node groups are left as",
      "they are: to change one, add it under a new name and delete the old one. Then writes the kubeconfig",
      `context ${cluster.kubeconfigContext}. Safe to run again.`,
    ],
    tools: ["eksctl", "aws"],
  });
  const accountCheck = cluster.accountId
    ? `
expected_account=${shellQuote(cluster.accountId)}
account="$(aws sts get-caller-identity --query Account --output text)"
if [[ "$account" != "$expected_account" ]]; then
  echo "error: the AWS credentials are for account $account; cluster $cluster belongs to account $expected_account" >&2
  exit 1
fi
`
    : "";
  const hasNodeGroups = (plan.config.managedNodeGroups ?? []).length > 0;
  const hasServiceAccounts = (plan.config.iam?.serviceAccounts ?? []).length > 0;
  const update = [
    `eksctl upgrade cluster --config-file "$config" --approve`,
    `eksctl utils associate-iam-oidc-provider --config-file "$config" --approve`,
    ...(hasNodeGroups ? [`eksctl create nodegroup --config-file "$config"`] : []),
    ...(hasServiceAccounts
      ? [
          `eksctl create iamserviceaccount --config-file "$config" --override-existing-serviceaccounts --approve`,
          `eksctl update iamserviceaccount --config-file "$config" --approve`,
        ]
      : []),
    `eksctl update addon --config-file "$config"`,
  ];
  return `${prelude}
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
config="$here/$cluster.yaml"

if [[ "$region" != "$spec_region" ]]; then
  # eksctl refuses --region together with --config-file: run it on a copy of the config set to $region.
  work_dir="$(mktemp -d)"
  trap 'rm -rf "$work_dir"' EXIT
  awk -v from="  region: $spec_region" -v to="  region: $region" \\
    '!done && $0 == from { print to; done = 1; next } { print }' "$config" >"$work_dir/$cluster.yaml"
  config="$work_dir/$cluster.yaml"
fi
${accountCheck}
if eksctl get cluster --name "$cluster" --region "$region" >/dev/null 2>&1; then
  echo "Cluster $cluster exists in $region: bringing it up to date."
${update.map((line) => `  ${line}`).join("\n")}
else
  echo "Creating cluster $cluster in $region."
  eksctl create cluster --config-file "$config" --write-kubeconfig=false
fi

${UPDATE_KUBECONFIG}echo "kubeconfig context $context points at cluster $cluster in $region."
`;
}
