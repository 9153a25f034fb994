import type { Cluster, ServiceInstance } from "../model/model.js";
import { PULUMI_DEPLOY_DIR, manualDeployDir } from "../model/output-layout.js";
import { topLevelUrn, type PulumiAppStack } from "../plan/pulumi-app-plan.js";
import { importFile, providerUrn, type ImportEntry } from "./import-file.js";
import type { Migration, MigrationContext } from "./migration.js";
import { FAIL, findAbsent, requireContext, scriptPrelude } from "./script.js";
import { serviceObjects } from "./service-objects.js";

/** The change-summary operations of a preview that would recreate or remove a live object. */
export const FORBIDDEN_PREVIEW_OPS = ["create", "replace", "delete", "create-replacement", "delete-replaced"] as const;

/**
 * kubectl -> Pulumi on the same cluster: the stack adopts the live objects, never recreates them. Before the
 * merge, on the pull request's branch: the stack is created with only its provider (a targeted `pulumi up`,
 * since Pulumi does not import providers), every object the stack creates is imported by the name the program
 * registers it under and the ID `<namespace>/<name>` of the object the YAML made, and a preview must show no
 * create, replace or delete. Then CI's `pulumi up` on the merge only takes over the fields.
 */
export function adoptIntoPulumi(context: MigrationContext, before: ServiceInstance, after: ServiceInstance, cluster: Cluster, stack: PulumiAppStack, argocd: boolean): Migration {
  const id = `${after.service}-${after.environment}`;
  const subject = `${after.service}@${after.environment}`;
  const live = serviceObjects(context.base.project, before);
  const entries: ImportEntry[] = [];
  const created: string[] = [];
  for (const resource of stack.resources) {
    if (resource.mode !== "create") continue;
    const object = live.find((o) => o.kind === resource.kind && o.name === resource.objectName && before.namespace === stack.namespace);
    if (object) entries.push({ type: resource.type, name: resource.name, id: `${stack.namespace}/${object.name}` });
    else created.push(`${resource.kind} ${resource.objectName}`);
  }
  const left = live.filter((o) => !entries.some((e) => e.id === `${stack.namespace}/${o.name}` && e.type.endsWith(`:${o.kind}`)));
  const importPath = `${id}/import-${stack.stack}.json`;
  const script = `${id}/adopt-into-pulumi.sh`;
  const urns = entries.map((e) => topLevelUrn(stack.stack, stack.project, e.type, e.name));
  const adopted = live.filter((o) => !left.includes(o));
  const content =
    scriptPrelude(context, {
      path: script,
      about: [
        `${subject} moves from kubectl to Pulumi stack ${stack.stack} on cluster ${cluster.name}: the stack adopts the running`,
        "objects (pulumi import), so nothing is deleted or recreated. Run it before merging the pull request, on its",
        "branch after `foundation compile`. Safe to run again: the stack, its provider and imported objects are kept.",
      ],
      tools: ["pulumi", "kubectl", "jq"],
      here: true,
      out: true,
      vars: [
        ["stack", stack.qualifiedStack],
        ["stack_name", stack.stack],
        ["context", cluster.kubeconfigContext],
        ["namespace", stack.namespace],
        ["provider_urn", providerUrn(stack)],
        ["import_file_name", importPath.slice(id.length + 1)],
      ],
      arrays: [
        ["objects", adopted.map((o) => o.ref)],
        ["urns", urns],
      ],
    }) +
    `
${FAIL}
project="$out/${PULUMI_DEPLOY_DIR}"
import_file="$here/$import_file_name"
if [ ! -f "$project/stacks/$stack_name.ts" ] || [ ! -f "$project/Pulumi.$stack_name.yaml" ]; then
  fail "$project has no stack $stack_name: run this on the pull request's branch, after foundation compile"
fi
[ -d "$project/node_modules" ] || fail "the Pulumi project's packages are not installed: (cd \\"$project\\" && npm ci)"
${requireContext("context", cluster)}${findAbsent()}((\${#absent[@]} == 0)) || fail "not in namespace $namespace of context $context: \${absent[*]} (nothing to adopt; is the service running there?)"
pulumi whoami >/dev/null || fail "not logged in to Pulumi (pulumi login)"

state="$(mktemp)"
preview="$(mktemp)"
trap 'rm -f "$state" "$preview"' EXIT
export_state() { pulumi stack export --stack "$stack" --cwd "$project" --file "$state" >/dev/null; }
# The URNs given that the exported state does not hold, one per line (one jq for all of them).
not_in_state() { jq -r '[(.deployment.resources // [])[].urn] as $held | $ARGS.positional[] | select(. as $urn | $held | index([$urn]) | not)' "$state" --args "$@"; }
in_state() { [ -z "$(not_in_state "$1")" ]; }

echo "1. stack $stack"
pulumi stack select --create --stack "$stack" --cwd "$project" >/dev/null
export_state

echo "2. its Kubernetes provider (Pulumi imports resources only through a provider already in the stack)"
if in_state "$provider_urn"; then
  echo "   already in the stack"
else
  pulumi up --stack "$stack" --cwd "$project" --target "$provider_urn" --yes
  export_state
  in_state "$provider_urn" || fail "pulumi up did not create the provider $provider_urn"
fi

echo "3. import the running objects"
if [ -n "$(not_in_state "\${urns[@]}")" ]; then
  pulumi import --file "$import_file" --stack "$stack" --cwd "$project" --generate-code=false --yes
  export_state
else
  echo "   already imported"
fi
left="$(not_in_state "\${urns[@]}")"
[ -z "$left" ] || fail "not in the stack after the import: $left"

echo "4. pulumi preview: nothing may be created, replaced or deleted"
pulumi preview --stack "$stack" --cwd "$project" --json >"$preview"
changes="$(jq -r '(.changeSummary // {}) | to_entries | map(select(.value > 0 and (.key as $op | [${FORBIDDEN_PREVIEW_OPS.map((op) => `"${op}"`).join(", ")}] | index($op) != null))) | map("\\(.key) \\(.value)") | join(", ")' "$preview")"
[ -z "$changes" ] || fail "the preview of $stack would $changes: do not merge; compare the live objects with the stack (pulumi preview --diff)"
echo "ok: $stack holds the running objects; merge the pull request (CI's pulumi up updates them in place)"
`;
  const folder = `out/${manualDeployDir(before.service, before.environment)}`;
  const details = [
    `Creates stack \`${stack.qualifiedStack}\` with only its provider \`${stack.provider.name}\` (\`pulumi up --target\`: Pulumi cannot import a provider, and the import file references it by URN), then runs \`pulumi import --file ${context.dir}/${importPath} --generate-code=false\`: each object under the type token and name the program registers (${entries.map((e) => `\`${e.name}\``).join(", ")}), with the ID \`<namespace>/<name>\` of the object \`kubectl apply -f ${folder}\` made.`,
    "Checks first that the kube context exists and every object is running; then that `pulumi preview` creates, replaces and deletes nothing. An update is expected: Pulumi's server-side apply becomes a co-owner of the fields kubectl set (same values, so no field-manager conflict).",
    "Imported resources are protected (`pulumi import`'s default) until CI's first `pulumi up`, which applies the program's options.",
    ...(created.length > 0 ? [`Not running yet, so CI's \`pulumi up\` creates them: ${created.join(", ")}.`] : []),
    ...(left.length > 0
      ? [`Running but no longer generated, so left as they are (delete them by name once nothing needs them): ${left.map((o) => `\`${o.ref}\``).join(", ")}.`]
      : []),
  ];
  return {
    subject,
    summary: `moves from kubectl to Pulumi stack ${stack.stack} on cluster ${cluster.name}: the stack adopts the running objects`,
    steps: [
      { phase: "before-merge", title: `Adopt the running objects of ${subject} into stack ${stack.stack}`, where: `cluster ${cluster.name} (context ${cluster.kubeconfigContext}), stack ${stack.qualifiedStack}`, script, details },
      {
        phase: "merge",
        title: `CI deploys stack ${stack.stack}`,
        where: `stack ${stack.qualifiedStack}`,
        details: [
          argocd
            ? `Its \`pulumi up\` updates the adopted objects in place. Argo CD synced \`${folder}\` until now (agreeing with the stack, as both apply the same objects); the folder and its Application leave git, and the Application is deleted without cascading (it has no resources finalizer), so the objects stay, the stack's now.`
            : `Its \`pulumi up\` updates the adopted objects in place; \`${folder}\` leaves git and CI stops applying it. \`kubectl apply\` never deletes, so nothing is removed from the cluster.`,
        ],
      },
    ],
    files: [
      { path: importPath, content: importFile(stack, entries) },
      { path: script, content, executable: true },
    ],
  };
}
