import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ScriptSandbox } from "../helpers/script-sandbox.js";

/** One recorded call of a stub tool. */
export interface Call {
  readonly tool: string;
  readonly args: readonly string[];
  /** What the tool read on stdin (kubectl -f -). */
  readonly stdin?: string;
  /** The content of the file passed as -f (kubectl), read while the script ran. */
  readonly file?: string;
  /** The content of the file passed as --config-file (eksctl), read while the script ran. */
  readonly config?: string;
}

/** The system commands the generated scripts use besides the stubbed tools. */
const SYSTEM_TOOLS = ["bash", "env", "dirname", "mktemp", "rm", "awk"];

/**
 * The stub of eksctl, aws, helm and kubectl (sleep has its own, in bash): records its arguments as one JSON line in $STUB_LOG and
 * plays a cluster in $STUB_STATE: `eksctl get cluster` fails until `eksctl create cluster` has run; node
 * groups report the version the cluster was created with ($STUB_NODEGROUP_VERSION instead when set); the
 * authentication mode is $STUB_AUTH_MODE (default API_AND_CONFIG_MAP); an access entry exists once created;
 * the AWS Load Balancer Controller's webhook Service exists once its chart is installed, and has a ready
 * endpoint unless $STUB_WEBHOOK_READY is "never"; `kubectl apply -f FILE` (a file, or an https:// URL it does not fetch) fails unless `aws eks
 * update-kubeconfig` wrote its --context. A cluster is its name in its region. IAM is one per account: the
 * IRSA roles of a config (`roleName`), created by `eksctl create cluster` or `create iamserviceaccount`,
 * fail with EntityAlreadyExists when another cluster, or the same name in another region, holds one of them.
 */
const STUB = `
const fs = require("node:fs");
const path = require("node:path");
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const call = { tool, args };
const state = process.env.STUB_STATE;
const at = (flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
if (tool === "kubectl" && at("-f") === "-") call.stdin = fs.readFileSync(0, "utf8");
else if (tool === "kubectl" && at("-f") !== undefined && !/^https:\\/\\//.test(at("-f"))) call.file = fs.readFileSync(at("-f"), "utf8");
const configFile = at("--config-file");
if (configFile) call.config = fs.readFileSync(configFile, "utf8");
fs.appendFileSync(process.env.STUB_LOG, JSON.stringify(call) + "\\n");
const command = args.slice(0, 2).join(" ");
const stateFile = (name) => path.join(state, encodeURIComponent(name));
const createRoles = () => {
  const owner = /^  name: (.*)$/m.exec(call.config)[1] + "@" + /^  region: (.*)$/m.exec(call.config)[1];
  for (const [, role] of call.config.matchAll(/^ +roleName: (.*)$/gm)) {
    const file = stateFile("iam-role-" + role.toLowerCase());
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") !== owner) {
      console.error("EntityAlreadyExists: Role with name " + role + " already exists."); process.exit(1);
    }
    fs.writeFileSync(file, owner);
  }
};
if (tool === "eksctl" && command === "get cluster") {
  if (!fs.existsSync(stateFile("cluster-" + at("--name") + "@" + at("--region")))) { console.error("Error: cluster not found"); process.exit(1); }
} else if (tool === "eksctl" && command === "create cluster") {
  const name = /^  name: (.*)$/m.exec(call.config)[1];
  const region = /^  region: (.*)$/m.exec(call.config)[1];
  const version = /^  version: "?([0-9.]+)"?$/m.exec(call.config)[1];
  createRoles();
  fs.writeFileSync(stateFile("cluster-" + name + "@" + region), version);
} else if (tool === "eksctl" && command === "create iamserviceaccount") {
  createRoles();
} else if (tool === "aws" && command === "sts get-caller-identity") {
  console.log(process.env.STUB_ACCOUNT || "123456789012");
} else if (tool === "aws" && command === "eks describe-cluster") {
  console.log(at("--query").includes("authenticationMode") ? process.env.STUB_AUTH_MODE || "API_AND_CONFIG_MAP" : "vpc-0123456789abcdef0");
} else if (tool === "aws" && command === "eks describe-nodegroup") {
  console.log(process.env.STUB_NODEGROUP_VERSION || fs.readFileSync(stateFile("cluster-" + at("--cluster-name") + "@" + at("--region")), "utf8"));
} else if (tool === "aws" && command === "eks describe-access-entry") {
  if (!fs.existsSync(stateFile("access-" + at("--principal-arn")))) { console.error("ResourceNotFoundException"); process.exit(254); }
} else if (tool === "aws" && command === "eks create-access-entry") {
  fs.writeFileSync(stateFile("access-" + at("--principal-arn")), "");
} else if (tool === "helm" && command === "upgrade --install" && args[2] === "aws-load-balancer-controller") {
  fs.writeFileSync(stateFile("alb-" + at("--kube-context")), "");
} else if (tool === "aws" && command === "eks update-kubeconfig") {
  fs.writeFileSync(stateFile("context-" + at("--alias")), "");
} else if (tool === "kubectl" && args[0] === "apply" && call.file !== undefined) {
  if (!fs.existsSync(stateFile("context-" + at("--context")))) { console.error("error: context was not found"); process.exit(1); }
} else if (tool === "kubectl" && command === "get service") {
  if (!fs.existsSync(stateFile("alb-" + at("--context")))) { console.error("Error from server (NotFound)"); process.exit(1); }
} else if (tool === "kubectl" && command === "get endpointslices") {
  if (process.env.STUB_WEBHOOK_READY !== "never") process.stdout.write("10.0.3.7");
}
`;

