import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/compile.js";

/**
 * The package as a user gets it: `npm pack` (of the dist/ that `npm test` builds first), installed from the
 * tarball into a folder of its own. Dependencies come from npm's cache when it has them (--prefer-offline),
 * else from the registry; the commands then run with npm offline, so nothing can be fetched at run time.
 */
const dir = mkdtempSync(join(tmpdir(), "foundation-package-"));
const project = join(dir, "project");
const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
let tarball: string;
let packed: string[];

const npm = (args: readonly string[], cwd: string) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
const npx = (args: readonly string[]) =>
  spawnSync("npx", ["--no-install", "foundation", ...args], { cwd: project, encoding: "utf8", env: { ...process.env, npm_config_offline: "true" } });

beforeAll(() => {
  const [info] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir, ROOT], { cwd: dir, encoding: "utf8" })) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(dir, info!.filename);
  packed = info!.files.map((f) => f.path);
  execFileSync("mkdir", [project]);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "my-platform", version: "1.0.0", private: true }, null, 2)}\n`);
  npm(["install", "--prefer-offline", "--save-dev", tarball], project);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the npm package", () => {
  it("holds the built CLI, the schemas and the README, and no sources or tests", () => {
    for (const path of ["bin/foundation.js", "dist/src/cli/main.js", "dist/backends/index.js", "schemas/foundation.schema.json", "README.md", "package.json"]) expect(packed).toContain(path);
    // The Pulumi programs are TypeScript that foundation copies as it is into the projects it generates.
    const program = /^dist\/backends\/[^/]+\/program\/[^/]+\.ts$/;
    expect(packed).toContain("dist/backends/pulumi-app/program/index.ts");
    expect(packed.filter((p) => (p.endsWith(".ts") && !program.test(p)) || p.startsWith("test/") || p.startsWith("src/") || p.startsWith("out/"))).toEqual([]);
  });

  it("installs from its tarball with its run-time dependencies only", () => {
    const installed = readdirSync(join(project, "node_modules"));
    expect(installed).toContain("foundation");
    expect(installed).not.toContain("@pulumi");
    expect(installed).not.toContain("vitest");
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(Object.keys(manifest.devDependencies)).toEqual(["foundation"]);
  });

  it("runs init, compile and validate in a repository of its own, and says its version", () => {
    const init = npx(["init"]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain("Next steps:");
    const compile = npx(["compile"]);
    expect(compile.status, compile.stderr).toBe(0);
    for (const path of [
      "out/provisioning/manual/main.yaml",
      "out/provisioning/manual/create-main-cluster.sh",
      "out/gitops/manual_deploy/web/staging/deployment.yaml",
      "out/gitops/manual_deploy/web/production/deployment.yaml",
      ".github/workflows/foundation.yml",
      ".gitignore",
    ]) expect(existsSync(join(project, path)), path).toBe(true);
    expect(readFileSync(join(project, "out/gitops/manual_deploy/web/production/deployment.yaml"), "utf8")).toContain("image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v0.1.0");
    expect(npx(["compile", "--check"]).status).toBe(0);
    const validate = npx(["validate"]);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toContain("foundation.yaml is valid");
    // The starter spec's modeline points at the installed package's schema.
    expect(existsSync(join(project, "node_modules/foundation/schemas/foundation.schema.json"))).toBe(true);
    const versionRun = npx(["--version"]);
    expect(versionRun.stdout.trim()).toBe(version);
    expect(versionRun.status).toBe(0);
  });
});
