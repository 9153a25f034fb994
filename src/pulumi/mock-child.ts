/**
 * Child process of `runUnderMocks`: runs one stack of a transpiled Pulumi program under Pulumi's mocks
 * in a fresh Node.js process (a fresh Pulumi runtime), and prints every resource it registers. The
 * request comes as JSON on stdin; the result goes to stdout after `RESULT_MARKER`.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { RESULT_MARKER, type MockRequest, type MockResult, type RegisteredResource } from "./mock-protocol.js";
import { mockState } from "./mock-state.js";

type Pulumi = typeof import("@pulumi/pulumi");


async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function report(result: MockResult): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}


function plain(pulumi: Pulumi, value: unknown): unknown {
  const sig = pulumi.runtime.specialSigKey;
  if (typeof value === "object" && value !== null && (value as Record<string, unknown>)[sig] === pulumi.runtime.specialSecretSig) {
    return plain(pulumi, (value as { value: unknown }).value);
  }
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

async function run(request: MockRequest): Promise<RegisteredResource[]> {
  const load = createRequire(join(request.modules, "..", "foundation-mock-entry.js"));
  const pulumi = load("@pulumi/pulumi") as Pulumi;
  const settings = load("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  const region = request.config["aws:region"] ?? "us-east-1";
  const resources: RegisteredResource[] = [];
  pulumi.runtime.setAllConfig({ ...request.config });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, any>;
        const provider = providerName(args.provider);
        // Only a read (Resource.get) passes an id; a registration passes its import id, empty here.
        const read = args.id ? { readId: args.id } : {};
        if (args.id && request.absent?.includes(args.id)) throw new Error(`resource '${args.id}' does not exist`);
        resources.push({ type: args.type, name: args.name, inputs: plain(pulumi, inputs) as Record<string, unknown>, ...(provider ? { provider } : {}), ...read });
        const id = args.id || args.name;
        if (args.type === "pulumi:pulumi:StackReference") {
          const outputs = request.stackOutputs[String(inputs.name ?? args.name)] ?? request.stackOutputs[args.name] ?? {};
          return { id, state: { ...inputs, outputs: { ...outputs }, secretOutputNames: ["kubeconfig"] } };
        }
        return { id, state: { ...inputs, ...mockState(args.type, args.name, inputs, region) } };
      },
      call(args) {
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
          return { names: ["a", "b", "c"].map((z) => `${region}${z}`), zoneIds: ["az1", "az2", "az3"], id: region };
        }
        return args.inputs;
      },
    },
    request.project,
    request.stack,
    false,
  );
  await pulumi.runtime.runInPulumiStack(async () => load(request.entry) as Record<string, unknown>);
  await settings.waitForRPCs();
  // A failed read or registration rejects a promise nobody awaits: let it reach the unhandledRejection handler first.
  await new Promise((resolve) => setImmediate(resolve));
  return resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
}

let reported = false;
const fail = (error: unknown) => {
  if (reported) return;
  reported = true;
  report({ ok: false, error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
};
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);

try {
  const resources = await run(JSON.parse(await readStdin()) as MockRequest);
  if (!reported) {
    reported = true;
    report({ ok: true, resources });
  }
} catch (error) {
  fail(error);
}
