import type { Cluster } from "../../src/model/model.js";
import type { EksctlClusterPlan } from "../../src/plan/eksctl-plan.js";
import { createClusterScriptFile, installAddonScriptFile, installAddonsScriptFile } from "./paths.js";
import { scriptPrelude } from "./script-prelude.js";

/**
 * `install-addons-<cluster>.sh`: runs the cluster's add-on scripts one after the other, in the plan's order.
 * The AWS Load Balancer Controller comes first and its script returns only when its pods are ready
 * (`helm --wait`); each later script also waits for the controller's webhook itself.
 */
export function installAddonsScript(cluster: Cluster, plan: EksctlClusterPlan, specName: string): string {
  const scripts = plan.helmInstalls.map((install) => installAddonScriptFile(cluster, install));
  const prelude = scriptPrelude({
    specName,
    cluster,
    file: installAddonsScriptFile(cluster),
    about: [
      `Installs or upgrades every add-on of EKS cluster ${cluster.name}, in this order, after ./${createClusterScriptFile(cluster)}:`,
      ...scripts.map((script, i) => `  ${i + 1}. ${script}`),
      "Never in parallel: the AWS Load Balancer Controller's webhook rejects every new Service until its pods",
      "are ready (aws-load-balancer-controller#4140). Stops at the first failure. Safe to run again.",
    ],
    tools: [],
  });
  return `${prelude}
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
echo "Installing the add-ons of cluster $cluster in $region (kubeconfig context $context)."
${scripts.map((script) => `"$here/${script}" "$region"`).join("\n")}
`;
}
