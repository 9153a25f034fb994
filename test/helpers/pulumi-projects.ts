import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import type { GeneratedFile } from "../../src/backend.js";
import type { RegisteredResource, StackRun } from "../../src/pulumi/run-under-mocks.js";
import { ROOT } from "./compile.js";

const execFileAsync = promisify(execFile);
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/**
 * A generated Pulumi project written under `test/.work/` (where `@pulumi/*` resolve from the repository's
 * node_modules), to type-check with the pinned tsc. Running it is `MockProject`'s job.
 */
export function writeProject(files: readonly GeneratedFile[], prefix: string, name: string): string {
  const dir = join(ROOT, "test", ".work", `${name}-${process.pid}-${randomUUID().slice(0, 8)}`);
  for (const file of files) {
    if (!file.path.startsWith(`${prefix}/`)) continue;
    const target = join(dir, file.path.slice(prefix.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `tsc --noEmit` over projects in one run (the Pulumi types load once), with the first project's
 * tsconfig.json and every project's files as it includes them: the diagnostics, "" when all compile.
 */
export async function typeCheck(dirs: readonly string[]): Promise<string> {
  const [first] = dirs;
  if (first === undefined) return "";
  let config = join(first, "tsconfig.json");
  if (dirs.length > 1) {
    config = join(first, "tsconfig.together.json");
    const include = dirs.flatMap((dir) => ["*.ts", "stacks/*.ts"].map((pattern) => `${relative(first, dir) || "."}/${pattern}`));
    writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", include }));
  }
  try {
    await execFileAsync(process.execPath, [TSC, "--noEmit", "--pretty", "false", "-p", config], { encoding: "utf8" });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}` || String(error);
  }
}

/** The resources of a type. */
export function ofType(run: StackRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one resource of a type and name; fails when missing. */
export function resource(run: StackRun, type: string, name: string): RegisteredResource & { inputs: Record<string, any> } {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; have: ${ofType(run, type).map((r) => r.name).join(", ")}`);
  return found;
}

/** The Kubernetes objects among registered resources, as manifests (`apiVersion`, `kind`, `metadata`, ...). */
export function kubernetesObjects(resources: readonly RegisteredResource[]): Record<string, unknown>[] {
  return resources.filter((r) => r.type.startsWith("kubernetes:") && r.readId === undefined).map((r) => r.inputs);
}
