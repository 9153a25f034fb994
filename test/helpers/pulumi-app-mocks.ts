import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { runtime } from "@pulumi/pulumi";
import { vi } from "vitest";
import { parse } from "yaml";
import type { GeneratedFile } from "../../src/backend.js";
import { ROOT } from "./compile.js";

/** One resource the program registered with the (mocked) Pulumi engine. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  /** Inputs after output resolution: plain JSON, as the engine would receive them. */
  readonly inputs: Record<string, unknown>;
  /** `urn::id` of the resource's explicit provider. */
  readonly provider?: string;
  readonly urn: string;
  /** The id of an existing resource the program reads (`Resource.get`) rather than creates. */
  readonly readId?: string;
}

export interface StackRunOptions {
  /** Config values replacing (by key, `<project>:<key>`) those of the stack's `Pulumi.<stack>.yaml`; undefined removes one. */
  readonly config?: Readonly<Record<string, string | undefined>>;
  /** Outputs of every referenced provisioning stack. */
  readonly provisioningOutputs?: Readonly<Record<string, string>>;
}

const execFileAsync = promisify(execFile);
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/**
 * A generated Pulumi application project written under `test/.work/` (where `@pulumi/*` resolve from
 * the repository's node_modules), type-checked with tsc and run per stack under Pulumi's mocks.
 */
export class AppProjectRunner {
  private constructor(
    readonly dir: string,
    readonly project: string,
  ) {}

  /** Writes the files under `<prefix>/` (paths relative to it) into a fresh folder. */
  static create(files: readonly GeneratedFile[], prefix: string): AppProjectRunner {
    const work = join(ROOT, "test", ".work");
    mkdirSync(work, { recursive: true });
    const dir = mkdtempSync(join(work, "pulumi-app-"));
    for (const file of files) {
      if (!file.path.startsWith(`${prefix}/`)) continue;
      const target = join(dir, file.path.slice(prefix.length + 1));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    if (!existsSync(join(dir, "Pulumi.yaml"))) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`no Pulumi project under ${prefix}/`);
    }
    const project = (parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
    return new AppProjectRunner(dir, project);
  }

  /** `tsc --noEmit -p` over the project's own tsconfig.json: the diagnostics, empty when it compiles. */
  typeCheck(): Promise<string> {
    return tsc(this.dir);
  }

  /**
   * Type-checks the `index.ts` of other projects in one tsc run (the Pulumi types load once), with this
   * project's tsconfig.json: the diagnostics, empty when they all compile.
   */
  typeCheckOthers(others: readonly AppProjectRunner[]): Promise<string> {
    const config = join(this.dir, "tsconfig.others.json");
    writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", files: others.map((o) => join(o.dir, "index.ts")) }));
    return tsc(config);
  }

  /** The stack's configuration from its `Pulumi.<stack>.yaml` (none if it has no such file), values as strings as the CLI passes them. */
  stackConfig(stack: string): Record<string, string> {
    const file = join(this.dir, `Pulumi.${stack}.yaml`);
    if (!existsSync(file)) return {};
    const text = readFileSync(file, "utf8");
    const config = (parse(text) as { config: Record<string, unknown> }).config;
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
  }

  /** Runs `index.ts` as stack `stack` under Pulumi's mocks, in a fresh module graph; every registered resource. */
  async run(stack: string, options: StackRunOptions = {}): Promise<RegisteredResource[]> {
    vi.resetModules();
    const pulumi = await import("@pulumi/pulumi");
    const resources: RegisteredResource[] = [];
    const project = this.project;
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const urn = `urn:pulumi:${stack}::${project}::${args.type}::${args.name}`;
          // Only a read (Resource.get) passes an id; a registration passes its import id, empty here.
          const readId = args.id ? args.id : undefined;
          resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown>, provider: args.provider, urn, ...(readId !== undefined ? { readId } : {}) });
          const id = args.id || `${args.name}-id`;
          if (args.type === "pulumi:pulumi:StackReference") {
            return { id, state: { ...args.inputs, outputs: { ...options.provisioningOutputs }, secretOutputNames: ["kubeconfig"] } };
          }
          return { id, state: args.inputs };
        },
        call(args) {
          return args.inputs;
        },
      },
      this.project,
      stack,
      false,
    );
    const config = Object.entries({ ...this.stackConfig(stack), ...options.config }).filter((e): e is [string, string] => e[1] !== undefined);
    pulumi.runtime.setAllConfig(Object.fromEntries(config));
    await import(/* @vite-ignore */ pathToFileURL(join(this.dir, "index.ts")).href);
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return resources;
  }

  /** Removes the project folder. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function tsc(project: string): Promise<string> {
  try {
    await execFileAsync(process.execPath, [TSC, "--noEmit", "--pretty", "false", "-p", project], { encoding: "utf8" });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}` || String(error);
  }
}

/** The Kubernetes objects the program creates (not those it only reads), as manifests (`apiVersion`, `kind`, `metadata`, ...). */
export function kubernetesObjects(resources: readonly RegisteredResource[]): Record<string, unknown>[] {
  return resources.filter((r) => r.type.startsWith("kubernetes:") && r.readId === undefined).map((r) => plain(r.inputs) as Record<string, unknown>);
}

/** Whether a registered input is a secret (Pulumi's wire form `{ [specialSigKey]: specialSecretSig, value }`). */
export function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[runtime.specialSigKey] === runtime.specialSecretSig;
}

/** The value as plain JSON: secrets unwrapped, undefined properties dropped. */
export function plain(value: unknown): unknown {
  if (isSecret(value)) return plain((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
