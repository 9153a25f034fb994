import type { Cluster, ServiceInstance } from "../model/model.js";
import { manualDeployDir } from "../model/output-layout.js";
import { topLevelUrn, type PulumiAppStack } from "../plan/pulumi-app-plan.js";
import type { Migration, MigrationContext } from "./migration.js";
import { FAIL, findAbsent, requireContext, scriptPrelude } from "./script.js";
import { serviceObjects } from "./service-objects.js";

/**
 * The URNs a stack lets go of, in the order `pulumi state delete` accepts them: every Kubernetes resource
 * (the objects it created and the Secrets it reads), dependents first (the program registers the reads, then
 * the objects in apply order, the Deployment after what it depends on), so no `--target-dependents` is needed
 * and nothing but these is removed. The provider and the stack itself stay.
 */
export function releasedUrns(stack: PulumiAppStack): string[] {
  return [...stack.resources].reverse().map((r) => topLevelUrn(stack.stack, stack.project, r.type, r.name));
}

/**
 * Shell that makes stack `$stack` let go of `urns` without deleting anything in the cluster (`pulumi state
 * delete` only edits the state), each only if the stack still holds it, then fails unless the stack holds
 * nothing but itself, its provider and the provisioning stack it reads (a StackReference, on Pulumi
 * clusters). With `track`, sets `stack_exists` (for `REMOVE_STACK`).
 */
export function releaseShell(track: boolean): string {
  return `state="$(mktemp)"
trap 'rm -f "$state"' EXIT
${track ? "stack_exists=0\n" : ""}if pulumi stack select --stack "$stack" >/dev/null 2>&1; then
${track ? "  stack_exists=1\n" : ""}  pulumi stack export --stack "$stack" --file "$state" >/dev/null
  held=$'\\n'"$(jq -r '(.deployment.resources // [])[].urn' "$state")"$'\\n'
  for urn in "\${urns[@]}"; do
    if [[ "$held" == *$'\\n'"$urn"$'\\n'* ]]; then
      pulumi state delete "$urn" --stack "$stack" --yes
    else
      echo "   not in the stack (released already): $urn"
    fi
  done
  pulumi stack export --stack "$stack" --file "$state" >/dev/null
  others="$(jq -r '[(.deployment.resources // [])[] | select(.type != "pulumi:pulumi:Stack" and .type != "pulumi:pulumi:StackReference" and (.type | startswith("pulumi:providers:") | not)) | .urn] | join(" ")' "$state")"
  [ -z "$others" ] || fail "stack $stack still holds $others; release it by hand before going on"
else
  echo "   stack $stack does not exist: nothing to release"
fi
`;
}

/**
 * Removes stack `$stack` if it exists; run after `releaseShell`, which checked it holds nothing but itself, its
 * provider and its StackReference (`pulumi stack rm` refuses a stack with resources unless forced, and those own
 * nothing in the cluster).
 */
export const REMOVE_STACK = `if ((stack_exists)); then
  pulumi stack rm --stack "$stack" --force --yes
else
  echo "   already removed"
fi
`;

/**
 * Pulumi -> kubectl on the same cluster: the stack lets go of its objects (`pulumi state delete` of exactly
 * their URNs), `kubectl apply --server-side` takes them over, then the stack is removed. `pulumi destroy`
 * never runs: it would delete the running service.
 */
