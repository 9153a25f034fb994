import { execFile } from "node:child_process";
import { mockState } from "../../src/pulumi/mock-state.js";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { Input, Output } from "@pulumi/pulumi";
import ts from "typescript";
import { parse } from "yaml";
import type { GeneratedFile } from "../../src/backend.js";
import { ROOT } from "./compile.js";

/** A resource the program registered under mocks. */
export interface MockResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

/** What one stack of a generated program did under Pulumi's mocks. */
export interface StackRun {
  readonly resources: readonly MockResource[];
  /** Stack outputs, resolved. */
  readonly outputs: Record<string, unknown>;
  /** Names of the outputs that are secrets. */
  readonly secretOutputs: readonly string[];
  /** The config the stack ran with, parsed from its Pulumi.<stack>.yaml. */
  readonly config: Record<string, string>;
}

export { MOCK_ACCOUNT, mockIssuer } from "../../src/pulumi/mock-state.js";
export const MOCK_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];


/** A fresh scratch folder under test/.work/, where `@pulumi/*` resolve from the project's node_modules. */
export function scratchDir(prefix: string): string {
  const dir = join(ROOT, "test", ".work", `${prefix}-${process.pid}-${randomUUID().slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes generated files under `dir`, dropping the leading `prefix/` of their paths. */
export function writeFiles(dir: string, files: readonly GeneratedFile[], prefix: string): void {
  for (const file of files) {
    if (!file.path.startsWith(`${prefix}/`)) continue;
    const path = join(dir, file.path.slice(prefix.length + 1));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/** Runs the project's pinned `tsc --noEmit -p` on a tsconfig; resolves to its diagnostics ("" when clean). */
export async function typeCheck(tsconfig: string): Promise<string> {
  try {
    await promisify(execFile)(join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", tsconfig]);
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message;
  }
}

/** Transpiles the project's TypeScript to CommonJS in `<dir>/.run/`, as ts-node does under `pulumi up`. */
function transpile(dir: string): string {
  const runDir = join(dir, ".run");
  mkdirSync(runDir, { recursive: true });
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(join(dir, name), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: name,
    });
    writeFileSync(join(runDir, name.replace(/\.ts$/, ".js")), outputText);
  }
  return join(runDir, "index.js");
}


/**
 * Runs the generated program of `dir` for one stack under Pulumi's mocks, with the configuration its
 * `Pulumi.<stack>.yaml` holds, and collects every resource it registers and the stack's outputs. The
 * program is loaded afresh each time; `@pulumi/*` stay loaded.
 */
export async function runStack(dir: string, stack: string): Promise<StackRun> {
  const project = (parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
  const config = (parse(readFileSync(join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, string> }).config;
  const entry = transpile(dir);
  const load = createRequire(entry);
  const pulumi = load("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const settings = load("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

  const resources: MockResource[] = [];
  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: args.id || args.name, state: { ...args.inputs, ...mockState(args.type, args.name, args.inputs) } };
      },
      call(args) {
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
          return { names: MOCK_ZONES, zoneIds: ["use1-az1", "use1-az2", "use1-az4"], id: "us-east-1" };
        }
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    project,
    stack,
    false,
  );

  for (const key of Object.keys(load.cache)) if (key.startsWith(join(dir, ".run"))) delete load.cache[key];
  let exported: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    exported = load(entry) as Record<string, unknown>;
    return exported;
  });
  await settings.waitForRPCs();

  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [key, value] of Object.entries(exported)) {
    const output: Output<unknown> = pulumi.output(value as Input<unknown>);
    outputs[key] = await new Promise((resolve) => output.apply(resolve));
    if (await pulumi.isSecret(output)) secretOutputs.push(key);
  }
  return { resources: resources.filter((r) => r.type !== "pulumi:pulumi:Stack"), outputs, secretOutputs, config };
}

/** The resources of a type. */
export function ofType(run: StackRun, type: string): MockResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one resource of a type and name; fails when missing. */
export function resource(run: StackRun, type: string, name: string): MockResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; have: ${ofType(run, type).map((r) => r.name).join(", ")}`);
  return found;
}
