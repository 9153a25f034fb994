import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { GeneratedFile } from "../backend.js";
import { RESULT_MARKER, type MockRequest, type MockResult, type RegisteredResource, type StackRunRequest, type StackRunResult } from "./mock-protocol.js";

export type { RegisteredResource, StackRunResult } from "./mock-protocol.js";

/** The Pulumi packages a generated program needs cannot be found: say which to install (exit 2, no stack trace). */
export class PulumiUnavailableError extends Error {}

/** How to run one stack. */
export interface StackRunOptions {
  /** Config values replacing (by full key, `<project>:<key>`) those of `Pulumi.<stack>.yaml`; undefined removes one. */
  readonly config?: Readonly<Record<string, string | undefined>>;
  /** Outputs of referenced stacks, by StackReference name (`org/project/stack`). */
  readonly stackOutputs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Ids of resources the program reads (`Resource.get`) that do not exist: reading one fails. */
  readonly absent?: readonly string[];
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** The child script: beside this file in `dist/`, or in `dist/` when running from the TypeScript sources. */
function childScript(): string {
  const candidates = [join(HERE, "mock-child.js"), join(HERE, "..", "..", "dist", "src", "pulumi", "mock-child.js")];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`the mock runner's child script is missing (looked for ${candidates.join(", ")}); run npm run build`);
  return found;
}

function upward(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    dirs.push(join(dir, "node_modules"));
    if (dirname(dir) === dir) return dirs;
  }
}

/**
 * The `node_modules` folder holding every package of `packages`: searched upward from `cwd`, then from
 * foundation's own install location. Throws `PulumiUnavailableError`, naming what to install, when none does.
 */
export function findPulumiModules(packages: readonly string[], cwd: string = process.cwd()): string {
  const candidates = [...new Set([...upward(cwd), ...upward(HERE)])];
  const has = (dir: string, pkg: string) => existsSync(join(dir, ...pkg.split("/"), "package.json"));
  const found = candidates.find((dir) => packages.every((pkg) => has(dir, pkg)));
  if (found) return found;
  const missing = packages.filter((pkg) => !candidates.some((dir) => has(dir, pkg)));
  const wanted = missing.length > 0 ? missing : packages;
  throw new PulumiUnavailableError(
    `foundation diff --between runs the generated Pulumi programs under Pulumi's mocks and needs ${packages.join(", ")} ` +
      `in one node_modules folder (searched upward from ${cwd} and from foundation's install location); ` +
      `install them, e.g. npm install --no-save ${wanted.join(" ")}`,
  );
}

/** One run of a stack. */
export interface StackRun extends StackRunResult {
  readonly stack: string;
  /** The config it ran with (its `Pulumi.<stack>.yaml`, with the overrides). */
  readonly config: Readonly<Record<string, string>>;
}

/**
 * A generated Pulumi project (the files under `prefix/`) written as it is to a temporary folder, ready to run
 * stack by stack under Pulumi's mocks in child processes (`mock-child.ts`): what `diff --between` and the
 * tests use to see what a program would create.
 */
export class MockProject {
  private constructor(
    /** The temporary folder (removed by `dispose`). */
    readonly dir: string,
    private readonly files: ReadonlyMap<string, string>,
    readonly project: string,
    private readonly modules: string,
  ) {}

