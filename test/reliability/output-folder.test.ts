import { spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/write/output-lock.js";
import { MANIFEST_FILE } from "../../src/write/writer.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/compile.js";
import { snapshotTree } from "../helpers/tree.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "foundation-out-"));
  cpSync(join(ROOT, "foundation.yaml"), join(dir, "foundation.yaml"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spec = () => join(dir, "foundation.yaml");
const out = () => join(dir, "out");
const compile = (...more: string[]) => runCli(["compile", "--spec", spec(), "--out", out(), ...more]);
const check = async () => (await compile("--check")).code;

describe("the output folder: links", () => {
  it("never writes through a link inside out/ (the finding: out/gitops linked outside received 20 files)", async () => {
    await compile();
    const outside = join(dir, "outside");
    mkdirSync(outside);
    rmSync(join(out(), "gitops"), { recursive: true });
    symlinkSync(outside, join(out(), "gitops"));
    const run = await compile();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(out(), "gitops")} is a symbolic link; foundation does not write through links it did not create`);
    expect(run.stderr).not.toContain("internal error");
    expect(readdirSync(outside)).toEqual([]);
    rmSync(join(out(), "gitops"));
    expect((await compile()).code).toBe(0);
    expect(await check()).toBe(0);
  });

  it("replaces a link that stands where it writes a file, leaving the link's target alone", async () => {
    await compile();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    const file = join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml");
    rmSync(file);
    symlinkSync(victim, file);
    expect(await check()).toBe(1);
    expect((await compile()).code).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(file).isFile()).toBe(true);
    expect(await check()).toBe(0);
  });

  it("writes its bookkeeping files afresh, never through a link put in their place", async () => {
    await compile();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    for (const name of [".foundation-cache", ".foundation-cache.tmp"]) {
      rmSync(join(out(), name), { force: true });
      symlinkSync(victim, join(out(), name));
    }
    // A lock that is a link (here to an endless file), left long ago.
    symlinkSync("/dev/zero", join(out(), LOCK_FILE));
    lutimesSync(join(out(), LOCK_FILE), new Date(2000, 0, 1), new Date(2000, 0, 1));
    writeFileSync(spec(), readFileSync(spec(), "utf8").replace("replicas: 2", "replicas: 3"));
    const run = await compile();
    expect(run.code).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(join(out(), ".foundation-cache")).isFile()).toBe(true);
    expect(existsSync(join(out(), LOCK_FILE))).toBe(false);
    expect((await compile()).stdout).toContain("nothing changed since the last compile");
  });

  it("refuses an output folder that is itself a link", async () => {
    mkdirSync(join(dir, "real"));
    symlinkSync(join(dir, "real"), out());
    const run = await compile();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is a symbolic link; pass the folder it points to with --out");
    expect(readdirSync(join(dir, "real"))).toEqual([]);
  });

  it("never deletes what a tampered manifest names outside the folder", async () => {
    await compile();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    writeFileSync(join(out(), MANIFEST_FILE), `${readFileSync(join(out(), MANIFEST_FILE), "utf8")}../victim.txt\n`);
    const run = await compile();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lists "../victim.txt", which is not a path inside the folder');
    expect(readFileSync(victim, "utf8")).toBe("precious");
  });
});

describe("the output folder: what foundation owns", () => {
  it("keeps files it never wrote (the finding: NOTES.md and a hand-added manifest disappeared)", async () => {
    await compile();
    writeFileSync(join(out(), "NOTES.md"), "notes");
    writeFileSync(join(out(), "gitops/manual_deploy/dawn/prod/extra.yaml"), "kind: ConfigMap\n");
    const run = await compile();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 kept (not written by foundation: NOTES.md, gitops/manual_deploy/dawn/prod/extra.yaml)");
    // Also when the service folder itself goes away.
    writeFileSync(spec(), readFileSync(spec(), "utf8").replace("deployWith: kubectl", "deployWith: pulumi"));
    expect((await compile()).code).toBe(0);
    expect(readFileSync(join(out(), "NOTES.md"), "utf8")).toBe("notes");
    expect(readFileSync(join(out(), "gitops/manual_deploy/dawn/prod/extra.yaml"), "utf8")).toBe("kind: ConfigMap\n");
    expect(existsSync(join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml"))).toBe(false);
    expect(await check()).toBe(0);
  });

  it("refuses to replace a file it did not write, and names it", async () => {
    writeFileSync(spec(), readFileSync(spec(), "utf8").replace("deployWith: kubectl", "deployWith: pulumi"));
    await compile();
    const mine = join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml");
    mkdirSync(join(out(), "gitops/manual_deploy/dawn/prod"), { recursive: true });
    writeFileSync(mine, "mine");
    cpSync(join(ROOT, "foundation.yaml"), spec());
    const before = snapshotTree(out());
    const run = await compile();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${mine} was not written by foundation, and foundation now generates this file`);
    expect(snapshotTree(out())).toEqual(before);
  });
});

describe("the output folder: the lock", () => {
  it("recovers a lock left by a run that no longer exists", async () => {
    await compile();
    const dead = spawn(process.execPath, ["-e", ""]);
    const pid = await new Promise<number>((resolve) => dead.on("exit", () => resolve(dead.pid as number)));
    writeFileSync(join(out(), LOCK_FILE), JSON.stringify({ pid, host: (await import("node:os")).hostname(), started: null, nonce: "x" }));
    mkdirSync(join(out(), `.foundation-staging-${pid}-dead`));
    writeFileSync(join(out(), "gitops/manual_deploy/dawn/prod/deployment.yaml"), "torn");
    const run = await compile();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 1 written/);
    expect(readdirSync(out()).filter((e) => e.startsWith(".foundation-staging") || e.startsWith(LOCK_FILE))).toEqual([]);
  });

  it("waits for a compile that holds the lock, then refuses with a clear message", async () => {
    await compile();
    writeFileSync(join(out(), LOCK_FILE), JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), started: null, nonce: "live" }));
    const before = snapshotTree(out());
    const previous = process.env.FOUNDATION_LOCK_TIMEOUT;
    process.env.FOUNDATION_LOCK_TIMEOUT = "0.2";
    try {
      writeFileSync(spec(), readFileSync(spec(), "utf8").replace("replicas: 2", "replicas: 3"));
      const started = Date.now();
      const run = await compile();
      expect(run.code).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      expect(run.stderr).toContain(`is being written by another foundation compile (process ${process.pid}`);
      expect(run.stderr).toContain(`if no compile is running, delete ${join(out(), LOCK_FILE)}`);
      expect(snapshotTree(out())).toEqual(before);
    } finally {
      if (previous === undefined) delete process.env.FOUNDATION_LOCK_TIMEOUT;
      else process.env.FOUNDATION_LOCK_TIMEOUT = previous;
    }
  });
});

describe("the --out argument", () => {
  it('is a usage error when empty, never the root folder (the finding: --out "" meant /)', async () => {
    const run = await runCli(["compile", "--spec", spec(), "--out", ""]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out needs a folder; "" names none');
  });

  it("is refused with exit 2 when a part of it is a file (the finding: --out afile/sub crashed)", async () => {
    writeFileSync(join(dir, "afile"), "x");
    const run = await runCli(["compile", "--spec", spec(), "--out", join(dir, "afile", "sub")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("a part of its path is a file");
    expect(run.stderr).not.toContain("internal error");
  });
});
