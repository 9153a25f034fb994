import type { Cluster } from "../../src/model/model.js";
import type { EksctlClusterPlan } from "../../src/plan/eksctl-plan.js";
import { clusterConfigFile, createClusterScriptFile, installAddonsScriptFile, namespacesFile } from "./paths.js";
import { scriptPrelude, UPDATE_KUBECONFIG } from "./script-prelude.js";
import { NAME_SEPARATOR } from "../../src/model/names.js";
import { shellQuote } from "../../src/render/shell-quote.js";

/**
 * `create-<cluster>-cluster.sh`: creates the cluster from its planned ClusterConfig, or, when it exists,
 * brings it up to date in the order EKS requires for a version upgrade: the control plane, then the EKS
 * managed add-ons (to the newest version for the new control plane), then each managed node group; and the
 * authentication mode, access entries, missing node groups and IRSA service accounts. Then writes the
 * kubeconfig context and applies the cluster's namespaces (server-side; never pruned or deleted), before
 * any add-on or service is installed into them.
 */
export function createClusterScript(cluster: Cluster, plan: EksctlClusterPlan, specName: string): string {
  const configFile = clusterConfigFile(cluster);
  const namespaces = plan.namespaces.length > 0 ? namespacesFile(cluster) : undefined;
  const prelude = scriptPrelude({
    specName,
    cluster,
    file: createClusterScriptFile(cluster),
    about: [
      `Creates EKS cluster ${cluster.name} from ${configFile}, or brings an existing one up to date, in the order`,
      "EKS requires for a Kubernetes version upgrade: 1. the control plane (one minor version per run), 2. the",
      "EKS managed add-ons vpc-cni, kube-proxy and CoreDNS, to the newest version for the control plane,",
      "3. every managed node group still on an older version (nodes are replaced, drained one by one).",
      "Also: the authentication mode that allows access entries, the access entries and their policies,",
      "missing node groups and IRSA service accounts. Other changes to an existing node group are not",
      "applied: add it under a new name, run this script, then delete the old one. Then writes the kubeconfig",
      `context ${cluster.kubeconfigContext}${namespaces ? ` and applies ${namespaces}, the namespaces of the cluster's environments (never deletes one)` : ""}.`,
      `Given another region, works on a copy of the config set to it: the IAM role names and the kubeconfig context`,
      `end in that region instead of ${cluster.region}, so the copy never takes over the names of the spec's cluster.`,
      `Safe to run again. Then run ./${installAddonsScriptFile(cluster)}.`,
    ],
    tools: namespaces ? ["eksctl", "aws", "kubectl"] : ["eksctl", "aws"],
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
  const nodeGroups = (plan.config.managedNodeGroups ?? []).map((group) => group.name);
  const roleNames = (plan.config.iam?.serviceAccounts ?? []).map((account) => account.roleName);
  const hasServiceAccounts = roleNames.length > 0;
  const update = [
    "# 1. The control plane (eksctl moves it one minor version per run).",
    `eksctl upgrade cluster --config-file "$config" --approve`,
    `eksctl utils associate-iam-oidc-provider --config-file "$config" --approve`,
    ...accessUpdate(plan),
    ...(nodeGroups.length > 0 ? [`eksctl create nodegroup --config-file "$config"`] : []),
    ...(hasServiceAccounts
      ? [
          `eksctl create iamserviceaccount --config-file "$config" --override-existing-serviceaccounts --approve`,
          `eksctl update iamserviceaccount --config-file "$config" --approve`,
        ]
      : []),
    "# 2. The EKS managed add-ons, to the newest version for the control plane (version: latest in the config).",
    `eksctl update addon --config-file "$config"`,
    ...(nodeGroups.length > 0
      ? [
          "# 3. The managed node groups still on another version than the control plane's.",
          `nodegroups=(${nodeGroups.map(shellQuote).join(" ")})`,
          `for nodegroup in "\${nodegroups[@]}"; do`,
          `  current="$(aws eks describe-nodegroup --cluster-name "$cluster" --region "$region" --nodegroup-name "$nodegroup" --query nodegroup.version --output text)"`,
          `  if [[ "$current" != "$version" ]]; then`,
          `    echo "Upgrading node group $nodegroup from Kubernetes $current to $version."`,
          `    eksctl upgrade nodegroup --cluster "$cluster" --region "$region" --name "$nodegroup" --kubernetes-version "$version"`,
          "  fi",
          "done",
        ]
      : []),
  ];
  return `${prelude}
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
config="$here/$cluster.yaml"
version=${shellQuote(String(plan.config.metadata.version))}

if [[ "$region" != "$spec_region" ]]; then
  # eksctl refuses --region together with --config-file: run it on a copy of the config set to $region, with
  # the IAM role names (one per account, whatever the region) ending in $region instead of $spec_region.
  work_dir="$(mktemp -d)"
  trap 'rm -rf "$work_dir"' EXIT
  awk -v from="$spec_region" -v to="$region" -v roles=${roleNames.length} '
    !done && $0 == "  region: " from { print "  region: " to; done = 1; next }
    $1 == "roleName:" && substr($0, length($0) - length(from)) == "${NAME_SEPARATOR}" from {
      print substr($0, 1, length($0) - length(from)) to; renamed++; next
    }
    { print }
    END {
      if (!done || renamed != roles) {
        print "error: the config does not hold region " from " and " roles " role names ending in it" > "/dev/stderr"
        exit 1
      }
    }' "$config" >"$work_dir/$cluster.yaml"
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
${
  namespaces
    ? `
# The environments' namespaces, before any add-on or service goes into them. Applied, never pruned: a
# namespace no environment uses any more keeps its workloads until someone deletes it on purpose.
namespaces="$here/"${shellQuote(namespaces)}
kubectl apply --server-side --context "$context" -f "$namespaces"
`
    : ""
}`;
}

/**
 * The authentication mode moved to one that allows access entries (clusters made before them use
 * `CONFIG_MAP`; the move is one-way and keeps the aws-auth ConfigMap), then each planned access entry
 * created when missing and its policies associated (associating again sets the scope).
 */
function accessUpdate(plan: EksctlClusterPlan): string[] {
  const access = plan.config.accessConfig;
  if (!access?.authenticationMode) return [];
  const lines = [
    "# Access entries: the authentication mode must allow them (a one-way move that keeps aws-auth).",
    `mode="$(aws eks describe-cluster --name "$cluster" --region "$region" --query cluster.accessConfig.authenticationMode --output text)"`,
    `if [[ "$mode" == CONFIG_MAP ]]; then`,
    `  eksctl utils update-authentication-mode --cluster "$cluster" --region "$region" --authentication-mode ${access.authenticationMode}`,
    "fi",
  ];
  for (const entry of access.accessEntries ?? []) {
    if (entry.principalARN === undefined) continue;
    const principal = shellQuote(entry.principalARN);
    lines.push(
      `if ! aws eks describe-access-entry --cluster-name "$cluster" --region "$region" --principal-arn ${principal} >/dev/null 2>&1; then`,
      `  aws eks create-access-entry --cluster-name "$cluster" --region "$region" --principal-arn ${principal} --type STANDARD`,
      "fi",
      ...(entry.accessPolicies ?? []).map(
        (policy) =>
          `aws eks associate-access-policy --cluster-name "$cluster" --region "$region" --principal-arn ${principal} --policy-arn ${shellQuote(String(policy.policyARN))} --access-scope ${shellQuote(JSON.stringify(policy.accessScope))}`,
      ),
    );
  }
  return lines;
}
