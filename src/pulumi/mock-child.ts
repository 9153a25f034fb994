/**
 * Child process of `MockProject`: runs stacks of a generated Pulumi project under Pulumi's mocks in a fresh
 * Node.js process (a fresh Pulumi runtime), one after the other, and prints every resource each registered
 * and its outputs. The request comes as JSON on stdin; the result goes to stdout after `RESULT_MARKER`.
 * This is the one place that sets Pulumi's mocks: `diff --between` and every test run programs through it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { RESULT_MARKER, type MockRequest, type MockResult, type RegisteredResource, type StackRunRequest, type StackRunResult } from "./mock-protocol.js";
import { MOCK_DEFAULT_REGION, mockAddonVersion, mockState, mockZoneReply, type ZoneQuery } from "./mock-state.js";

type Pulumi = typeof import("@pulumi/pulumi");
type PulumiInput = import("@pulumi/pulumi").Input<unknown>;
type PulumiOutput = import("@pulumi/pulumi").Output<unknown>;
type NodeRequire = ReturnType<typeof createRequire>;
type Typescript = typeof import("typescript");

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function report(result: MockResult): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

function isSecret(pulumi: Pulumi, value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
}

function plain(pulumi: Pulumi, value: unknown): unknown {
  if (isSecret(pulumi, value)) return plain(pulumi, (value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map((v) => plain(pulumi, v));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(pulumi, v)]));
  }
  return value;
}

/** `urn:...::pulumi:providers:kubernetes::trantor::id` -> `trantor`. */
function providerName(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const parts = reference.split("::");
  return parts.length >= 2 ? parts[parts.length - 2] : reference;
}

/** TypeScript: the project's own (as `pulumi up` prefers it), else foundation's. */
function typescriptPath(load: NodeRequire): string {
  try {
    return load.resolve("typescript");
  } catch {
    return createRequire(import.meta.url).resolve("typescript");
  }
}

/**
 * Makes `require` load the project's `.ts` modules: through the ts-node `pulumi up` uses (the one vendored in
 * @pulumi/pulumi, type-checking with the project's tsconfig.json, with the options Pulumi's runner passes), or
 * transpiled only.
 */
function registerTypescript(request: MockRequest, dir: string, load: NodeRequire): void {
  const compiler = typescriptPath(load);
  if (request.typeCheck) {
    process.chdir(dir);
    const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions?: Record<string, unknown> };
    const tsNode = load(join(request.modules, "@pulumi", "pulumi", "vendor", "ts-node@7.0.1")) as { register(options: unknown): void };
    tsNode.register({
      compiler,
      // Each child checks and compiles every module afresh, as a first `pulumi up` on a machine does (later
      // ones may find a module in ts-node's cache under the temp folder, and skip checking it).
      cache: false,
      project: "tsconfig.json",
      skipProject: false,
      compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...tsconfig.compilerOptions },
    });
    return;
  }
  const ts = load(compiler) as Typescript;
  const extensions = (createRequire(import.meta.url) as unknown as { extensions: Record<string, (module: unknown, file: string) => void> }).extensions;
  extensions[".ts"] = (module, file) => {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    (module as { _compile(code: string, file: string): void })._compile(outputText, file);
  };
}

/** Resolves an exported value (an output, a promise or a plain value), and whether it is secret. */
function resolveOutput(pulumi: Pulumi, value: unknown): Promise<{ value: unknown; secret: boolean }> {
  const output = pulumi.output(value as PulumiInput) as PulumiOutput;
  return Promise.all([new Promise<unknown>((resolve) => output.apply(resolve)), pulumi.isSecret(output)]).then(([v, secret]) => ({ value: plain(pulumi, v), secret }));
}

/** The part of the mock monitor this harness wraps: the registration request, before the mocks see it. */
interface RegistrationRequest {
  getType(): string;
  getName(): string;
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean | undefined;
  getDependenciesList(): string[];
}

/** `urn:pulumi:stack::project::parent$type::name` -> `type::name`. */
function dependencyOf(urn: string): string {
  const parts = urn.split("::");
  const type = (parts[parts.length - 2] ?? "").split("$").pop() ?? "";
  return `${type}::${parts[parts.length - 1]}`;
}
interface RegisteringMonitor {
  registerResource(request: RegistrationRequest, callback: unknown): unknown;
}

