import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ScriptSandbox } from "../helpers/script-sandbox.js";

/** One recorded call of a stub tool. */
export interface Call {
  readonly tool: string;
  readonly args: readonly string[];
  /** The content of the file passed as `--file` (pulumi import), read while the script ran. */
  readonly file?: string;
}

/** The system commands the migration scripts use besides the stubbed tools. */
const SYSTEM_TOOLS = ["bash", "env", "dirname", "mktemp", "rm", "jq"];

/** A cluster as the stub kubectl sees it: per context (`<cluster>.<region>`), per namespace, the objects (`kind.group/name`) there. */
export type Clusters = Record<string, Record<string, string[]>>;

/** A Pulumi backend as the stub pulumi sees it: per qualified stack, its resources. */
export type Stacks = Record<string, { urn: string; type: string }[]>;

/**
 * The stubs of pulumi, kubectl, curl and eksctl (node groups by cluster name in $STUB_STATE/nodegroups.json, each with Ready nodes, seen by kubectl through the cluster's context `<cluster>.<region>`): each records its arguments as one JSON line in $STUB_LOG and plays
 * a cluster ($STUB_STATE/clusters.json) and a Pulumi backend ($STUB_STATE/stacks.json) as the real tools would:
 * `pulumi import` adds a resource only through a provider already in the stack; `pulumi state delete` refuses
 * a resource another one depends on (a Deployment depends on its ConfigMap, ServiceAccount and Secret reads)
 * and one the stack does not hold; `pulumi stack select` without --create fails for an unknown stack;
 * `kubectl apply --server-side` fails on a conflict ($STUB_CONFLICT) unless forced; `pulumi preview --json`
 * reports $STUB_PREVIEW as its change summary.
 */
const STUB = `
const fs = require("node:fs");
const path = require("node:path");
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const at = (flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
const call = { tool, args };
if (tool === "pulumi" && args[0] === "import") call.file = fs.readFileSync(at("--file"), "utf8");
fs.appendFileSync(process.env.STUB_LOG, JSON.stringify(call) + "\\n");
const valued = new Set(["--context", "--namespace", "-o", "--field-manager", "-f", "--timeout", "--file", "--stack", "--cwd", "--target", "--max-time", "--connect-to"]);
const words = [];
for (let i = 0; i < args.length; i++) { if (valued.has(args[i])) i++; else if (!args[i].startsWith("-")) words.push(args[i]); }
const file = (name) => path.join(process.env.STUB_STATE, name);
const load = (name) => JSON.parse(fs.readFileSync(file(name), "utf8"));
const save = (name, value) => fs.writeFileSync(file(name), JSON.stringify(value));
const die = (message) => { console.error(message); process.exit(1); };
const typeOf = (urn) => urn.split("::")[2];
if (tool === "eksctl") {
  const groups = load("nodegroups.json");
  const cluster = at("--cluster");
  const name = at("--name");
  if (words[1] !== "nodegroup") die("stub eksctl: unexpected " + args.join(" "));
  if (!(groups[cluster] ?? []).includes(name)) die("Error: nodegroup " + name + " not found");
  if (words[0] === "delete") { groups[cluster] = groups[cluster].filter((g) => g !== name); save("nodegroups.json", groups); }
} else if (tool === "kubectl" && words[0] === "get" && words[1] === "nodes") {
  const group = (at("--selector") ?? "").split("=")[1];
  const groups = Object.entries(load("nodegroups.json")).find(([cluster]) => at("--context").startsWith(cluster + "."))?.[1] ?? [];
  if (groups.includes(group)) process.stdout.write("True True");
} else if (tool === "curl") {
  if (process.env.STUB_CURL === "fail") die("curl: (22) The requested URL returned error: 503");
} else if (tool === "kubectl") {
  const clusters = load("clusters.json");
  const context = at("--context");
  const namespace = at("--namespace");
  const objects = () => (clusters[context] ?? {})[namespace] ?? [];
  if (words[0] === "config" && words[1] === "get-contexts") {
    if (!(words[2] in clusters)) die("error: context " + words[2] + " not found");
  } else if (words[0] === "get") {
    const wanted = words.slice(1);
    const found = wanted.filter((o) => objects().includes(o));
    if (found.length < wanted.length && !args.includes("--ignore-not-found")) die("Error from server (NotFound): " + wanted.filter((o) => !found.includes(o)).join(" "));
    const output = at("-o") ?? "";
    if (output.includes("hostname")) process.stdout.write("k8s-" + context.split(".")[0] + "-alb.elb.amazonaws.com");
    else if (output.includes("availableReplicas")) process.stdout.write("2");
    else for (const object of found) console.log(object);
  } else if (words[0] === "apply") {
    if (process.env.STUB_CONFLICT === "yes" && !args.includes("--force-conflicts")) die("error: Apply failed with 1 conflict: conflict with \\"pulumi-kubernetes-1234\\"");
  } else if (words[0] === "delete") {
    clusters[context][namespace] = objects().filter((o) => !words.slice(1).includes(o));
    save("clusters.json", clusters);
  } else if (words[0] === "rollout") {
    // ready
  } else die("stub kubectl: unexpected " + args.join(" "));
} else if (tool === "pulumi") {
  const stacks = load("stacks.json");
  const stack = at("--stack");
  const command = words.slice(0, 2).join(" ");
  if (words[0] === "whoami") console.log("tester");
  else if (command === "stack select") {
    if (!(stack in stacks)) { if (args.includes("--create")) { stacks[stack] = []; save("stacks.json", stacks); } else die("error: no stack named '" + stack + "' found"); }
  } else if (command === "stack export") {
    if (!(stack in stacks)) die("error: no stack named '" + stack + "' found");
    fs.writeFileSync(at("--file"), JSON.stringify({ version: 3, deployment: { resources: stacks[stack] } }));
  } else if (words[0] === "up") {
    const target = at("--target");
    const [prefix] = target.split("pulumi:providers:");
    const short = prefix.split(":")[2];
    const project = prefix.split("::")[1];
    for (const urn of [prefix + "pulumi:pulumi:Stack::" + project + "-" + short, target]) {
      if (!stacks[stack].some((r) => r.urn === urn)) stacks[stack].push({ urn, type: typeOf(urn) });
    }
    save("stacks.json", stacks);
  } else if (words[0] === "import") {
    const imports = JSON.parse(call.file);
    for (const r of imports.resources) {
      const provider = imports.nameTable[r.provider];
      if (!stacks[stack].some((s) => s.urn === provider)) die("error: unknown provider " + provider);
      const urn = provider.split("pulumi:providers:")[0] + r.type + "::" + r.name;
      if (!stacks[stack].some((s) => s.urn === urn)) stacks[stack].push({ urn, type: r.type });
    }
    save("stacks.json", stacks);
  } else if (words[0] === "preview") {
    console.log(JSON.stringify({ steps: [], changeSummary: JSON.parse(process.env.STUB_PREVIEW || '{"same": 7, "update": 1}') }));
  } else if (command === "state delete") {
    const urn = words[2];
    if (!stacks[stack].some((r) => r.urn === urn)) die("error: No such resource " + urn + " exists in the current state");
    const deployment = stacks[stack].some((r) => r.type === "kubernetes:apps/v1:Deployment");
    if (deployment && /:(ConfigMap|ServiceAccount|Secret)::/.test(urn)) die("error: " + urn + " can't be safely deleted because the Deployment depends on it");
    stacks[stack] = stacks[stack].filter((r) => r.urn !== urn);
    save("stacks.json", stacks);
  } else if (command === "stack rm") {
    if (stacks[stack].length > 0 && !args.includes("--force")) die("error: stack still has resources");
    delete stacks[stack];
    save("stacks.json", stacks);
  } else if (words[0] === "destroy") {
    stacks[stack] = [];
    save("stacks.json", stacks);
  } else die("stub pulumi: unexpected " + args.join(" "));
}
`;

