import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { noOpCompile } from "../../src/cli/no-op-compile.js";
import { suggest } from "../../src/validate/suggest.js";
import { runBin, runCli } from "../helpers/cli.js";
import { REFERENCE_SPEC, ROOT } from "../helpers/compile.js";
import { snapshotTree } from "../helpers/tree.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "foundation-cli-"));
  cpSync(REFERENCE_SPEC, join(dir, "foundation.yaml"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spec = () => join(dir, "foundation.yaml");
const out = () => join(dir, "out");
const INVALID = join(ROOT, "test", "fixtures", "invalid", "several-errors-at-once.yaml");

describe("foundation compile", () => {
  it("writes the tree, then rewrites nothing when nothing changed", async () => {
    const first = await runCli(["compile", "--spec", spec(), "--out", out()]);
    expect(first.code).toBe(0);
    expect(existsSync(join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml"))).toBe(true);
    const before = snapshotTree(out());
    const second = await runCli(["compile", "--spec", spec(), "--out", out()]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("up to date (nothing changed since the last compile)");
    expect(snapshotTree(out())).toEqual(before);
  });

  it("skips the work of a no-op recompile, and compiles in full after any change to the spec or the folder", async () => {
    const compile = () => runCli(["compile", "--spec", spec(), "--out", out()]);
    await compile();
    const noop = await compile();
    expect(noop.stdout).toContain("nothing changed since the last compile");
    expect(noop.stderr).toContain("warning: replicas has no effect with autoscaling");
    const deployment = join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml");
    const original = readFileSync(deployment, "utf8");
    writeFileSync(deployment, original.replace("maxUnavailable: 0", "maxUnavailable: 1"));
    expect((await compile()).stdout).toMatch(/: 1 written, 0 removed/);
    expect(readFileSync(deployment, "utf8")).toBe(original);
    writeFileSync(join(out(), "stray.txt"), "x");
    expect((await compile()).stdout).toMatch(/: 0 written, 0 removed, \d+ unchanged, 1 kept \(not written by foundation: stray.txt\)/);
    expect((await compile()).stdout).toContain("nothing changed since the last compile");
    writeFileSync(spec(), readFileSync(spec(), "utf8").replace("imageTag: v1.2.3", "imageTag: v1.2.4"));
    expect((await compile()).stdout).toMatch(/: 1 written, 0 removed/);
    expect((await runCli(["compile", "--check", "--spec", spec(), "--out", out()])).code).toBe(0);
    expect(readFileSync(join(out(), ".gitignore"), "utf8")).toContain("/.foundation-cache");
  });

  it("answers a no-op recompile before the CLI loads, as compile does, and only for a plain compile with its record intact", async () => {
    const args = ["compile", "--spec", spec(), "--out", out()];
    const lines = () => {
      const printed = { out: [] as string[], err: [] as string[] };
      return { printed, io: { out: (l: string) => printed.out.push(l), err: (l: string) => printed.err.push(l) } };
    };
    const first = lines();
    expect(noOpCompile(args, first.io)).toBeUndefined();
    await runCli(args);
    const slow = await runCli(args);
    const fast = lines();
    expect(noOpCompile(args, fast.io)).toBe(0);
    expect(fast.printed.out.join("\n")).toBe(slow.stdout);
    expect(fast.printed.err.join("\n")).toBe(slow.stderr);
    expect(noOpCompile(["compile", "--out", `${out()}//`, "--spec", spec()], lines().io)).toBe(0);
    for (const other of [["compile", "--check", "--spec", spec(), "--out", out()], ["compile", "--spec", spec(), "--out", out(), "--out", out()], ["validate", "--spec", spec()], ["compile", "--spec=x", "--out", out()]]) {
      expect(noOpCompile(other, lines().io), other.join(" ")).toBeUndefined();
    }
    // The built CLI is another compiler (its digest is the build's): its first compile is a full one.
    expect(runBin(args).stdout).toMatch(/: 0 written, 0 removed, \d+ unchanged/);
    const bin = runBin(args);
    expect([bin.code, bin.stdout.trim(), bin.stderr.trim()]).toEqual([0, slow.stdout, slow.stderr]);
    writeFileSync(join(out(), "stray.txt"), "x");
    expect(noOpCompile(args, lines().io)).toBeUndefined();
    // compile, told of the change, compiles in full; then nothing has changed again.
    expect((await runCli(args)).stdout).toMatch(/: 0 written, 0 removed, \d+ unchanged, 1 kept/);
    expect((await runCli(args)).stdout).toContain("nothing changed since the last compile");
    expect(runBin(args).stdout).toMatch(/: 0 written, 0 removed, \d+ unchanged, 1 kept/);
  });

  it("leaves an existing out/ byte-identical, mtimes included, when the spec has errors", async () => {
    await runCli(["compile", "--spec", spec(), "--out", out()]);
    const before = snapshotTree(out());
    writeFileSync(spec(), readFileSync(INVALID, "utf8"));
    const run = await runCli(["compile", "--spec", spec(), "--out", out()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("3 errors; nothing was written");
    expect(snapshotTree(out())).toEqual(before);
  });

  it("prints every error as FILE:LINE:COL: PATH: MESSAGE, exits 1, and shows no stack trace", () => {
    const run = runBin(["compile", "--spec", INVALID, "--out", out()]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `${INVALID}:23:18: clusters.alpha.nodeGroups.workers.minSize: minSize must be at least 0`,
      `${INVALID}:34:11: services.api.port: port must be at most 65535`,
      `${INVALID}:43:19: services.api.environments.live.imageTag: imageTag may not be "latest": pin a version so deploys are reproducible`,
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out())).toBe(false);
  });

  it("removes files it no longer generates and empty folders, and keeps the rest", async () => {
    await runCli(["compile", "--spec", spec(), "--out", out()]);
    const text = readFileSync(spec(), "utf8").replace(/ {4}ingress:\n {6}host: dawn\.example\.com\n {6}path: \/\n {6}certificateArn: .*\n/, "");
    writeFileSync(spec(), text.replace("        ingress: { host: rc.dawn.example.com }\n", ""));
    const run = await runCli(["compile", "--spec", spec(), "--out", out()]);
    expect(run.code).toBe(0);
    expect(existsSync(join(out(), "gitops/manual_deploy/dawn/prod/ingress.yaml"))).toBe(false);
    expect(existsSync(join(out(), "gitops/manual_deploy/dawn/rc/ingress.yaml"))).toBe(false);
    expect(existsSync(join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml"))).toBe(true);
  });

  it("repairs hand edits and lost executable bits, and keeps files it did not write", async () => {
    await runCli(["compile", "--spec", spec(), "--out", out()]);
    const deployment = join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml");
    const original = readFileSync(deployment, "utf8");
    writeFileSync(deployment, original.replace("maxUnavailable: 0", "maxUnavailable: 1"));
    mkdirSync(join(out(), "stray"));
    writeFileSync(join(out(), "stray", "notes.txt"), "x");
    chmodSync(deployment, 0o755);
    const check = await runCli(["compile", "--check", "--spec", spec(), "--out", out()]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`stale:   ${out()}/gitops/manual_deploy/dawn/prod/deployment.yaml`);
    expect(check.stdout).toContain(`kept:    ${out()}/stray/notes.txt (not written by foundation)`);
    await runCli(["compile", "--spec", spec(), "--out", out()]);
    expect(readFileSync(deployment, "utf8")).toBe(original);
    expect(readFileSync(join(out(), "stray", "notes.txt"), "utf8")).toBe("x");
    expect((await runCli(["compile", "--check", "--spec", spec(), "--out", out()])).code).toBe(0);
  });

  it("refuses to take over a folder it did not write", async () => {
    mkdirSync(out());
    writeFileSync(join(out(), "precious.txt"), "keep me");
    const run = await runCli(["compile", "--spec", spec(), "--out", out()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("was not written by foundation");
    expect(readFileSync(join(out(), "precious.txt"), "utf8")).toBe("keep me");
  });
});

describe("foundation compile --check", () => {
  it("lists missing files and exits 1, then 0 once compiled, writing nothing itself", async () => {
    const missing = await runCli(["compile", "--check", "--spec", spec(), "--out", out()]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`missing: ${out()}/gitops/manual_deploy/dawn/prod/pdb.yaml`);
    expect(existsSync(out())).toBe(false);
    await runCli(["compile", "--spec", spec(), "--out", out()]);
    const ok = await runCli(["compile", "--check", "--spec", spec(), "--out", out()]);
    expect(ok.code).toBe(0);
  });
});

describe("foundation validate and usage", () => {
  it("validates without writing", async () => {
    const run = await runCli(["validate", "--spec", spec()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("is valid");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["compile", "--spec"], "--spec needs a value"],
    [["compile", "--bogus", "x"], "unknown option --bogus for compile"],
    [["validate", "--check"], "unknown option --check for validate"],
    [["compile", "extra"], 'unexpected argument "extra"'],
    [["compile", "--check=yes"], "--check takes no value"],
    [["compile", "--out", "a", "--out", "b"], "--out given twice"],
    [["-v"], "unknown option -v"],
  ])("exits 2 on bad usage, in two lines (the problem, where help is): %j", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(message);
    expect(lines[1]).toMatch(/^Run "foundation (\w+ )?--help" for /);
  });

  it("takes options before or after the command", async () => {
    expect((await runCli(["--spec", spec(), "validate"])).code).toBe(0);
    expect((await runCli(["validate", "--spec", spec()])).code).toBe(0);
    expect((await runCli([])).code).toBe(2);
  });

  it("prints help with exit 0", async () => {
    const run = await runCli(["help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: foundation");
  });
});

describe("one spec-reading boundary", () => {
  const spec = (name: string) => join(dir, name);
  const readers: [string, (file: string) => string[]][] = [
    ["compile", (file) => ["compile", "--spec", file, "--out", out()]],
    ["compile --check", (file) => ["compile", "--check", "--spec", file, "--out", out()]],
    ["validate", (file) => ["validate", "--spec", file]],
    ["diff --base-spec (the spec)", (file) => ["diff", "--spec", file, "--base-spec", join(dir, "foundation.yaml")]],
    ["diff --base-spec (the base)", (file) => ["diff", "--base-spec", file, "--spec", join(dir, "foundation.yaml")]],
    ["diff --base", (file) => ["diff", "--spec", file, "--base", "HEAD"]],
    ["diff --between kubectl,pulumi", (file) => ["diff", "--between", "kubectl,pulumi", "--spec", file]],
    ["diff --between eksctl,pulumi", (file) => ["diff", "--between", "eksctl,pulumi", "--cluster", "trantor", "--spec", file]],
    ["ci github", (file) => ["ci", "github", "--spec", file, "--output", join(dir, "workflow.yml")]],
  ];

  it.each(readers)("%s: a missing spec is a located spec error, exit 1", async (_name, args) => {
    const missing = spec("nope.yaml");
    const run = await runCli(args(missing));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`${missing}:1:1: (root): cannot read the spec: no such file\n1 error; nothing was written`);
    expect(existsSync(out())).toBe(false);
    expect(existsSync(join(dir, "workflow.yml"))).toBe(false);
  });

  it.each(readers)("%s: an unreadable spec (a folder) is the same kind of error, exit 1", async (_name, args) => {
    const folder = spec("a-folder.yaml");
    mkdirSync(folder);
    const run = await runCli(args(folder));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${folder}:1:1: (root): cannot read the spec: it is a folder, not a file\n1 error; nothing was written`);
  });

  it("the installed command says the same, with no stack trace", () => {
    const run = runBin(["validate", "--spec", spec("nope.yaml")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${spec("nope.yaml")}:1:1: (root): cannot read the spec: no such file\n1 error; nothing was written\n`);
  });
});

describe("a CLI that helps", () => {
  it.each(Object.keys(COMMANDS))("`%s --help`, `-h` and `help` print that command's own help, with examples", async (name) => {
    const runs = await Promise.all([runCli([name, "--help"]), runCli([name, "-h"]), runCli(["help", name])]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(runs[0]?.stdout);
    }
    const help = runs[0]?.stdout ?? "";
    expect(help.split("\n")[0]).toMatch(new RegExp(`^Usage: foundation ${name} `));
    expect(help).toMatch(new RegExp(`Examples:\n  foundation ${name}`));
    expect(help).not.toContain("Commands:");
    for (const option of COMMANDS[name]?.options ?? []) expect(help).toContain(`--${option.name}`);
  });

  it("prints compile's help for `compile --help`, even with other options given", async () => {
    const run = await runCli(["compile", "--spec", "x.yaml", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: foundation compile [--spec F] [--out D] [--check]");
    expect(run.stdout).toContain("foundation compile --check");
  });

  it("lists every command of the table in the global help", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const [name, command] of Object.entries(COMMANDS)) expect(run.stdout).toMatch(new RegExp(`\n  ${name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n`));
  });

  it("prints the package's version for --version, in-process and installed", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: version, stderr: "" });
    expect(runBin(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([
    [["compil"], 'unknown command "compil"; did you mean compile?'],
    [["valdiate"], 'unknown command "valdiate"; did you mean validate?'],
    [["compile", "--spce", "x.yaml"], "unknown option --spce for compile; did you mean --spec?"],
    [["compile", "--spce"], "unknown option --spce for compile; did you mean --spec?"],
    [["--spce", "x.yaml", "validate"], "unknown option --spce; did you mean --spec?"],
    [["diff", "--exitcode"], "unknown option --exitcode for diff; did you mean --exit-code?"],
    [["compile", "--chek"], "unknown option --chek for compile; did you mean --check?"],
    [["frobnicate"], 'unknown command "frobnicate"\n'],
  ])("suggests what a mistyped name meant: %j", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(`${run.stderr}\n`).toContain(`foundation: ${message}`);
    expect(run.stderr.split("\n")).toHaveLength(2);
  });

  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(suggest("spce", ["spec", "out"])).toBe("spec");
    expect(suggest("xyz", ["spec", "out"])).toBeUndefined();
  });

  it("compile --check refuses a folder foundation did not write, without walking it", async () => {
    mkdirSync(join(out(), "deep", "deeper"), { recursive: true });
    writeFileSync(join(out(), "precious.txt"), "keep me");
    writeFileSync(join(out(), "deep", "deeper", "notes.txt"), "x");
    const run = await runCli(["compile", "--check", "--spec", spec(), "--out", out()]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${out()} is not empty and has no .foundation-manifest, so it was not written by foundation; refusing to compare it with the spec`);
    expect(run.stderr).not.toContain("extra:");
  });
});