/** A sandbox to run the eksctl backend's scripts in, with stub eksctl, aws, helm, kubectl and sleep. */
export class StubWorld extends ScriptSandbox<Call> {
  constructor(readonly bash: string) {
    super("foundation-eksctl-", STUB, SYSTEM_TOOLS, bash);
    for (const tool of ["eksctl", "aws", "helm"]) this.addStub(tool);
    this.addKubectlStub();
    this.addSleepStub();
  }

  /**
   * kubectl: the webhook's readiness check (`get endpointslices`, called in wait loops) answered in bash, as
   * the Node.js stub answers it; every other call, and one with an argument JSON would need escaped, goes to
   * the Node.js stub.
   */
  private addKubectlStub(): void {
    const full = join(this.root, "node-stubs");
    mkdirSync(full);
    this.addStub("kubectl", full);
    const node = join(full, "kubectl");
    const file = join(this.stubs, "kubectl");
    const script = [
      `#!${this.bash}`,
      'if [ "$1" = get ] && [ "$2" = endpointslices ]; then',
      "  LC_ALL=C",
      '  args=""',
      '  for a in "$@"; do',
      `    case $a in *[![:print:]]*|*\\\\*|*\\"*) exec ${JSON.stringify(node)} "$@" ;; esac`,
      '    args="${args:+$args,}\\"$a\\""',
      "  done",
      '  printf \'{"tool":"kubectl","args":[%s]}\\n\' "$args" >> "$STUB_LOG"',
      '  [ "$STUB_WEBHOOK_READY" = never ] || printf 10.0.3.7',
      "  exit 0",
      "fi",
      `exec ${JSON.stringify(node)} "$@"`,
      "",
    ].join("\n");
    writeFileSync(file, script);
    chmodSync(file, 0o755);
  }

  /**
   * `sleep` in bash alone (the wait loops call it many times; a Node.js stub each time is slow): records its
   * arguments like the other stubs and returns at once; refuses arguments that are not numbers, as sleep does.
   */
  private addSleepStub(): void {
    const file = join(this.stubs, "sleep");
    const script = [
      `#!${this.bash}`,
      'args=""',
      'for a in "$@"; do',
      '  case $a in ""|*[!0-9.]*) echo "sleep: invalid time interval \'$a\'" >&2; exit 1 ;; esac',
      '  args="${args:+$args,}\\"$a\\""',
      "done",
      'printf \'{"tool":"sleep","args":[%s]}\\n\' "$args" >> "$STUB_LOG"',
      "",
    ].join("\n");
    writeFileSync(file, script);
    chmodSync(file, 0o755);
  }
}

/** A call as the command line a reader would type, for exact assertions. */
export function commandLine(call: Call): string[] {
  return [call.tool, ...call.args];
}
