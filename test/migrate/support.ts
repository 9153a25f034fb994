import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BACKENDS } from "../../backends/index.js";
import type { GeneratedFile } from "../../src/backend.js";
import type { MigrationContext } from "../../src/migrate/migration.js";
import { migrationFiles, planMigrations } from "../../src/migrate/plan-migration.js";
import type { Model } from "../../src/model/model.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { editSpec, type SpecEdit } from "../helpers/spec-edit.js";
import { runBin, runCli, type CliRun } from "../helpers/cli.js";
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

  /** `foundation migrate` in-process (faster), spec and folder given as absolute paths, on the scenario's branch. */
  migrateInProcess(scenario: string, dir = "migration", base = "main"): Promise<CliRun> {
    this.git("checkout", "-q", scenario);
    return runCli(["migrate", "--base", base, "--spec", this.spec, "--dir", join(this.root, dir)]);
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

/** The plan from one spec text to another, planned in-process as `foundation migrate` does: its files by path. */
export function planOf(baseText: string, headText: string, dir = "migration"): Map<string, GeneratedFile> {
  const base = modelOf(baseText);
  const head = modelOf(headText);
  const stacks = (model: Model) => BACKENDS.flatMap((b) => b.pulumiAppStacks?.(model) ?? []);
  const context: MigrationContext = {
    specName: "foundation.yaml",
    command: "foundation migrate --base main",
    dir,
    baseLabel: "main:foundation.yaml",
    base,
    head,
    baseStacks: stacks(base),
    headStacks: stacks(head),
  };
  return new Map(migrationFiles(context, planMigrations(context)).map((f) => [f.path, f]));
}

/** A scenario's spec text. */
export function scenarioSpec(scenario: string): string {
  return editSpec(referenceSpecText(), SCENARIOS[scenario] ?? []);
}

/** The values of a bash array assignment `name=('a' 'b')` in a generated script (single-quoted words, as shellQuote writes them). */
export function shellArray(script: string, name: string): string[] {
  const line = new RegExp(`^${name}=\\((.*)\\)$`, "m").exec(script)?.[1];
  if (line === undefined) throw new Error(`no array ${name}`);
  return [...line.matchAll(/'((?:[^']|'\\'')*)'/g)].map((m) => (m[1] as string).replaceAll("'\\''", "'"));
}
