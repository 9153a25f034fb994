import { generatedNotice } from "../render/header.js";
import { shellQuote } from "../render/shell-quote.js";
import { toYaml } from "../render/yaml.js";
import { recordDeployScript } from "./deployed-tags.js";
import { AWS_CREDENTIALS, CHECKOUT, commentVersions, KUBECONFORM, PULUMI, SETUP_NODE, uses } from "./pinned-actions.js";
import { PLAN_OUTPUTS, planScript } from "./plan-script.js";

/** Where the workflow finds the spec and the output tree, relative to the repository root, and where it is written. */
export interface WorkflowOptions {
  readonly spec: string;
  readonly out: string;
  /** The workflow file itself, for the `paths:` filter. */
  readonly workflow?: string;
}

/** The GitHub environment of the deploys that belong to no foundation environment (provisioning, namespaces). */
export const INFRASTRUCTURE_ENVIRONMENT = "infrastructure";

/** The repository secrets (or environment secrets) the workflow reads. */
export const SECRETS = {
  previewRole: "AWS_PREVIEW_ROLE_ARN",
  deployRole: "AWS_DEPLOY_ROLE_ARN",
  pulumiToken: "PULUMI_ACCESS_TOKEN",
} as const;

const PR = "github.event_name == 'pull_request'";
const DEPLOY = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'";
const PULUMI_ENV = { PULUMI_ACCESS_TOKEN: `\${{ secrets.${SECRETS.pulumiToken} }}` };
const TARGET_ENV = { TARGET: "${{ toJSON(matrix.target) }}" };

const checkout = (history: boolean) => ({ uses: uses(CHECKOUT), ...(history ? { with: { "fetch-depth": 0 } } : {}) });
const setupNode = { uses: uses(SETUP_NODE), with: { "node-version": 20, cache: "npm" } };
const awsCredentials = (role: string) => ({
  name: role === SECRETS.previewRole ? "AWS credentials (read-only preview role)" : "AWS credentials (deploy role)",
  uses: uses(AWS_CREDENTIALS),
  with: { "role-to-assume": `\${{ secrets.${role} }}`, "aws-region": "${{ matrix.target.region }}" },
});
const matrix = (group: string) => ({ "fail-fast": false, matrix: { target: `\${{ fromJSON(needs.plan.outputs.${group}) }}` } });
const perTarget = { group: "foundation-target-${{ matrix.target.target }}", "cancel-in-progress": false };
const recordDeploy = {
  name: "Record the deploy (the next plan diffs this target from here)",
  env: { TAG: "${{ matrix.target.tag }}" },
  run: recordDeployScript(),
};
/** The kubeconfig context a Pulumi application stack on an eksctl cluster pins, made from EKS. */
const kubeconfigContext = {
  name: "kubeconfig context the stack pins",
  if: "matrix.target.context",
  env: TARGET_ENV,
  run: [
    'cluster=$(jq -r .cluster <<<"$TARGET"); region=$(jq -r .region <<<"$TARGET"); context=$(jq -r .context <<<"$TARGET")',
    'aws eks update-kubeconfig --name "$cluster" --region "$region" --alias "$context"',
  ].join("\n"),
};
/** Only when every job it needs succeeded or had nothing to do. */
const afterOk = (needs: readonly string[], group: string, when: string) =>
  `\${{ !cancelled() && ${needs.map((n) => (n === "plan" ? "needs.plan.result == 'success'" : `(needs.${n}.result == 'success' || needs.${n}.result == 'skipped')`)).join(" && ")} && needs.plan.outputs.${group} != '[]' && ${when} }}`;

/**
 * A GitHub Actions workflow for the spec.
 *
 * On a pull request: `compile --check`, the diff against the base as a comment, `pulumi preview` of every
 * affected stack with a read-only role, and a client-side check of every affected YAML folder.
 *
 * On a merge to main: every target that changed since its own last successful deploy (see deployed-tags),
 * infrastructure first: the provisioning stacks, then the namespaces of the eksctl clusters, then the
 * application stacks (created on their first deploy) and the kubectl folders, each with the deploy role
 * inside the GitHub environment of its foundation environment, one at a time per target. Folders that
 * Argo CD syncs are left to it. eksctl clusters are changed by a person: the run says which and how.
 */
