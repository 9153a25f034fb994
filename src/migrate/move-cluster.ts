import type { Cluster, ServiceInstance } from "../model/model.js";
import { manualDeployDir } from "../model/output-layout.js";
import type { PulumiAppStack } from "../plan/pulumi-app-plan.js";
import type { Migration, MigrationContext, PlanStep } from "./migration.js";
import { providerUrn } from "./import-file.js";
import { releasedUrns, releaseShell, REMOVE_STACK } from "./release-from-pulumi.js";
import { FAIL, findAbsent, requireContext, scriptPrelude } from "./script.js";
import { serviceObjects } from "./service-objects.js";

/** Both sides of a service instance that changes cluster. */
export interface ClusterMove {
  readonly before: ServiceInstance;
  readonly after: ServiceInstance;
  readonly from: Cluster;
  readonly to: Cluster;
  /** The stack that deployed it before, when it was deployed with Pulumi. */
  readonly fromStack?: PulumiAppStack;
  /** The stack that deploys it after, when it is deployed with Pulumi. */
  readonly toStack?: PulumiAppStack;
}

/**
 * A service instance moves to another cluster, without downtime: it is deployed on the new cluster beside the
 * old one (before the merge, the old stack lets go of the old objects, so that CI's deploy cannot replace or
 * delete them), checked healthy there, traffic is switched (DNS of the ingress host), and only then is it
 * removed from the old cluster, by naming its objects. A Namespace is never deleted: it belongs to the cluster.
 */