async function runStack(pulumi: Pulumi, load: NodeRequire, run: StackRunRequest): Promise<StackRunResult> {
  const settings = load("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void>; getMonitor(): RegisteringMonitor | undefined };
  const region = run.config["aws:region"] ?? MOCK_DEFAULT_REGION;
  const resources: RegisteredResource[] = [];
  /** `type::name` of the resources registered with retainOnDelete. */
  const retained = new Set<string>();
  /** `type::name` of the resources registered with deleteBeforeReplace. */
  const deletedFirst = new Set<string>();
  /** What each resource (by `type::name`) waits for. */
  const dependencies = new Map<string, string[]>();
  pulumi.runtime.setAllConfig({ ...run.config });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        const provider = providerName(args.provider);
        const secrets = Object.keys(inputs).filter((key) => isSecret(pulumi, inputs[key]));
        // Only a read (Resource.get) passes an id; a registration passes its import id, empty here.
        if (args.id && run.absent?.includes(args.id)) throw new Error(`resource '${args.id}' does not exist`);
        resources.push({
          type: args.type,
          name: args.name,
          inputs: plain(pulumi, inputs) as Record<string, unknown>,
          ...(provider ? { provider } : {}),
          ...(retained.has(`${args.type}::${args.name}`) ? { retainOnDelete: true as const } : {}),
          ...(deletedFirst.has(`${args.type}::${args.name}`) ? { deleteBeforeReplace: true as const } : {}),
          ...((dependencies.get(`${args.type}::${args.name}`) ?? []).length > 0 ? { dependsOn: dependencies.get(`${args.type}::${args.name}`) } : {}),
          ...(secrets.length > 0 ? { secrets } : {}),
          ...(args.id ? { readId: args.id } : {}),
        });
        const id = args.id || args.name;
        if (args.type === "pulumi:pulumi:StackReference") {
          const outputs = run.stackOutputs[String(inputs.name ?? args.name)] ?? {};
          return { id, state: { ...inputs, outputs: { ...outputs }, secretOutputNames: ["kubeconfig"] } };
        }
        return { id, state: { ...inputs, ...mockState(args.type, args.name, inputs, region) } };
      },
      call(args) {
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") return { ...mockZoneReply(region, args.inputs as ZoneQuery), id: region };
        if (args.token === "aws:eks/getAddonVersion:getAddonVersion") {
          const { addonName, kubernetesVersion } = args.inputs as { addonName: string; kubernetesVersion: string };
          return { addonName, kubernetesVersion, version: mockAddonVersion(addonName, kubernetesVersion), id: addonName };
        }
        throw new Error(`the mocks do not know the call ${args.token}`);
      },
    },
    run.project,
    run.stack,
    false,
  );
  // The mocks' arguments leave out resource options: read them off the registration request itself.
  const monitor = settings.getMonitor();
  if (monitor) {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
      const key = `${request.getType()}::${request.getName()}`;
      if (request.getRetainondelete()) retained.add(key);
      if (request.getDeletebeforereplace()) deletedFirst.add(key);
      dependencies.set(key, [...new Set(request.getDependenciesList().map(dependencyOf))].sort());
      return register(request, callback);
    };
  }
  // Each run loads the program afresh; the Pulumi packages stay loaded.
  const cache = load.cache;
  for (const key of Object.keys(cache)) if (key.startsWith(run.dir + sep) && !key.includes(`${sep}node_modules${sep}`)) delete cache[key];
  let exported: Record<string, unknown> = {};
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      exported = (load(join(run.dir, "index.ts")) as Record<string, unknown> | undefined) ?? {};
      return exported;
    });
  } finally {
    // Whether the program finished or threw, its outstanding registrations and reads settle within this run, and a
    // failed one (a promise nobody awaits) reaches the unhandledRejection handler before the next run starts.
    await settings.waitForRPCs().catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [key, value] of Object.entries(exported)) {
    const resolved = await resolveOutput(pulumi, value);
    outputs[key] = resolved.value;
    if (resolved.secret) secretOutputs.push(key);
  }
  return { resources: resources.filter((r) => r.type !== "pulumi:pulumi:Stack"), outputs, secretOutputs };
}

/** The error of the run in progress, from a rejection or exception Pulumi's runtime does not surface itself. */
let failure: unknown;
process.on("unhandledRejection", (error) => {
  failure ??= error;
});
process.on("uncaughtException", (error) => {
  failure ??= error;
});

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

try {
  const request = JSON.parse(await readStdin()) as MockRequest;
  // Every project links the same node_modules: one Pulumi runtime serves them all.
  const load = createRequire(join(request.modules, "..", "foundation-mock-entry.js"));
  registerTypescript(request, request.runs[0]?.dir ?? process.cwd(), load);
  const pulumi = load("@pulumi/pulumi") as Pulumi;
  const runs: (MockResult & { ok: true })["runs"][number][] = [];
  for (const run of request.runs) {
    failure = undefined;
    try {
      const result = await runStack(pulumi, load, run);
      if (failure !== undefined) throw failure;
      runs.push({ ok: true, run: result });
    } catch (error) {
      runs.push({ ok: false, error: message(failure ?? error) });
    }
  }
  report({ ok: true, runs });
} catch (error) {
  report({ ok: false, error: message(error) });
  process.exitCode = 1;
}
