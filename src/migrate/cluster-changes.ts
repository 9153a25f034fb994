import { isEqual } from "../diff/core/field-diff.js";
import { provisionerWording } from "../diff/revisions/provisioner-wording.js";
import type { Cluster, NodeGroup } from "../model/model.js";
import { PROVISIONING_MANUAL_DIR } from "../model/output-layout.js";
import { shellQuote } from "../render/shell-quote.js";
import type { Migration, MigrationContext } from "./migration.js";
import { FAIL, requireContext, scriptPrelude } from "./script.js";

/** Node-group fields eksctl and Pulumi cannot change on an existing group: a change replaces the group. */
function replacedFields(cluster: Cluster, before: NodeGroup, after: NodeGroup): string[] {
  return provisionerWording(cluster.provisioner).nodeGroupReplacedBy.filter((field) => !isEqual(before[field as keyof NodeGroup], after[field as keyof NodeGroup]));
}

/**
 * Cluster changes a deploy cannot do in place: a node group that must be replaced, and a cluster that changes
 * provisioner (never in place: a blue/green plan with a new cluster).
 */
export function clusterMigrations(context: MigrationContext): Migration[] {
  const out: Migration[] = [];
  for (const before of context.base.clusters) {
    const after = context.head.clusters.find((c) => c.name === before.name);
    if (!after) {
      out.push(clusterRemoval(before));
      continue;
    }
    if (before.provisioner !== after.provisioner) {
      out.push(provisionerChange(before, after));
      continue;
    }
    for (const group of before.nodeGroups) {
      const next = after.nodeGroups.find((g) => g.name === group.name);
      if (!next) {
        const added = after.nodeGroups.filter((g) => !before.nodeGroups.some((b) => b.name === g.name));
        if (added.length > 0) out.push(nodeGroupSwap(context, after, group, added));
        continue;
      }
      const fields = replacedFields(after, group, next);
      if (fields.length > 0) out.push(nodeGroupReplacement(after, group, fields));
    }
  }
  return out;
}

function nodeGroupReplacement(cluster: Cluster, group: NodeGroup, fields: readonly string[]): Migration {
  const subject = `cluster ${cluster.name}, node group ${group.name}`;
  if (cluster.provisioner === "eksctl") {
    return {
      subject,
      summary: `${fields.join(", ")} of node group ${group.name} change, which eksctl cannot do to an existing group`,
      steps: [
        {
          phase: "before-merge",
          title: `Give node group ${group.name} a new name`,
          where: "the spec",
          details: [
            `eksctl never changes ${fields.join(", ")} of an existing node group, and \`create-${cluster.name}-cluster.sh\` skips existing groups: as it stands, this change would do nothing. Rename the group in the spec (for example \`${group.name}-2\`), then run \`foundation migrate\` again: the plan becomes \"create the new group, drain and delete the old one by name\".`,
          ],
        },
      ],
      files: [],
    };
  }
  return {
    subject,
    summary: `${fields.join(", ")} of node group ${group.name} change: the provisioning stack replaces the group`,
    steps: [
      {
        phase: "before-merge",
        title: `Make sure the workloads of ${cluster.name} can move`,
        where: `cluster ${cluster.name}`,
        details: [
          `While both groups exist, the new one must have room for the old one's pods (both are billed in between). EKS drains the old nodes without waiting for PodDisruptionBudgets (each node is terminated after at most 5 minutes), so a service that must stay up needs more than one replica, spread over nodes (foundation's topology spread does it); check it before merging.`,
        ],
      },
      {
        phase: "merge",
        title: `CI's pulumi up replaces node group ${group.name}`,
        where: `stack ${cluster.stackReference ?? cluster.name}`,
        details: [
          `The infrastructure program names its node groups by prefix (\`${group.name}-<generated suffix>\`) and replaces them create-before-delete: the new group is created and its nodes become ready first, then EKS scales the old group to zero, draining each node for up to 5 minutes, and deletes it. Nothing to run by hand.`,
        ],
      },
      {
        phase: "after-deploy",
        title: "Check the pods moved",
        where: `cluster ${cluster.name} (context ${cluster.kubeconfigContext})`,
        details: [`\`kubectl --context ${shellQuote(cluster.kubeconfigContext)} get pods --all-namespaces --field-selector status.phase!=Running\` lists nothing stuck Pending.`],
      },
    ],
    files: [],
  };
}

