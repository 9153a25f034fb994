import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MATRIX_GROUPS } from "../../src/ci/github-workflow.js";
import { runCli } from "../helpers/cli.js";
import { prerequisite } from "../helpers/prerequisite.js";
import { referenceSpecText, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: { target?: string } };
  steps: Step[];
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

let dir: string;
let workflow: Workflow;
const hasJq = prerequisite(spawnSync("jq", ["--version"]).status === 0, "the workflow's plan script needs jq, which is not installed (apt-get install jq)");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "foundation-workflow-"));
  const run = await runCli(["ci", "github", "--output", join(dir, ".github", "workflows", "foundation.yml")]);
  expect(run.code).toBe(0);
  workflow = parse(readFileSync(join(dir, ".github", "workflows", "foundation.yml"), "utf8")) as Workflow;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("foundation ci github", () => {
  it("writes a workflow that runs on pull requests and on merges to main", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(Object.keys(workflow.jobs)).toEqual(["plan", "provisioning", "deploy", "kubectl", "eksctl"]);
    const plan = workflow.jobs.plan as Job;
    expect(plan.steps.map((s) => s.run ?? s.uses).filter((s) => s?.includes("foundation compile --check"))).toHaveLength(1);
    expect(plan.steps.some((s) => s.if === "github.event_name == 'pull_request'" && s.run?.includes("gh pr comment"))).toBe(true);
  });

  it("runs one matrix job per affected group, infrastructure before applications", () => {
    for (const group of MATRIX_GROUPS) {
      const job = workflow.jobs[group] as Job;
      expect(job.strategy?.matrix?.target).toBe(`\${{ fromJSON(needs.plan.outputs.${group}) }}`);
      expect(job.if).toContain(`needs.plan.outputs.${group} != '[]'`);
    }
    expect(workflow.jobs.deploy?.needs).toEqual(["plan", "provisioning"]);
    expect(workflow.jobs.kubectl?.needs).toEqual(["plan", "provisioning"]);
    const pulumi = workflow.jobs.deploy?.steps.find((s) => s.uses === "pulumi/actions@v6");
    expect(pulumi?.with).toMatchObject({ command: "${{ github.event_name == 'pull_request' && 'preview' || 'up' }}", "stack-name": "${{ matrix.target.qualifiedStack }}" });
    const apply = workflow.jobs.kubectl?.steps.find((s) => s.name === "kubectl apply");
    expect(apply?.run).toContain('kubectl --context "$context" apply -f');
  });

  it("rewrites the file only when its content changes", async () => {
    const again = await runCli(["ci", "github", "--output", join(dir, ".github", "workflows", "foundation.yml")]);
    expect(again.stdout).toContain("is up to date");
    expect((await runCli(["ci", "gitlab"])).code).toBe(2);
  });

  it.skipIf(!hasJq)("computes the matrices from the diff: only the affected targets run", () => {
    const repo = join(dir, "repo");
    mkdirSync(repo);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });
    git("init", "-q", "-b", "main");
    writeFileSync(join(repo, "foundation.yaml"), referenceSpecText());
    git("add", ".");
    git("commit", "-qm", "base");
    const base = git("rev-parse", "HEAD").trim();
    writeFileSync(
      join(repo, "foundation.yaml"),
      editSpec(referenceSpecText(), [
        [["services", "day", "environments", "rc", "replicas"], 2],
        [["services", "dawn", "environments", "prod", "imageTag"], "v1.2.4"],
        [["clusters", "terminus", "nodeGroups", "batch", "maxSize"], 12],
      ]),
    );
    const bin = join(dir, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "npx"), `#!/usr/bin/env bash\n[ "$1" = foundation ] && shift\nexec "${process.execPath}" "${join(ROOT, "bin", "foundation.js")}" "$@"\n`);
    chmodSync(join(bin, "npx"), 0o755);
    const script = workflow.jobs.plan?.steps.find((s) => s.id === "diff")?.run ?? "";
    const runnerTemp = mkdtempSync(join(dir, "runner-"));
    const output = join(runnerTemp, "output");
    const result = spawnSync("bash", ["-euo", "pipefail", "-c", script], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BASE: base, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(runnerTemp, "summary") },
    });
    expect(result.status, result.stderr).toBe(0);
    const outputs = Object.fromEntries(
      readFileSync(output, "utf8")
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), JSON.parse(line.slice(line.indexOf("=") + 1)) as { target: string }[]]),
    );
    const targets = (group: string) => (outputs[group] ?? []).map((t) => t.target);
    expect(targets("provisioning")).toEqual(["terminus"]);
    expect(targets("eksctl")).toEqual([]);
    expect(targets("deploy")).toEqual(["day@rc"]);
    expect(targets("kubectl")).toEqual(["dawn@prod"]);
    expect(existsSync(join(runnerTemp, "summary"))).toBe(true);
    expect(readFileSync(join(runnerTemp, "summary"), "utf8")).toContain("### foundation diff");
  });
});
