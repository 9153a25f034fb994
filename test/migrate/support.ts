import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { referenceSpecText } from "../helpers/compile.js";
import { editSpec, type SpecEdit } from "../helpers/spec-edit.js";
import { runBin, type CliRun } from "../helpers/cli.js";
import { listFiles } from "../../src/write/writer.js";

/** The three migrations of the reference spec, each a commit on top of `main` in the scratch repository. */
export const SCENARIOS: Readonly<Record<string, readonly SpecEdit[]>> = {
  "dawn-to-pulumi": [[["services", "dawn", "deployWith"], "pulumi"]],
  "day-to-kubectl": [[["services", "day", "deployWith"], "kubectl"]],
  "dawn-to-terminus": [[["services", "dawn", "cluster"], "terminus"]],
};

export type Scenario = keyof typeof SCENARIOS;

/** One file of a written plan. */
export interface PlanFile {
  readonly path: string;
  readonly content: string;
  readonly executable: boolean;
}

/** A scratch git repository: the reference spec committed on `main`, and one branch per scenario. */
export class ScratchRepo {
  readonly root = mkdtempSync(join(tmpdir(), "foundation-migrate-"));
  readonly spec = join(this.root, "foundation.yaml");

  constructor() {
    this.git("init", "-q", "-b", "main");
    writeFileSync(this.spec, referenceSpecText());
    this.git("add", "foundation.yaml");
    this.git("commit", "-qm", "reference");
    for (const [name, edits] of Object.entries(SCENARIOS)) {
      this.git("checkout", "-q", "-b", name, "main");
      writeFileSync(this.spec, editSpec(referenceSpecText(), edits));
      this.git("commit", "-qam", name);
    }
    this.git("checkout", "-q", "main");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.root,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" },
    });
  }

  /** The built CLI's `foundation migrate --base main --dir D` on the scenario's branch, run from the repository's root as users do. */
  migrate(scenario: string, dir = "migration", base = "main", extra: readonly string[] = []): CliRun {
    this.git("checkout", "-q", scenario);
    return runBin(["migrate", "--base", base, "--dir", dir, ...extra], { cwd: this.root });
  }

  /** The files of a folder of the repository, with their content and executable bit. */
  files(dir: string): PlanFile[] {
    const base = join(this.root, dir);
    return listFiles(base).map((path) => ({
      path,
      content: readFileSync(join(base, path), "utf8"),
      executable: (statSync(join(base, path)).mode & 0o111) !== 0,
    }));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
