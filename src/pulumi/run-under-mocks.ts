import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ts } from "ts-morph";
import { parse } from "yaml";
import type { GeneratedFile } from "../backend.js";
import { RESULT_MARKER, type MockRequest, type MockResult, type RegisteredResource } from "./mock-protocol.js";

export type { RegisteredResource } from "./mock-protocol.js";

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

/**
 * A generated Pulumi project (the files under `prefix/`) written to a temporary folder with its TypeScript
 * transpiled to CommonJS, ready to run stack by stack under Pulumi's mocks, each in its own child process.
 */
export class MockProject {
  private constructor(
    /** The temporary folder (removed by `dispose`). */
    readonly dir: string,
    private readonly files: ReadonlyMap<string, string>,
    readonly project: string,
    private readonly modules: string,
  ) {}

  /** Writes and transpiles the project; throws `PulumiUnavailableError` when its packages cannot be found. */
  static create(files: readonly GeneratedFile[], prefix: string, cwd?: string): MockProject {
    const own = new Map(files.filter((f) => f.path.startsWith(`${prefix}/`)).map((f) => [f.path.slice(prefix.length + 1), f.content]));
    const projectYaml = own.get("Pulumi.yaml");
    if (projectYaml === undefined) throw new Error(`internal: no Pulumi project under ${prefix}/`);
    const project = String((parse(projectYaml) as { name: string }).name);
    const packageJson = own.get("package.json");
    const packages = packageJson ? Object.keys((JSON.parse(packageJson) as { dependencies?: Record<string, string> }).dependencies ?? {}) : ["@pulumi/pulumi"];
    const modules = findPulumiModules(packages.length > 0 ? packages : ["@pulumi/pulumi"], cwd);
    const dir = mkdtempSync(join(tmpdir(), "foundation-mocks-"));
    try {
      const run = join(dir, "run");
      mkdirSync(run, { recursive: true });
      writeFileSync(join(run, "package.json"), '{ "type": "commonjs" }\n');
      for (const [path, content] of own) {
        if (!path.endsWith(".ts")) continue;
        const target = join(run, path.replace(/\.ts$/, ".js"));
        mkdirSync(dirname(target), { recursive: true });
        const { outputText } = ts.transpileModule(content, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
          fileName: path,
        });
        writeFileSync(target, outputText);
      }
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
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
  run(stack: string, options: StackRunOptions = {}): Promise<RegisteredResource[]> {
    const config = Object.entries({ ...this.stackConfig(stack), ...options.config }).filter((e): e is [string, string] => e[1] !== undefined);
    const request: MockRequest = {
      entry: join(this.dir, "run", "index.js"),
      modules: this.modules,
      project: this.project,
      stack,
      config: Object.fromEntries(config),
      stackOutputs: options.stackOutputs ?? {},
      ...(options.absent ? { absent: options.absent } : {}),
    };
    return runChild(request);
  }

  /** Removes the temporary folder. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function runChild(request: MockRequest): Promise<RegisteredResource[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childScript()], {
      env: { ...process.env, NODE_PATH: request.modules },
      stdio: ["pipe", "pipe", "pipe"],
    });
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
        reject(new Error(`running stack ${request.stack} under mocks failed (exit ${String(code)})${err ? `: ${err.split("\n").slice(-5).join("\n")}` : ""}`));
        return;
      }
      const result = JSON.parse(out.slice(at + RESULT_MARKER.length)) as MockResult;
      if (result.ok) resolvePromise([...result.resources]);
      else reject(new Error(`stack ${request.stack} of ${request.project} failed under mocks: ${result.error}`));
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