export function releaseFromPulumi(context: MigrationContext, before: ServiceInstance, after: ServiceInstance, cluster: Cluster, stack: PulumiAppStack, argocd: boolean): Migration {
  const id = `${after.service}-${after.environment}`;
  const subject = `${after.service}@${after.environment}`;
  const dir = manualDeployDir(after.service, after.environment);
  const script = `${id}/release-from-pulumi.sh`;
  const urns = releasedUrns(stack);
  const objects = serviceObjects(context.base.project, before).filter((o) => stack.resources.some((r) => r.mode === "create" && r.kind === o.kind && r.objectName === o.name));
  const content =
    scriptPrelude(context, {
      path: script,
      about: [
        `${subject} moves from Pulumi stack ${stack.stack} to kubectl on cluster ${cluster.name}, without deleting anything:`,
        "1. the stack lets go of its objects (pulumi state delete of exactly their URNs; the cluster is not touched),",
        "2. kubectl apply --server-side takes them over, 3. the stack, now empty, is removed. pulumi destroy never runs.",
        "Run it just before merging the pull request, on its branch after `foundation compile`. Safe to run again.",
      ],
      tools: ["pulumi", "kubectl", "jq"],
      out: true,
      vars: [
        ["stack", stack.qualifiedStack],
        ["context", cluster.kubeconfigContext],
        ["namespace", after.namespace],
        ["folder_name", dir],
      ],
      arrays: [
        ["objects", objects.map((o) => o.ref)],
        ["urns", urns],
      ],
    }) +
    `
${FAIL}
folder="$out/$folder_name"
[ -d "$folder" ] || fail "$folder is missing: run this on the pull request's branch, after foundation compile"
${requireContext("context", cluster)}${findAbsent()}((\${#absent[@]} == 0)) || fail "not in namespace $namespace of context $context: \${absent[*]} (is the service running there?)"
pulumi whoami >/dev/null || fail "not logged in to Pulumi (pulumi login)"

echo "1. stack $stack lets go of its objects (the cluster is not touched)"
${releaseShell(true)}
echo "2. kubectl takes the objects over (server-side apply; no field manager conflicts when the objects are as the stack left them)"
force=()
[ "\${FORCE_CONFLICTS:-}" = yes ] && force=(--force-conflicts)
kubectl --context "$context" apply --server-side --field-manager=kubectl "\${force[@]}" -f "$folder" ||
  fail "kubectl apply --server-side failed: on a conflict, a field differs from what the stack applied; check with kubectl diff --server-side -f $folder, then run again with FORCE_CONFLICTS=yes to take the fields over"

echo "3. remove stack $stack"
${REMOVE_STACK}echo "ok: kubectl manages $namespace's objects of the service now; merge the pull request"
`;
  return {
    subject,
    summary: `moves from Pulumi stack ${stack.stack} to kubectl on cluster ${cluster.name}: the stack lets go of the running objects`,
    steps: [
      {
        phase: "before-merge",
        title: `Release ${subject} from stack ${stack.stack} and hand it to kubectl`,
        where: `stack ${stack.qualifiedStack}, cluster ${cluster.name} (context ${cluster.kubeconfigContext})`,
        script,
        details: [
          `\`pulumi state delete\` of exactly the stack's Kubernetes resources, dependents first so that nothing else goes with them (no \`--target-dependents\`): ${stack.resources
            .slice()
            .reverse()
            .map((r) => `\`${r.name}\``)
            .join(", ")}. It edits the state only: the objects keep running.`,
          `\`kubectl apply --server-side --field-manager=kubectl -f out/${dir}\`: the objects are exactly what the stack applied (the same builder renders both), so kubectl becomes a co-owner of every field without conflicts; Pulumi's field manager stays listed in \`managedFields\` but no longer acts. With \`FORCE_CONFLICTS=yes\` the script adds \`--force-conflicts\`, for a field someone changed by hand. The objects carry no last-applied annotation (Pulumi applied them server-side, and the API server keeps that annotation only where it exists): CI's first client-side \`kubectl apply\` warns that it is missing and adds it, and cannot remove a field the same change drops from the spec, so move the service in a pull request of its own.`,
          "`pulumi stack rm --force` once the stack holds nothing but itself, its provider and, on a Pulumi cluster, its reference to the provisioning stack (`--force` only because of those, which own nothing in the cluster). `pulumi destroy` never runs: it would delete the running service.",
        ],
      },
      {
        phase: "merge",
        title: `${argocd ? "Argo CD syncs" : "CI applies"} out/${dir}`,
        where: `cluster ${cluster.name}`,
        details: [
          `${argocd ? "Its new Application appears in the cluster's Argo CD folder; the objects" : "The objects"} are unchanged by it. The stack's files leave git; CI never destroys a stack that left the spec.`,
        ],
      },
    ],
    files: [{ path: script, content, executable: true }],
  };
}