/** A sandbox to run migration scripts in, with stub pulumi, kubectl, curl and eksctl playing clusters, stacks and node groups. */
export class MigrationWorld extends ScriptSandbox<Call> {
  constructor(clusters: Clusters, stacks: Stacks = {}, nodeGroups: Record<string, string[]> = {}) {
    super("foundation-migrate-run-", STUB, SYSTEM_TOOLS);
    for (const tool of ["pulumi", "kubectl", "curl", "eksctl"]) this.addStub(tool);
    this.clusters = clusters;
    this.stacks = stacks;
    this.nodeGroups = nodeGroups;
  }

  /** The node groups of each cluster, as the stub eksctl (and kubectl get nodes) sees them. */
  get nodeGroups(): Record<string, string[]> {
    return JSON.parse(readFileSync(join(this.state, "nodegroups.json"), "utf8")) as Record<string, string[]>;
  }
  set nodeGroups(value: Record<string, string[]>) {
    writeFileSync(join(this.state, "nodegroups.json"), JSON.stringify(value));
  }

  get clusters(): Clusters {
    return JSON.parse(readFileSync(join(this.state, "clusters.json"), "utf8")) as Clusters;
  }
  set clusters(value: Clusters) {
    writeFileSync(join(this.state, "clusters.json"), JSON.stringify(value));
  }
  get stacks(): Stacks {
    return JSON.parse(readFileSync(join(this.state, "stacks.json"), "utf8")) as Stacks;
  }
  set stacks(value: Stacks) {
    writeFileSync(join(this.state, "stacks.json"), JSON.stringify(value));
  }
}

/** A call as the command line a reader would type. */
export function commandLine(call: Call): string {
  return [call.tool, ...call.args].join(" ");
}