function nodeGroupSwap(context: MigrationContext, cluster: Cluster, old: NodeGroup, added: readonly NodeGroup[]): Migration {
  const names = added.map((g) => g.name).join(", ");
  const subject = `cluster ${cluster.name}, node group ${old.name}`;
  const region = shellQuote(cluster.region);
  const name = shellQuote(cluster.name);
  if (cluster.provisioner === "pulumi") {
    return {
      subject,
      summary: `node group ${old.name} gives way to ${names}`,
      steps: [
        {
          phase: "merge",
          title: `CI's pulumi up creates ${names}, then deletes ${old.name}`,
          where: `stack ${cluster.stackReference ?? cluster.name}`,
          details: ["Pulumi creates the new groups and waits for their nodes before it deletes the old one; EKS then scales it to zero, draining each node for up to 5 minutes (PodDisruptionBudgets are not waited for), so services that must stay up need more than one replica."],
        },
      ],
      files: [],
    };
  }
  const script = `${cluster.name}/replace-node-group-${old.name}.sh`;
  const content =
    scriptPrelude(context, {
      path: script,
      about: [
        `Node group ${old.name} of eksctl cluster ${cluster.name} gives way to ${names}. Run it once the new groups are`,
        `up (out/${PROVISIONING_MANUAL_DIR}/create-${cluster.name}-cluster.sh creates them): it checks they have Ready nodes,`,
        `drains ${old.name} (pods move, PodDisruptionBudgets respected), then deletes that group by name.`,
        "Safe to run again: a group already deleted is skipped.",
      ],
      tools: ["eksctl", "kubectl"],
      vars: [
        ["cluster", cluster.name],
        ["region", cluster.region],
        ["context", cluster.kubeconfigContext],
        ["old_group", old.name],
      ],
      arrays: [["new_groups", added.map((g) => g.name)]],
    }) +
    `
${FAIL}
${requireContext("context", cluster)}for group in "\${new_groups[@]}"; do
  ready="$(kubectl --context "$context" get nodes --selector "eks.amazonaws.com/nodegroup=$group" -o jsonpath='{.items[*].status.conditions[?(@.type=="Ready")].status}')"
  [[ "$ready" == *True* ]] || fail "node group $group has no Ready node: create it first with out/${PROVISIONING_MANUAL_DIR}/create-$cluster-cluster.sh"
done
if eksctl get nodegroup --cluster "$cluster" --region "$region" --name "$old_group" >/dev/null 2>&1; then
  eksctl drain nodegroup --cluster "$cluster" --region "$region" --name "$old_group"
  eksctl delete nodegroup --cluster "$cluster" --region "$region" --name "$old_group" --drain --wait
else
  echo "node group $old_group is gone already"
fi
echo "ok: node group $old_group replaced by \${new_groups[*]}"
`;
  return {
    subject,
    summary: `node group ${old.name} gives way to ${names}`,
    steps: [
      {
        phase: "after-deploy",
        title: `Create ${names} on ${cluster.name}`,
        where: `cluster ${cluster.name}`,
        details: [`Run \`out/${PROVISIONING_MANUAL_DIR}/create-${cluster.name}-cluster.sh\`: it creates the missing node groups beside the old one, which keeps running.`],
      },
      {
        phase: "last",
        title: `Drain and delete node group ${old.name}`,
        where: `cluster ${cluster.name} (context ${cluster.kubeconfigContext})`,
        script,
        details: [
          `Once ${names} has Ready nodes (the script checks): \`eksctl drain nodegroup --cluster ${name} --region ${region} --name ${shellQuote(old.name)}\` (pods move, PodDisruptionBudgets respected), then \`eksctl delete nodegroup --cluster ${name} --region ${region} --name ${shellQuote(old.name)} --drain --wait\`: the group is named, nothing else is deleted.`,
        ],
      },
    ],
    files: [{ path: script, content, executable: true }],
  };
}

function provisionerChange(before: Cluster, after: Cluster): Migration {
  return {
    subject: `cluster ${before.name}`,
    summary: `changes provisioner from ${before.provisioner} to ${after.provisioner}, which is never done in place`,
    steps: [
      {
        phase: "before-merge",
        title: `Do not merge this change: build a new cluster instead (blue/green)`,
        where: "the spec",
        details: [
          `${after.provisioner} cannot take over the cluster ${before.provisioner} built, and would build a second cluster under the same name. Instead: 1. keep ${before.name} as it is and add a cluster with a new name (and its own VPC CIDR) provisioned with ${after.provisioner}; merge that alone. 2. move the services to it, each as its own change (\`foundation migrate\` plans each move: deploy beside, check, switch traffic, remove from ${before.name}). 3. last, remove ${before.name} from the spec and delete it: ${
            before.provisioner === "eksctl" ? `\`eksctl delete cluster --name ${shellQuote(before.name)} --region ${shellQuote(before.region)}\`` : `\`pulumi destroy\` then \`pulumi stack rm\` of stack ${before.stackReference ?? ""}`
          }.`,
        ],
      },
    ],
    files: [],
  };
}

function clusterRemoval(cluster: Cluster): Migration {
  return {
    subject: `cluster ${cluster.name}`,
    summary: "leaves the spec: nothing deletes it by itself",
    steps: [
      {
        phase: "last",
        title: `Delete cluster ${cluster.name}, once nothing runs on it`,
        where: `cluster ${cluster.name}`,
        details: [
          `After every service has moved off it (the steps above), check nothing of yours is left (\`kubectl --context ${shellQuote(cluster.kubeconfigContext)} get deployments --all-namespaces\`), then ${
            cluster.provisioner === "eksctl"
              ? `\`eksctl delete cluster --name ${shellQuote(cluster.name)} --region ${shellQuote(cluster.region)}\``
              : `\`pulumi destroy\` then \`pulumi stack rm\` of stack ${cluster.stackReference ?? ""} (from the provisioning project of the revision before this change)`
          }.`,
        ],
      },
    ],
    files: [],
  };
}
