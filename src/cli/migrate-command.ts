import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { BackendRegistry } from "../backend.js";
import { modelFromText } from "../compile/load-model.js";
import { GitSourceError, readAtRevision } from "../load/git-source.js";
import { readSpec } from "../load/read-spec.js";
import type { MigrationContext } from "../migrate/migration.js";
import { migrationFiles, PLAN_FILE, planMigrations } from "../migrate/plan-migration.js";
import { MANIFEST_FILE, OutputFolderError, writeTree } from "../write/writer.js";
import { UsageError } from "./args.js";
import { reportProblems, type Io } from "./report.js";

export interface MigrateOptions {
  readonly base: string;
  readonly spec: string;
  readonly dir: string;
  readonly backends: BackendRegistry;
}

/**
 * `foundation migrate --base REV`: the plan for every change from the spec at REV that a plain deploy cannot do
 * safely, written under `--dir` by the one writer (nothing outside it); nothing written when there is none.
 * Exit codes as `diff --base`: 1 for spec errors (either revision), 2 for usage (an unknown revision).
 */
export async function migrateCommand(options: MigrateOptions, io: Io): Promise<number> {
  try {
    return await migrate(options, io);
  } catch (e) {
    if (e instanceof OutputFolderError) {
      io.err(`foundation: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

async function migrate(options: MigrateOptions, io: Io): Promise<number> {
  const headText = readSpec(options.spec);
  if (!headText.ok) {
    reportProblems(io, [headText.error]);
    return 1;
  }
  let baseText: string | undefined;
  try {
    baseText = readAtRevision(options.spec, options.base);
  } catch (e) {
    if (e instanceof GitSourceError) throw new UsageError(e.message);
    throw e;
  }
  const specName = basename(options.spec);
  const baseLabel = `${options.base}:${specName}`;
  if (baseText === undefined) {
    io.out(`nothing to migrate: ${options.spec} is not in ${options.base}, so everything it describes is new (nothing written)`);
    return 0;
  }
  const base = modelFromText(baseLabel, baseText);
  const head = modelFromText(options.spec, headText.text);
  if (!base.ok || !head.ok) {
    reportProblems(io, [...(base.ok ? [] : base.errors), ...(head.ok ? [] : head.errors)]);
    return 1;
  }
  const backends = await options.backends();
  const stacks = (model: typeof base.model) => backends.flatMap((b) => b.pulumiAppStacks?.(model) ?? []);
  const context: MigrationContext = {
    specName,
    command: `foundation migrate --base ${options.base}`,
    dir: options.dir,
    baseLabel,
    base: base.model,
    head: head.model,
    baseStacks: stacks(base.model),
    headStacks: stacks(head.model),
  };
  const migrations = planMigrations(context);
  if (migrations.length === 0) {
    io.out(`nothing to migrate: a deploy makes every change from ${options.base} safely (nothing written)`);
    return 0;
  }
  assertMigrationFolder(options.dir);
  const files = migrationFiles(context, migrations);
  const report = writeTree(options.dir, files, (written) => written);
  io.out(`${options.dir}/: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged`);
  for (const m of migrations) io.out(`  ${m.subject} ${m.summary}`);
  io.out(`follow ${join(options.dir, PLAN_FILE)}, step by step`);
  return 0;
}

/** Refuses a folder foundation wrote for something else (`compile`'s output): its files would be removed as obsolete. */
function assertMigrationFolder(dir: string): void {
  const manifest = join(dir, MANIFEST_FILE);
  if (!existsSync(manifest)) return;
  const listed = readFileSync(manifest, "utf8").split("\n");
  if (!listed.includes(PLAN_FILE)) throw new OutputFolderError(`${dir} holds foundation's compiled output, not a migration plan; pass another folder with --dir`);
}