  /** Writes the project; throws `PulumiUnavailableError` when its packages cannot be found. */
  static create(files: readonly GeneratedFile[], prefix: string, cwd?: string): MockProject {
    const own = new Map(files.filter((f) => f.path.startsWith(`${prefix}/`)).map((f) => [f.path.slice(prefix.length + 1), f.content]));
    const projectYaml = own.get("Pulumi.yaml");
    if (projectYaml === undefined) throw new Error(`internal: no Pulumi project under ${prefix}/`);
    const project = String((parse(projectYaml) as { name: string }).name);
    const packageJson = own.get("package.json");
    const packages = packageJson ? Object.keys((JSON.parse(packageJson) as { dependencies?: Record<string, string> }).dependencies ?? {}) : [];
    const modules = findPulumiModules(packages.length > 0 ? packages : ["@pulumi/pulumi"], cwd);
    const dir = join(realpathSync(mkdtempSync(join(tmpdir(), "foundation-mocks-"))), "project");
    try {
      for (const [path, content] of own) {
        const target = join(dir, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      // Where the program and TypeScript find the Pulumi packages.
      symlinkSync(modules, join(dir, "node_modules"), "dir");
    } catch (error) {
      rmSync(dirname(dir), { recursive: true, force: true });
      throw error;
    }
    return new MockProject(dir, own, project, modules);
  }

  /** The stack's config from its `Pulumi.<stack>.yaml` (empty without one), values as strings as the CLI passes them. */
  stackConfig(stack: string): Record<string, string> {
    const text = this.files.get(`Pulumi.${stack}.yaml`);
    if (text === undefined) return {};
    const config = ((parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));
  }

  /** Runs `index.ts` as stack `stack` in a fresh child process; every resource it registered. */
  async run(stack: string, options: StackRunOptions = {}): Promise<RegisteredResource[]> {
    const [run] = await this.runMany([{ stack, ...options }]);
    return [...(run as StackRun).resources];
  }

  /**
   * Runs several stacks (or one stack with several configs) one after the other in one child process, the
   * program loaded afresh for each; rejects with the first failure. With `typeCheck`, the program is loaded
   * as `pulumi up` loads it, through Pulumi's ts-node with type-checking on.
   */
  async runMany(runs: readonly (StackRunOptions & { readonly stack: string })[], options: RunOptions = {}): Promise<StackRun[]> {
    return runAll(runs.map((run) => ({ ...run, project: this })), options);
  }

  /** What the child needs to run one stack of this project. */
  request(stack: string, options: StackRunOptions): StackRunRequest {
    const config = Object.entries({ ...this.stackConfig(stack), ...options.config }).filter((e): e is [string, string] => e[1] !== undefined);
    return { dir: this.dir, project: this.project, stack, config: Object.fromEntries(config), stackOutputs: options.stackOutputs ?? {}, ...(options.absent ? { absent: options.absent } : {}) };
  }

  /** The `node_modules` folder the project's packages come from. */
  get packages(): string {
    return this.modules;
  }

  /** Removes the temporary folder. */
  dispose(): void {
    rmSync(dirname(this.dir), { recursive: true, force: true });
  }
}

/** How to load the programs. */
export interface RunOptions {
  /** Load each program as `pulumi up` does, through Pulumi's ts-node with type-checking on (slower; what the benchmark measures). */
  readonly typeCheck?: boolean;
}

/** One stack to run, of one project. */
export type StackToRun = StackRunOptions & { readonly project: MockProject; readonly stack: string };

/**
 * Runs stacks of one or more projects (whose packages come from the same node_modules folder) one after the
 * other in one child process, each program loaded afresh; rejects with the first failure.
 */
export async function runAll(runs: readonly StackToRun[], options: RunOptions = {}): Promise<StackRun[]> {
  return (await runAllSettled(runs, options)).map((result) => {
    if (result instanceof Error) throw result;
    return result;
  });
}

/** `runAll`, with each run's failure (an `Error` naming the stack) in its place instead of rejecting. */
export async function runAllSettled(runs: readonly StackToRun[], options: RunOptions = {}): Promise<(StackRun | Error)[]> {
  const [first] = runs;
  if (first === undefined) return [];
  if (runs.some((run) => run.project.packages !== first.project.packages)) throw new Error("internal: the projects of one mock run must share their node_modules");
  const requests = runs.map((run) => run.project.request(run.stack, run));
  const results = await runChild({ modules: first.project.packages, typeCheck: options.typeCheck ?? false, runs: requests });
  return results.map((result, index) => {
    const { stack, project, config } = requests[index] as StackRunRequest;
    return result.ok ? { stack, config, ...result.run } : new Error(`stack ${stack} of ${project} failed under mocks: ${result.error}`);
  });
}

function runChild(request: MockRequest): Promise<(MockResult & { ok: true })["runs"]> {
  const label = request.runs.map((r) => r.stack).join(", ");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childScript()], { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => stdout.push(d));
    child.stderr.on("data", (d: Buffer) => stderr.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      const out = Buffer.concat(stdout).toString("utf8");
      const at = out.lastIndexOf(RESULT_MARKER);
      if (at === -1) {
        const err = Buffer.concat(stderr).toString("utf8").trim();
        reject(new Error(`running stack ${label} under mocks failed (exit ${String(code)})${err ? `: ${err.split("\n").slice(-5).join("\n")}` : ""}`));
        return;
      }
      const result = JSON.parse(out.slice(at + RESULT_MARKER.length)) as MockResult;
      if (result.ok) resolvePromise(result.runs);
      else reject(new Error(`running stack ${label} under mocks failed: ${result.error}`));
    });
    child.stdin.end(JSON.stringify(request));
  });
}

/** Runs tasks with at most `limit` at a time; results in input order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