export function moveCluster(context: MigrationContext, move: ClusterMove): Migration {
  const { before, after, from, to } = move;
  const id = `${after.service}-${after.environment}`;
  const subject = `${after.service}@${after.environment}`;
  const oldObjects = serviceObjects(context.base.project, before);
  const newObjects = serviceObjects(context.head.project, after);
  const deployment = newObjects.find((o) => o.kind === "Deployment");
  const ingress = after.ingress;
  const steps: PlanStep[] = [];
  const files: Migration["files"][number][] = [];
  const deployedBy = (stack: PulumiAppStack | undefined, instance: ServiceInstance) => (stack ? `Pulumi stack ${stack.stack}` : `kubectl, out/${manualDeployDir(instance.service, instance.environment)}`);

  const prepare = `${id}/prepare-${to.name}.sh`;
  const secrets = [...new Set(after.secrets.map((s) => s.secretName))].sort();
  const sameStack = move.fromStack !== undefined && move.toStack !== undefined && move.fromStack.qualifiedStack === move.toStack.qualifiedStack;
  const release = move.fromStack;
  // The same stack deploys it on the new cluster: its old provider goes too (the new one has another name), so
  // that CI's pulumi up never has to configure a provider for the old cluster just to drop it.
  const released = release ? [...releasedUrns(release), ...(sameStack ? [providerUrn(release)] : [])] : [];
  files.push({
    path: prepare,
    executable: true,
    content:
      scriptPrelude(context, {
        path: prepare,
        about: [
          `${subject} moves from cluster ${from.name} to ${to.name}. Before merging the pull request: checks that the`,
          `Secrets its pods read exist on ${to.name}${release ? `, and makes stack ${release.stack} let go of the objects on ${from.name} (pulumi` : ""}`,
          ...(release ? [`state delete only: they keep running and serve traffic until the switch${sameStack ? "; CI's pulumi up then creates the new ones" : ""}).`] : []),
          "Safe to run again.",
        ],
        tools: release ? ["kubectl", "pulumi", "jq"] : ["kubectl"],
        vars: [
          ["context", to.kubeconfigContext],
          ...(secrets.length > 0 ? ([["namespace", after.namespace]] as const) : []),
          ...(release ? ([["stack", release.qualifiedStack]] as const) : []),
        ],
        arrays: [...(secrets.length > 0 ? ([["secrets", secrets.map((name) => `secret/${name}`)]] as const) : []), ...(release ? ([["urns", released]] as const) : [])],
      }) +
      `
${FAIL}
${requireContext("context", to)}${
        secrets.length > 0
          ? `${findAbsent("secrets")}((\${#absent[@]} == 0)) || fail "create these Secrets in namespace $namespace of context $context first (they are kept outside git): \${absent[*]}"
echo "ok: the Secrets the pods read exist on context $context"
`
          : ""
      }${
  release
    ? `pulumi whoami >/dev/null || fail "not logged in to Pulumi (pulumi login)"
echo "stack $stack lets go of its objects (the cluster is not touched)"
${releaseShell(!sameStack)}${sameStack ? "" : REMOVE_STACK}`
    : ""
}echo "ok: merge the pull request"
`,
  });
  steps.push({
    phase: "before-merge",
    title: `Prepare ${to.name} for ${subject}`,
    where: `cluster ${to.name} (context ${to.kubeconfigContext})${release ? `, stack ${release.qualifiedStack}` : ""}`,
    script: prepare,
    details: [
      secrets.length > 0
        ? `The pods read Secrets kept outside git: create ${secrets.map((s) => `\`${s}\``).join(", ")} in namespace \`${after.namespace}\` of ${to.name} first (the script checks).`
        : "The pods read no Secret: the script only checks the context.",
      ...(release
        ? [
            `Stack \`${release.stack}\` lets go of the objects on ${from.name} (\`pulumi state delete\` of exactly its Kubernetes resources): they keep running and serving until the switch, and ${
              sameStack ? `CI's \`pulumi up\` of the same stack creates the new ones on ${to.name} instead of replacing (deleting) the old ones` : "nothing CI runs can delete them"
            }.${sameStack ? "" : ` The stack, then empty, is removed.`}`,
          ]
        : []),
    ],
  });
  steps.push({
    phase: "merge",
    title: `CI deploys ${subject} on ${to.name}`,
    where: `cluster ${to.name}`,
    details: [
      `${deployedBy(move.toStack, after)}: CI creates it on ${to.name}. Nothing is removed from ${from.name}: the old objects keep serving, and ${
        ingress ? `both ALBs answer for \`${ingress.host}\` until DNS moves` : "both run side by side"
      }.`,
    ],
  });

  const check = `${id}/check-on-${to.name}.sh`;
  const scheme = ingress?.certificateArn ? "https" : "http";
  const port = ingress?.certificateArn ? "443" : "80";
  files.push({
    path: check,
    executable: true,
    content:
      scriptPrelude(context, {
        path: check,
        about: [
          `After CI deployed ${subject} on ${to.name}: waits for its rollout there${ingress ? ", checks its health through the new ALB" : ""},`,
          `${ingress ? "and prints the DNS change that switches the traffic. " : ""}Changes nothing; safe to run again.`,
        ],
        tools: ingress ? ["kubectl", "curl"] : ["kubectl"],
        vars: [
          ["context", to.kubeconfigContext],
          ["namespace", after.namespace],
          ["deployment", deployment?.name ?? after.service],
          ...(ingress
            ? ([
                ["old_context", from.kubeconfigContext],
                ["ingress", after.service],
                ["host", ingress.host],
                ["health_url", `${scheme}://${ingress.host}${after.healthCheck?.path ?? ingress.path}`],
                ["port", port],
              ] as const)
            : []),
        ],
      }) +
      `
${FAIL}
${requireContext("context", to)}kubectl --context "$context" --namespace "$namespace" rollout status "deployment.apps/$deployment" --timeout=10m ||
  fail "deployment $deployment is not ready on context $context"
${
  ingress
    ? `address() { kubectl --context "$1" --namespace "$namespace" get "ingress.networking.k8s.io/$ingress" -o jsonpath='{.status.loadBalancer.ingress[0].hostname}' 2>/dev/null || true; }
alb="$(address "$context")"
[ -n "$alb" ] || fail "ingress $ingress on context $context has no load balancer yet; wait for the AWS Load Balancer Controller, then run again"
curl --fail --silent --show-error --max-time 10 --connect-to "$host:$port:$alb:$port" "$health_url" >/dev/null ||
  fail "$health_url does not answer through the new load balancer $alb"
old_alb="$(address "$old_context")"
echo "ok: healthy on the new cluster through $alb"
echo "switch the traffic: point the DNS record of $host to $alb (it points to \${old_alb:-the old load balancer} now), wait for its TTL, then run the removal script"
`
    : `echo "ok: ready on the new cluster"
`
}`,
  });
  steps.push({
    phase: "after-deploy",
    title: `Check ${subject} on ${to.name}`,
    where: `cluster ${to.name} (context ${to.kubeconfigContext})`,
    script: check,
    details: [
      `Waits for the rollout of \`deployment.apps/${deployment?.name ?? after.service}\`${
        ingress ? `, then requests \`${scheme}://${ingress.host}${after.healthCheck?.path ?? ingress.path}\` through the new ALB (\`curl --connect-to\`, so TLS and the host rule are checked as clients will see them)` : ""
      }.${ingress?.scheme === "internal" ? " Its ALB is internal: run the check from inside the VPC." : ""}`,
    ],
  });
  steps.push({
    phase: "after-deploy",
    title: ingress ? `Switch the traffic of ${ingress.host} to ${to.name}` : `Switch the clients of ${subject} to ${to.name}`,
    where: ingress ? "your DNS" : "its clients",
    details: [
      ingress
        ? `Point the DNS record of \`${ingress.host}\` to the new ALB's hostname (the check prints both), and wait for the record's TTL and for the old ALB's traffic to drain (its access logs or target group request count).`
        : `It has no ingress: point its clients to ${to.name} (it is reachable there as \`${after.service}.${after.namespace}.svc\` within that cluster only).`,
    ],
  });

  const remove = `${id}/remove-from-${from.name}.sh`;
  files.push({
    path: remove,
    executable: true,
    content:
      scriptPrelude(context, {
        path: remove,
        about: [
          `Last step of moving ${subject}: removes it from cluster ${from.name} by naming its objects (never a Namespace,`,
          "never a folder). Refuses to run unless told the traffic is switched, and unless the new deployment is available.",
          "Safe to run again (--ignore-not-found).",
        ],
        tools: ["kubectl"],
        vars: [
          ["context", from.kubeconfigContext],
          ["new_context", to.kubeconfigContext],
          ["namespace", before.namespace],
          ["new_namespace", after.namespace],
          ["deployment", deployment?.name ?? after.service],
        ],
        arrays: [["objects", [...oldObjects].reverse().map((o) => o.ref)]],
      }) +
      `
${FAIL}
[ "\${1:-}" = --traffic-switched ] || fail "run it with --traffic-switched once the traffic goes to the new cluster (see PLAN.md)"
${requireContext("context", from)}${requireContext("new_context", to)}available="$(kubectl --context "$new_context" --namespace "$new_namespace" get "deployment.apps/$deployment" -o jsonpath='{.status.availableReplicas}')"
[ "\${available:-0}" -gt 0 ] || fail "deployment $deployment has no available replica on context $new_context: not removing the old one"
kubectl --context "$context" --namespace "$namespace" delete --ignore-not-found --wait=true "\${objects[@]}"
left="$(kubectl --context "$context" --namespace "$namespace" get "\${objects[@]}" -o name --ignore-not-found)"
[ -z "$left" ] || fail "still present: $left"
echo "ok: removed from context $context"
`,
  });
  steps.push({
    phase: "last",
    title: `Remove ${subject} from ${from.name}`,
    where: `cluster ${from.name} (context ${from.kubeconfigContext})`,
    script: `${remove} --traffic-switched`,
    details: [
      `\`kubectl delete --ignore-not-found\` of exactly ${oldObjects.map((o) => `\`${o.ref}\``).join(", ")} in namespace \`${before.namespace}\`: the namespace stays (it belongs to the cluster, and other services may run in it).`,
      ...(before.secrets.length > 0 ? [`The Secrets ${[...new Set(before.secrets.map((s) => `\`${s.secretName}\``))].join(", ")} on ${from.name} are yours (kept outside git): delete them by name when nothing else reads them.`] : []),
    ],
  });

  return {
    subject,
    summary: `moves from ${from.name === to.name ? `namespace ${before.namespace} to ${after.namespace} on cluster ${to.name}` : `cluster ${from.name} to ${to.name}`}${move.fromStack || move.toStack ? ` (${move.fromStack ? `Pulumi stack ${move.fromStack.stack}` : "kubectl"} -> ${move.toStack ? `Pulumi stack ${move.toStack.stack}` : "kubectl"})` : ""}: deploy beside, check, switch traffic, then remove the old`,
    steps,
    files,
  };
}
