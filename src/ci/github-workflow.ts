import { generatedNotice } from "../render/header.js";
import { toYaml } from "../render/yaml.js";

/** Where the workflow finds the spec and the output tree, relative to the repository root. */
export interface WorkflowOptions {
  readonly spec: string;
  readonly out: string;
}

/** The `affected` groups of `foundation diff --format json` that become job matrices. */
export const MATRIX_GROUPS = ["provisioning", "eksctl", "deploy", "kubectl"] as const;

const PR = "github.event_name == 'pull_request'";
const SETUP = [
  { uses: "actions/checkout@v4", with: { "fetch-depth": 0 } },
  { uses: "actions/setup-node@v4", with: { "node-version": 20, cache: "npm" } },
  { run: "npm ci" },
];
const AWS = {
  name: "AWS credentials",
  uses: "aws-actions/configure-aws-credentials@v4",
  with: { "role-to-assume": "${{ vars.AWS_ROLE_ARN }}", "aws-region": "${{ vars.AWS_REGION || 'us-east-1' }}" },
};

/**
 * A GitHub Actions workflow for the spec. On a pull request: `compile --check`, the diff against the base
 * as a comment, `pulumi preview` per affected Pulumi stack and a client-side check of each affected
 * YAML folder. On a merge to main: `pulumi up` per affected stack (infrastructure first) and
 * `kubectl apply` per affected folder. Only affected targets run: the plan job turns the diff's
 * `affected` groups into job matrices.
 */
export function githubWorkflow(options: WorkflowOptions, specName: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const spec = q(options.spec);
  const matrixOutputs = Object.fromEntries(MATRIX_GROUPS.map((g) => [g, `\${{ steps.diff.outputs.${g} }}`]));
  const workflow = {
    name: "foundation",
    on: { pull_request: {}, push: { branches: ["main"] } },
    permissions: { contents: "read", "pull-requests": "write", "id-token": "write" },
    concurrency: { group: "foundation-${{ github.ref }}", "cancel-in-progress": false },
    jobs: {
      plan: {
        name: "Compile and diff",
        "runs-on": "ubuntu-latest",
        outputs: matrixOutputs,
        steps: [
          ...SETUP,
          { name: "out/ is what the spec compiles to", run: `npx foundation compile --check --spec ${spec} --out ${q(options.out)}` },
          {
            name: "Diff against the base",
            id: "diff",
            env: {
              BASE: "${{ github.event_name == 'pull_request' && github.event.pull_request.base.sha || github.event.before }}",
            },
            run: [
              'if ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then BASE=$(git rev-parse HEAD~1); fi',
              `npx foundation diff --base "$BASE" --spec ${spec} --format json > "$RUNNER_TEMP/diff.json"`,
              `npx foundation diff --base "$BASE" --spec ${spec} --format markdown > "$RUNNER_TEMP/diff.md"`,
              'cat "$RUNNER_TEMP/diff.md" >> "$GITHUB_STEP_SUMMARY"',
              ...MATRIX_GROUPS.map((g) => `echo "${g}=$(jq -c '.affected.${g}' "$RUNNER_TEMP/diff.json")" >> "$GITHUB_OUTPUT"`),
            ].join("\n"),
          },
          {
            name: "Comment the diff on the pull request",
            if: PR,
            env: { GH_TOKEN: "${{ github.token }}", PR: "${{ github.event.pull_request.number }}" },
            run: 'gh pr comment "$PR" --edit-last --body-file "$RUNNER_TEMP/diff.md" || gh pr comment "$PR" --body-file "$RUNNER_TEMP/diff.md"',
          },
        ],
      },
      provisioning: {
        name: "Pulumi infrastructure ${{ matrix.target.stack }}",
        needs: "plan",
        if: "needs.plan.outputs.provisioning != '[]'",
        "runs-on": "ubuntu-latest",
        strategy: { "fail-fast": false, matrix: { target: "${{ fromJSON(needs.plan.outputs.provisioning) }}" } },
        steps: pulumiSteps(options.out),
      },
      deploy: {
        name: "Pulumi application ${{ matrix.target.stack }}",
        needs: ["plan", "provisioning"],
        if: "${{ !cancelled() && needs.plan.result == 'success' && needs.provisioning.result != 'failure' && needs.plan.outputs.deploy != '[]' }}",
        "runs-on": "ubuntu-latest",
        strategy: { "fail-fast": false, matrix: { target: "${{ fromJSON(needs.plan.outputs.deploy) }}" } },
        steps: pulumiSteps(options.out),
      },
      kubectl: {
        name: "kubectl ${{ matrix.target.target }}",
        needs: ["plan", "provisioning"],
        if: "${{ !cancelled() && needs.plan.result == 'success' && needs.provisioning.result != 'failure' && needs.plan.outputs.kubectl != '[]' }}",
        "runs-on": "ubuntu-latest",
        strategy: { "fail-fast": false, matrix: { target: "${{ fromJSON(needs.plan.outputs.kubectl) }}" } },
        steps: [
          { uses: "actions/checkout@v4" },
          {
            name: "Check the manifests (client side)",
            if: PR,
            run: [
              "curl -sSL https://github.com/yannh/kubeconform/releases/download/v0.6.7/kubeconform-linux-amd64.tar.gz | tar -xz -C \"$RUNNER_TEMP\"",
              `"$RUNNER_TEMP/kubeconform" -strict -summary ${q(options.out)}/"\${{ matrix.target.dir }}"`,
            ].join("\n"),
          },
          { ...AWS, if: `!(${PR})` },
          {
            name: "Install the Pulumi CLI (kubeconfig of a Pulumi cluster)",
            if: `!(${PR}) && matrix.target.kubeconfigStack`,
            uses: "pulumi/actions@v6",
          },
          {
            name: "kubectl apply",
            if: `!(${PR})`,
            env: { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}", TARGET: "${{ toJSON(matrix.target) }}" },
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
              `kubectl --context "$context" apply -f ${q(options.out)}/"$dir"`,
            ].join("\n"),
          },
        ],
      },
      eksctl: {
        name: "eksctl ${{ matrix.target.cluster }}",
        needs: "plan",
        if: "needs.plan.outputs.eksctl != '[]'",
        "runs-on": "ubuntu-latest",
        strategy: { matrix: { target: "${{ fromJSON(needs.plan.outputs.eksctl) }}" } },
        steps: [
          {
            name: "eksctl clusters are changed by a person",
            env: { TARGET: "${{ toJSON(matrix.target) }}" },
            run: [
              'cluster=$(jq -r .cluster <<<"$TARGET"); region=$(jq -r .region <<<"$TARGET"); dir=$(jq -r .dir <<<"$TARGET")',
              `echo "::notice title=eksctl cluster $cluster changed::run ${options.out}/$dir/create-$cluster-cluster.sh $region and the install scripts beside it"`,
            ].join("\n"),
          },
        ],
      },
    },
  };
  return `# ${generatedNotice(specName, "foundation ci github")}\n${toYaml(workflow)}`;
}

function pulumiSteps(out: string): unknown[] {
  return [
    ...SETUP.slice(0, 2),
    { name: "Install the Pulumi project", "working-directory": `${out}/\${{ matrix.target.dir }}`, run: "npm ci || npm install" },
    AWS,
    {
      name: "pulumi preview or up",
      uses: "pulumi/actions@v6",
      with: {
        command: "${{ github.event_name == 'pull_request' && 'preview' || 'up' }}",
        "stack-name": "${{ matrix.target.qualifiedStack }}",
        "work-dir": `${out}/\${{ matrix.target.dir }}`,
      },
      env: { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" },
    },
  ];
}
