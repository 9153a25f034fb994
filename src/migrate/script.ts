import type { Cluster } from "../model/model.js";
import { generatedNotice } from "../render/header.js";
import { shellQuote } from "../render/shell-quote.js";
import { shellToolCheck } from "../render/shell-tool-check.js";
import type { MigrationContext } from "./migration.js";

/** What every migration script starts with. */
export interface ScriptOptions {
  /** The script's path under the migration folder, for its usage line. */
  readonly path: string;
  /** What the script does, as comment lines. */
  readonly about: readonly string[];
  /** The commands the script runs, checked before anything else. */
  readonly tools: readonly string[];
  /** Shell variables, assigned in order (values are shell-quoted). */
  readonly vars: readonly (readonly [string, string])[];
  /** Shell arrays, assigned after the variables (values are shell-quoted). */
  readonly arrays?: readonly (readonly [string, readonly string[]])[];
  /** Whether the script reads files beside it (through `$here`). */
  readonly here?: boolean;
  /** Whether the script reads the compiled output folder (through `$out`). */
  readonly out?: boolean;
}

/**
 * Shebang, generated notice, `set -euo pipefail`, the script's own folder (`$here`, when it needs it), the output folder
 * (`$out`, `$FOUNDATION_OUT` or `out`, relative to where it runs: the repository's root), the spec's values
 * as quoted shell variables, and the tools checked.
 */
export function scriptPrelude(context: MigrationContext, options: ScriptOptions): string {
  const vars = options.vars.map(([name, value]) => `${name}=${shellQuote(value)}\n`).join("");
  const arrays = (options.arrays ?? []).map(([name, values]) => `${name}=(${values.map(shellQuote).join(" ")})\n`).join("");
  return `#!/usr/bin/env bash
# ${oneLine(generatedNotice(context.specName, context.command))}
#
${options.about.map((line) => `# ${line}`.trimEnd()).join("\n")}
#
# Usage: ${oneLine(`${context.dir}/${options.path}`)}   (from the repository's root${options.out ? "; FOUNDATION_OUT names the output folder if it is not out" : ""})
set -euo pipefail

${options.here ? `here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"\n` : ""}${options.out ? `out="\${FOUNDATION_OUT:-out}"\n` : ""}${vars}${arrays}
${shellToolCheck(options.tools)}`;
}

/** Text for a comment line: a control character (a newline in a folder name) would end the comment and start a command. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, "?");
}

/** Stops with a message on stderr. */
export const FAIL = `fail() {
  echo "error: $*" >&2
  exit 1
}
`;

/** How to get a cluster's kubeconfig context under the name foundation pins, as a shell command line. */
export function contextHint(cluster: Cluster): string {
  if (cluster.provisioner === "eksctl") {
    return `aws eks update-kubeconfig --name ${shellQuote(cluster.name)} --region ${shellQuote(cluster.region)} --alias ${shellQuote(cluster.kubeconfigContext)}`;
  }
  return `pulumi stack output kubeconfig --show-secrets --stack ${shellQuote(cluster.stackReference ?? "")} > kubeconfig.yaml, then merge it into your kubeconfig with its context renamed ${cluster.kubeconfigContext}`;
}

/**
 * Fails unless the kubeconfig context `$<variable>` exists, saying how to create it. The check reads the
 * kubeconfig only: it never contacts the cluster, so it never depends on which context is current.
 */
export function requireContext(variable: string, cluster: Cluster): string {
  return `kubectl config get-contexts "$${variable}" >/dev/null 2>&1 ||
  fail "no kubeconfig context named $${variable} (cluster "${shellQuote(cluster.name)}"); create it first: "${shellQuote(contextHint(cluster))}
`;
}

/**
 * Sets the array `absent` to the objects of the array `objects` (\`kind.group/name\`, as \`kubectl get -o name\`
 * prints them) that are not in \`$namespace\` through \`$context\`, with one \`kubectl get\` for all of them.
 */
export function findAbsent(objects = "objects", context = "context", namespace = "namespace"): string {
  return `found="$(kubectl --context "$${context}" --namespace "$${namespace}" get "\${${objects}[@]}" -o name --ignore-not-found)"
absent=()
for object in "\${${objects}[@]}"; do
  [[ $'\\n'"$found"$'\\n' == *$'\\n'"$object"$'\\n'* ]] || absent+=("$object")
done
`;
}