export function githubWorkflow(options: WorkflowOptions, specName: string): string {
  const spec = shellQuote(options.spec);
  const out = shellQuote(options.out);
  const paths = [options.spec, `${options.out}/**`, options.workflow ?? ".github/workflows/foundation.yml", "package.json", "package-lock.json"];
  const pulumiProject = [
    checkout(true),
    setupNode,
    { name: "Install the Pulumi project", "working-directory": `${options.out}/\${{ matrix.target.dir }}`, run: "npm ci || npm install" },
  ];
  const pulumi = (command: "preview" | "up") => ({
    name: `pulumi ${command} (the stack is created if it does not exist yet)`,
    uses: uses(PULUMI),
    with: { command, "stack-name": "${{ matrix.target.qualifiedStack }}", "work-dir": `${options.out}/\${{ matrix.target.dir }}`, upsert: true },
    env: PULUMI_ENV,
  });
  const previewJob = (name: string, group: string, steps: unknown[]) => ({
    name,
    needs: "plan",
    if: afterOk(["plan"], group, PR),
    "runs-on": "ubuntu-latest",
    permissions: { contents: "read", "id-token": "write" },
    strategy: matrix(group),
    steps,
  });
  const deployJob = (name: string, group: string, needs: readonly string[], environment: string, steps: unknown[]) => ({
    name,
    needs: needs.length === 1 ? needs[0] : [...needs],
    if: afterOk(needs, group, DEPLOY),
    "runs-on": "ubuntu-latest",
    environment,
    concurrency: perTarget,
    permissions: { contents: "write", "id-token": "write" },
    strategy: matrix(group),
    steps,
  });

  const workflow = {
    name: "foundation",
    on: {
      pull_request: { paths },
      push: { branches: ["main"], paths },
      workflow_dispatch: {},
    },
    permissions: { contents: "read" },
    concurrency: { group: "foundation-${{ github.ref }}", "cancel-in-progress": `\${{ ${PR} }}` },
    jobs: {
      plan: {
        name: "Compile and plan",
        "runs-on": "ubuntu-latest",
        permissions: { contents: "read", "pull-requests": "write" },
        outputs: Object.fromEntries(PLAN_OUTPUTS.map((g) => [g, `\${{ steps.plan.outputs.${g} }}`])),
        steps: [
          checkout(true),
          setupNode,
          { run: "npm ci" },
          { name: "out/ is what the spec compiles to", run: `npx foundation compile --check --spec ${spec} --out ${out}` },
          {
            name: "Plan: what changed since each target's last successful deploy",
            id: "plan",
            env: {
              EVENT: "${{ github.event_name }}",
              BASE: "${{ github.event_name == 'pull_request' && github.event.pull_request.base.sha || github.event.before }}",
            },
            run: planScript(spec),
          },
          {
            name: "Comment the diff on the pull request",
            if: PR,
            env: { GH_TOKEN: "${{ github.token }}", PR: "${{ github.event.pull_request.number }}" },
            run: 'gh pr comment "$PR" --edit-last --body-file "$RUNNER_TEMP/diff.md" || gh pr comment "$PR" --body-file "$RUNNER_TEMP/diff.md"',
          },
        ],
      },
      "preview-provisioning": previewJob("Preview infrastructure ${{ matrix.target.stack }}", "provisioning", [
        ...pulumiProject,
        awsCredentials(SECRETS.previewRole),
        pulumi("preview"),
      ]),
      "preview-deploy": previewJob("Preview application ${{ matrix.target.stack }}", "deploy", [
        ...pulumiProject,
        awsCredentials(SECRETS.previewRole),
        kubeconfigContext,
        pulumi("preview"),
      ]),
      check: {
        name: "Check manifests ${{ matrix.target.target }}",
        needs: "plan",
        if: afterOk(["plan"], "check", PR),
        "runs-on": "ubuntu-latest",
        strategy: matrix("check"),
        steps: [
          checkout(false),
          {
            name: `Install kubeconform ${KUBECONFORM.version} (checksum verified)`,
            run: [
              `curl -fsSL -o "$RUNNER_TEMP/kubeconform.tar.gz" ${KUBECONFORM.url}`,
              `echo "${KUBECONFORM.sha256}  $RUNNER_TEMP/kubeconform.tar.gz" | sha256sum --check --strict`,
              'tar -xzf "$RUNNER_TEMP/kubeconform.tar.gz" -C "$RUNNER_TEMP" kubeconform',
            ].join("\n"),
          },
          {
            name: "Check the manifests (client side)",
            env: { DIR: "${{ matrix.target.dir }}" },
            run: `"$RUNNER_TEMP/kubeconform" -strict -summary ${out}/"$DIR"`,
          },
        ],
      },
      provisioning: deployJob("Infrastructure ${{ matrix.target.stack }}", "provisioning", ["plan"], INFRASTRUCTURE_ENVIRONMENT, [
        ...pulumiProject,
        awsCredentials(SECRETS.deployRole),
        pulumi("up"),
        recordDeploy,
      ]),
      namespaces: {
        name: "Namespaces of ${{ matrix.target.cluster }}",
        needs: ["plan", "provisioning"],
        if: afterOk(["plan", "provisioning"], "namespaces", DEPLOY),
        "runs-on": "ubuntu-latest",
        environment: INFRASTRUCTURE_ENVIRONMENT,
        concurrency: { group: "foundation-namespaces-${{ matrix.target.cluster }}", "cancel-in-progress": false },
        permissions: { contents: "read", "id-token": "write" },
        strategy: matrix("namespaces"),
        steps: [
          checkout(false),
          awsCredentials(SECRETS.deployRole),
          {
            name: "kubectl apply the namespaces the cluster owns (never deletes one)",
            env: TARGET_ENV,
            run: [
              'cluster=$(jq -r .cluster <<<"$TARGET"); region=$(jq -r .region <<<"$TARGET"); context=$(jq -r .context <<<"$TARGET"); file=$(jq -r .namespaces <<<"$TARGET")',
              'aws eks update-kubeconfig --name "$cluster" --region "$region" --alias "$context"',
              // Server-side, as the eksctl create script applies the same objects: one field manager, no conflicts.
              `kubectl --context "$context" apply --server-side -f ${out}/"$file"`,
            ].join("\n"),
          },
        ],
      },
      deploy: deployJob("Application ${{ matrix.target.stack }}", "deploy", ["plan", "provisioning", "namespaces"], "${{ matrix.target.environment }}", [
        ...pulumiProject,
        awsCredentials(SECRETS.deployRole),
        kubeconfigContext,
        pulumi("up"),
        recordDeploy,
      ]),
      kubectl: deployJob("kubectl ${{ matrix.target.target }}", "kubectl", ["plan", "provisioning", "namespaces"], "${{ matrix.target.environment }}", [
        checkout(true),
        awsCredentials(SECRETS.deployRole),
        { name: "Install the Pulumi CLI (kubeconfig of a Pulumi cluster)", if: "matrix.target.kubeconfigStack", uses: uses(PULUMI) },
        {
          name: "kubectl apply",
          env: { ...PULUMI_ENV, ...TARGET_ENV },
          run: [
            'cluster=$(jq -r .cluster <<<"$TARGET"); region=$(jq -r .region <<<"$TARGET"); context=$(jq -r .context <<<"$TARGET"); dir=$(jq -r .dir <<<"$TARGET")',
            'stack=$(jq -r \'.kubeconfigStack // ""\' <<<"$TARGET")',
            'if [ -n "$stack" ]; then',
            '  pulumi stack output kubeconfig --show-secrets --stack "$stack" > "$RUNNER_TEMP/kubeconfig"',
            '  export KUBECONFIG="$RUNNER_TEMP/kubeconfig"',
            '  kubectl config rename-context "$(kubectl config current-context)" "$context"',
            "else",
            '  aws eks update-kubeconfig --name "$cluster" --region "$region" --alias "$context"',
            "fi",
            "# The Secrets the pods read are kept outside git: stop before applying anything when one is missing,",
            "# rather than leave pods in CreateContainerConfigError.",
            'namespace=$(jq -r .namespace <<<"$TARGET"); missing=""',
            "while read -r secret; do",
            '  [ -z "$secret" ] && continue',
            '  kubectl --context "$context" --namespace "$namespace" get secret "$secret" -o name >/dev/null || missing="$missing $secret"',
            `done < <(jq -r '.secrets[]' <<<"$TARGET")`,
            'if [ -n "$missing" ]; then',
            '  echo "::error title=Missing Secrets::create them in namespace $namespace before deploying $dir:$missing"',
            "  exit 1",
            "fi",
            "# kubectl applies a folder's files in name order: the ServiceAccount the pods run as goes first.",
            `if [ -f ${out}/"$dir"/serviceaccount.yaml ]; then kubectl --context "$context" apply -f ${out}/"$dir"/serviceaccount.yaml; fi`,
            `kubectl --context "$context" apply -f ${out}/"$dir"`,
          ].join("\n"),
        },
        recordDeploy,
      ]),
      eksctl: {
        name: "eksctl ${{ matrix.target.cluster }}",
        needs: "plan",
        if: afterOk(["plan"], "eksctl", "true"),
        "runs-on": "ubuntu-latest",
        strategy: matrix("eksctl"),
        steps: [
          {
            name: "eksctl clusters are changed by a person",
            env: TARGET_ENV,
            run: [
              'cluster=$(jq -r .cluster <<<"$TARGET"); region=$(jq -r .region <<<"$TARGET"); dir=$(jq -r .dir <<<"$TARGET")',
              `out=${out}`,
              'echo "::notice title=eksctl cluster $cluster changed::CI does not change eksctl clusters; run $out/$dir/create-$cluster-cluster.sh $region and the install scripts beside it"',
            ].join("\n"),
          },
        ],
      },
    },
  };
  return commentVersions(`# ${generatedNotice(specName, "foundation ci github")}\n${toYaml(workflow)}`);
}
