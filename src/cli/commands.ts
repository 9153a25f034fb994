import { UsageError } from "./args.js";
import type { CommandSpec, OptionSpec } from "./command.js";

// The command table. Registering a command is one entry here: its help, options and examples, and a
// `run` that imports the command's own module (so each command, and a no-op compile, loads only what it
// uses). Parsing, `--help`, suggestions for mistyped names and usage errors all come from the entry.

const SPEC: OptionSpec = { name: "spec", value: "F", help: "the spec to read (default: foundation.yaml)" };
const OUT: OptionSpec = { name: "out", value: "D", help: "the output folder (default: out)" };
const FORMAT: OptionSpec = { name: "format", value: "text|markdown|json", help: "how to print the result (default: text)" };
const EXIT_CODE: OptionSpec = { name: "exit-code", help: "exit 1 when there is a difference (with --between: one that is not explained)" };
const SPEC_ERRORS = "0 ok, 1 spec errors (a missing or unreadable spec is one), 2 usage";

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  compile: {
    summary: "validate the spec and write every artifact under the output folder",
    usage: ["[--spec F] [--out D] [--check]"],
    description: [
      "Validates F, then writes the eksctl ClusterConfigs and scripts, the Pulumi programs and the kubectl",
      "YAML under D, removing what the spec no longer generates. D must be empty, new, or a folder",
      "foundation wrote. When F has errors, nothing under D changes.",
    ],
    options: [SPEC, OUT, { name: "check", help: "write nothing; list the files under D that are missing, stale or extra" }],
    examples: [
      ["compile", "compile ./foundation.yaml into ./out"],
      ["compile --spec platform.yaml --out generated", "another spec, another folder"],
      ["compile --check", "in CI: fail when out/ is not what the spec compiles to"],
    ],
    exitCodes: "0 ok (with --check: D is up to date), 1 spec errors (a missing or unreadable spec is one) or, with --check, D differs, 2 usage or a D that foundation did not write",
    run: async (args, { io, backends }) =>
      (await import("./compile-command.js")).compileCommand({ spec: args.string("spec", "foundation.yaml"), out: args.folder("out", "out"), check: args.has("check"), backends }, io),
  },
  validate: {
    summary: "validate the spec, write nothing",
    usage: ["[--spec F]"],
    description: ["Runs every check compile runs, and prints every error of the spec at once; writes nothing."],
    options: [SPEC],
    examples: [["validate", "check ./foundation.yaml"], ["validate --spec platform.yaml", "check another spec"]],
    exitCodes: SPEC_ERRORS,
    run: async (args, { io }) => (await import("./validate-command.js")).validateCommand(args.string("spec", "foundation.yaml"), io),
  },
  diff: {
    summary: "what a spec change does to every target, or how two backends differ",
    usage: [
      "(--base REF | --base-spec F) [--spec F] [--format FORMAT] [--exit-code]",
      "--between kubectl,pulumi [--service S] [--spec F] [--format FORMAT] [--exit-code]",
      "--between eksctl,pulumi --cluster C [--spec F] [--format FORMAT] [--exit-code]",
    ],
    description: [
      "With --base or --base-spec: what changing the spec from that revision does to every cluster and",
      "service, down to the field, with warnings for changes that replace or disrupt running things.",
      "With --between: each service (or the cluster) rendered through both backends, the Pulumi program",
      'run under Pulumi\'s mocks, and "equivalent" or the differences, each explained when it follows',
      "from how the tools work.",
    ],
    options: [
      SPEC,
      { name: "base", value: "REF", help: "compare with the spec at this git revision" },
      { name: "base-spec", value: "F", help: "compare with this earlier copy of the spec" },
      { name: "between", value: "A,B", help: "compare two backends on the same spec: kubectl,pulumi or eksctl,pulumi" },
      { name: "service", value: "S", help: "with --between kubectl,pulumi: only this service" },
      { name: "cluster", value: "C", help: "with --between eksctl,pulumi: the cluster to compare" },
      FORMAT,
      EXIT_CODE,
    ],
    examples: [
      ["diff --base origin/main", "what this branch changes"],
      ["diff --base origin/main --format markdown", "the same, as a pull-request comment"],
      ["diff --between kubectl,pulumi --service day", "is service day the same through kubectl and Pulumi?"],
      ["diff --between eksctl,pulumi --cluster trantor --exit-code", "fail on an unexplained cluster difference"],
    ],
    exitCodes: `${SPEC_ERRORS} (with --between, also: Pulumi's packages are not installed); with --exit-code, 1 on a difference`,
    run: async (args, { io, backends }) => {
      const format = args.choice("format", ["text", "markdown", "json"] as const, "text");
      const common = {
        spec: args.string("spec", "foundation.yaml"),
        format,
        exitCode: args.has("exit-code"),
        color: format === "text" && process.stdout.isTTY === true && !process.env.NO_COLOR,
      };
      const between = args.optional("between");
      const service = args.optional("service");
      const cluster = args.optional("cluster");
      if (between !== undefined) {
        if (args.has("base") || args.has("base-spec")) throw new UsageError("--between compares two backends on the same spec: it takes no --base or --base-spec");
        return (await import("./diff-between-command.js")).diffBetweenCommand(
          { ...common, between, backends, ...(service !== undefined ? { service } : {}), ...(cluster !== undefined ? { cluster } : {}) },
          io,
        );
      }
      if (service !== undefined || cluster !== undefined) throw new UsageError("--service and --cluster go with --between");
      const base = args.optional("base");
      const baseSpec = args.optional("base-spec");
      return (await import("./diff-command.js")).diffCommand({ ...common, backends, ...(base !== undefined ? { base } : {}), ...(baseSpec !== undefined ? { baseSpec } : {}) }, io);
    },
  },
  migrate: {
    summary: "the runnable plan for spec changes a plain deploy cannot do safely",
    usage: ["--base REV [--spec F] [--dir D]"],
    description: [
      "Compares the spec with its copy at git revision REV and, for every change a deploy cannot make safely",
      "(a service moving between kubectl and Pulumi or between clusters, a node group to replace, a cluster",
      "changing provisioner), writes under D a PLAN.md of ordered steps (when to run each relative to merging",
      "the pull request and CI's deploy), the scripts they run and the `pulumi import` files. Writes nothing",
      "when a deploy does it all.",
    ],
    options: [
      SPEC,
      { name: "base", value: "REV", help: "the git revision of the spec that is deployed now (the pull request's base)" },
      { name: "dir", value: "D", help: "the folder to write the plan to (default: migration)" },
    ],
    examples: [
      ["migrate --base origin/main", "the plan for what this branch changes"],
      ["migrate --base origin/main --dir /tmp/plan", "the same, written elsewhere"],
    ],
    exitCodes: `0 written, or nothing to migrate; 1 spec errors in either revision; 2 usage (an unknown revision, no git repository) or a D foundation did not write for a plan`,
    run: async (args, { io, backends }) => {
      const base = args.optional("base");
      if (base === undefined) throw new UsageError("migrate needs --base <git revision>: the spec that is deployed now");
      return (await import("./migrate-command.js")).migrateCommand({ base, spec: args.string("spec", "foundation.yaml"), dir: args.folder("dir", "migration"), backends }, io);
    },
  },
  ci: {
    summary: "write the CI workflow that checks, previews and deploys what a change affects",
    usage: ["PROVIDER [--spec F] [--out D] [--output W]"],
    description: [
      "Writes a GitHub Actions workflow: on a pull request, compile --check, the diff as a comment and a",
      "preview of each affected target; on a merge to main, the deploy of each affected target.",
    ],
    arguments: [{ name: "PROVIDER", help: "the CI system: github (GitHub Actions)" }],
    options: [
      { ...SPEC, help: "the spec the workflow compiles (default: foundation.yaml)" },
      { ...OUT, help: "the output folder the workflow checks and deploys (default: out)" },
      { name: "output", value: "W", help: "where to write the workflow (default: .github/workflows/foundation.yml)" },
    ],
    examples: [["ci github", "write .github/workflows/foundation.yml"]],
    exitCodes: "0 written or up to date, 1 a missing or unreadable spec, 2 usage",
    run: async (args, { io }) =>
      (await import("./ci-command.js")).ciCommand(
        {
          provider: args.positionals[0],
          spec: args.string("spec", "foundation.yaml"),
          out: args.folder("out", "out"),
          output: args.string("output", ".github/workflows/foundation.yml"),
        },
        io,
      ),
  },
  graph: {
    summary: "the platform as a picture: clusters, add-ons, services per environment, how each is deployed",
    usage: ["[--spec F] [--format mermaid|dot]"],
    description: [
      "Prints the clusters (provisioner, region, add-ons, Argo CD), the environments and services on each,",
      "how each service is deployed (kubectl, a Pulumi stack, Argo CD) and the StackReferences, as Mermaid",
      "or Graphviz dot. The output depends only on the spec's content, not on its order.",
    ],
    options: [SPEC, { name: "format", value: "mermaid|dot", help: "Mermaid (default) or Graphviz dot" }],
    examples: [
      ["graph", "Mermaid, for markdown"],
      ["graph --format dot", "for Graphviz: foundation graph --format dot | dot -Tsvg > platform.svg"],
    ],
    exitCodes: SPEC_ERRORS,
    run: async (args, { io }) =>
      (await import("./graph-command.js")).graphCommand({ spec: args.string("spec", "foundation.yaml"), format: args.choice("format", ["mermaid", "dot"] as const, "mermaid") }, io),
  },
  init: {
    summary: "start a repository: a commented starter spec, .gitignore and the CI workflow",
    usage: ["[--dir D]"],
    description: [
      "Writes D/foundation.yaml (one eksctl cluster, one service deployed with kubectl YAML, two",
      "environments; it compiles as it is), D/.gitignore and D/.github/workflows/foundation.yml, then",
      "prints the next steps. Writes nothing when one of those files exists.",
    ],
    options: [{ name: "dir", value: "D", help: "the repository's folder (default: the current folder)" }],
    examples: [
      ["init", "start here"],
      ["init --dir platform", "start in ./platform"],
    ],
    exitCodes: "0 written, 1 a file exists (nothing written), 2 usage",
    run: async (args, { io }) => (await import("./init-command.js")).initCommand(args.string("dir", "."), io),
  },
  import: {
    summary: "a spec from eksctl ClusterConfigs and kubectl manifests you run today",
    usage: ["--eksctl FILE... [--manifests DIR...] [--output F] [--allow-lossy]"],
    description: [
      "Each Deployment becomes a service, with the Service, ConfigMap, HorizontalPodAutoscaler, Ingress,",
      "ServiceAccount and PodDisruptionBudget that select its pods or refer to it; each namespace an",
      "environment. The spec is then compiled and compared with the inputs: every field it does not",
      "reproduce is listed as FILE:LINE:COL: PATH: MESSAGE. Inferred values are commented in the spec.",
    ],
    options: [
      { name: "eksctl", value: "FILE", many: true, help: "eksctl ClusterConfig files" },
      { name: "manifests", value: "DIR", many: true, help: "folders (searched recursively) or files of Kubernetes YAML" },
      { name: "output", value: "F", help: "write the spec to F, a new file (default: print it)" },
      { name: "allow-lossy", help: "write the spec even when input fields would be lost" },
    ],
    examples: [
      ["import --eksctl trantor.yaml --manifests k8s/prod k8s/rc --output foundation.yaml", "a spec from one cluster and two folders"],
      ["import --eksctl trantor.yaml --manifests k8s --allow-lossy", "print it even if something would be lost"],
    ],
    exitCodes: "0 imported, nothing lost; 1 input fields would be lost (nothing written without --allow-lossy) or the inputs give an invalid spec; 2 usage",
    run: async (args, { io, backends }) =>
      (await import("./import-command.js")).importCommand(
        {
          eksctl: args.list("eksctl"),
          manifests: args.list("manifests"),
          ...(args.optional("output") !== undefined ? { output: args.optional("output") as string } : {}),
          allowLossy: args.has("allow-lossy"),
          backends,
        },
        io,
      ),
  },
};
