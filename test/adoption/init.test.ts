import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubWorkflow } from "../../src/ci/github-workflow.js";
import { modelFromText } from "../../src/compile/load-model.js";
import { runCli } from "../helpers/cli.js";
import { snapshotTree } from "../helpers/tree.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "foundation-init-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("foundation init", () => {
  it("writes a commented starter spec that validates without warnings, .gitignore and the CI workflow, then says what to do next", async () => {
    const repo = join(dir, "new", "repo");
    const run = await runCli(["init", "--dir", repo]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect([...snapshotTree(repo).keys()].sort()).toEqual([".github/workflows/foundation.yml", ".gitignore", "foundation.yaml"]);

    const spec = readFileSync(join(repo, "foundation.yaml"), "utf8");
    const result = modelFromText("foundation.yaml", spec);
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("\n"));
    expect(result.warnings).toEqual([]);
    expect(result.model.clusters.map((c) => [c.name, c.provisioner])).toEqual([["main", "eksctl"]]);
    expect(result.model.services.map((s) => s.name)).toEqual(["web"]);
    expect(result.model.environments.map((e) => e.name)).toEqual(["production", "staging"]);
    expect(spec.split("\n").filter((l) => l.includes("# ")).length).toBeGreaterThan(15);
    expect(spec).toContain('kubernetesVersion: "1.35"'); // the newest EKS offers on the suite's pinned day
    expect(spec.split("\n")[0]).toBe("# yaml-language-server: $schema=./node_modules/foundation/schemas/foundation.schema.json");

    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toBe("node_modules/\n");
    expect(readFileSync(join(repo, ".github/workflows/foundation.yml"), "utf8")).toBe(githubWorkflow({ spec: "foundation.yaml", out: "out", workflow: ".github/workflows/foundation.yml" }, "foundation.yaml"));
    expect(run.stdout).toContain("Next steps:");
    expect(run.stdout).toContain(`cd ${repo} && npm init -y && npm install --save-dev PATH/foundation-0.1.0.tgz`);
    expect(run.stdout).toContain("npx foundation compile");
    expect(run.stdout).toContain("AWS_PREVIEW_ROLE_ARN");
  });

  it("writes into the current folder by default, the workflow `ci github` would write there", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await runCli(["init"])).code).toBe(0);
      expect((await runCli(["ci", "github"])).stdout).toBe(".github/workflows/foundation.yml is up to date");
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(dir, "foundation.yaml"))).toBe(true);
    expect(existsSync(join(dir, ".github/workflows/foundation.yml"))).toBe(true);
  });

  it.each(["foundation.yaml", ".gitignore", ".github/workflows/foundation.yml"])("refuses to overwrite an existing %s and writes nothing", async (existing) => {
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    writeFileSync(join(dir, existing), "mine\n");
    const run = await runCli(["init", "--dir", dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, existing)} exists`);
    expect(run.stdout).toBe("");
    expect([...snapshotTree(dir).entries()].map(([path, f]) => [path, f.content])).toEqual([[existing, "mine\n"]]);
  });

  it("rejects an unknown option as a usage error", async () => {
    expect((await runCli(["init", "--spec", "x.yaml"])).code).toBe(2);
  });
});
