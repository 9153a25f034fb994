import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/write/writer.js";
import { runBin, runCli } from "../helpers/cli.js";
import { referenceSpecText } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";
import { ScratchRepo } from "./support.js";

let repo: ScratchRepo;
beforeAll(() => {
  repo = new ScratchRepo();
  const commit = (branch: string, text: string, from = "main") => {
    repo.git("checkout", "-q", "-b", branch, from);
    writeFileSync(repo.spec, text);
    repo.git("commit", "-qam", branch);
  };
  commit("image-tag", editSpec(referenceSpecText(), [[["services", "dusk", "environments", "prod", "imageTag"], "v0.9.2"]]));
  commit("broken", editSpec(referenceSpecText(), [[["services", "dawn", "port"], "eighty"]]));
  commit("fixed", editSpec(referenceSpecText(), [[["services", "dawn", "deployWith"], "pulumi"]]), "broken");
});
afterAll(() => repo.dispose());

describe("foundation migrate", () => {
  it("writes nothing and says so when a deploy makes every change (exit 0)", async () => {
    const run = await repo.migrateInProcess("image-tag");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("nothing to migrate: a deploy makes every change from main safely (nothing written)");
    expect(existsSync(join(repo.root, "migration"))).toBe(false);
  });

  it("an unknown revision is a usage error, exit 2, as for diff --base", async () => {
    const run = await repo.migrateInProcess("dawn-to-pulumi", "migration", "no-such-branch");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown git revision "no-such-branch"');
    expect((await runCli(["diff", "--base", "no-such-branch", "--spec", repo.spec])).code).toBe(2);
    expect(existsSync(join(repo.root, "migration"))).toBe(false);
  });

  it("spec errors in the base revision are reported as FILE:LINE:COL under its label, exit 1, nothing written", async () => {
    const run = await repo.migrateInProcess("fixed", "migration", "broken");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^broken:foundation\.yaml:\d+:\d+: services\.dawn\.port: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(repo.root, "migration"))).toBe(false);
  });

  it("spec errors in the working spec: exit 1, nothing written", async () => {
    repo.git("checkout", "-q", "dawn-to-pulumi");
    writeFileSync(repo.spec, `${readFileSync(repo.spec, "utf8")}\nbogus: true\n`);
    const run = await runCli(["migrate", "--base", "main", "--spec", repo.spec, "--dir", join(repo.root, "migration")]);
    repo.git("checkout", "-q", "--", "foundation.yaml");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/foundation\.yaml:\d+:1: bogus: unknown key "bogus"/);
    expect(existsSync(join(repo.root, "migration"))).toBe(false);
  });

  it("refuses to write into compile's output folder (its files would be removed), exit 2, the folder untouched", async () => {
    repo.git("checkout", "-q", "dawn-to-pulumi");
    expect((await runCli(["compile", "--spec", repo.spec, "--out", join(repo.root, "out")])).code).toBe(0);
    const before = listFiles(join(repo.root, "out"));
    const run = await repo.migrateInProcess("dawn-to-pulumi", "out");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("holds foundation's compiled output, not a migration plan");
    expect(listFiles(join(repo.root, "out"))).toEqual(before);
  });

  it("rewrites its own folder: unchanged files kept, another plan's files removed", async () => {
    expect((await repo.migrateInProcess("dawn-to-pulumi")).code).toBe(0);
    const again = await repo.migrateInProcess("dawn-to-pulumi");
    expect(again.stdout).toContain(`${join(repo.root, "migration")}/: 0 written, 0 removed`);
    const other = await repo.migrateInProcess("day-to-kubectl");
    expect(other.code).toBe(0);
    expect(listFiles(join(repo.root, "migration")).filter((p) => p.endsWith(".sh"))).toEqual(["day-prod/release-from-pulumi.sh", "day-rc/release-from-pulumi.sh"]);
  });

  it("has its own help", () => {
    const run = runBin(["migrate", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("foundation migrate --base REV [--spec F] [--dir D]");
  });
});
