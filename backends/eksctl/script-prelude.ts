import type { Cluster } from "../../src/model/model.js";
import { AWS_PARTITION_PREFIXES } from "../../src/model/aws-partition.js";
import { AWS_REGION_NAME_MAX, kubeconfigContextName } from "../../src/model/names.js";
import { generatedHeader } from "../../src/render/header.js";
import { shellQuote } from "../../src/render/shell-quote.js";
import { shellToolCheck } from "../../src/render/shell-tool-check.js";

/** What every eksctl-cluster script starts with. */
export interface PreludeOptions {
  readonly specName: string;
  readonly cluster: Cluster;
  readonly file: string;
  /** What the script does, as comment lines. */
  readonly about: readonly string[];
  /** The commands the script runs, checked before anything else. */
  readonly tools: readonly string[];
}

/**
 * Shebang, generated notice, `set -euo pipefail`, the cluster's names as shell variables, the region
 * (`$1`, defaulting to the spec's) checked to look like an AWS region of the spec's region's partition (the
 * config's ARNs are that partition's), the kubeconfig context named for the
 * region the script works in (the model's name, so a run for another region never takes over the spec's
 * cluster's context), and the required tools checked.
 */
export function scriptPrelude({ specName, cluster, file, about, tools }: PreludeOptions): string {
  return `#!/usr/bin/env bash
${generatedHeader(specName, "#")}#
${about.map((line) => `# ${line}`.trimEnd()).join("\n")}
#
# Usage: ./${file} [region]    (region defaults to ${cluster.region})
set -euo pipefail

cluster=${shellQuote(cluster.name)}
spec_region=${shellQuote(cluster.region)}
region="\${1:-$spec_region}"

region_pattern='^[a-z]{2}(-[a-z]+)+-[0-9]$'
if [[ ! "$region" =~ $region_pattern ]] || ((\${#region} > ${AWS_REGION_NAME_MAX})); then
  echo "error: '$region' is not an AWS region such as $spec_region" >&2
  exit 2
fi
case "$region" in
${AWS_PARTITION_PREFIXES.map(([prefix, partition]) => `  ${prefix}*) partition=${partition} ;;`).join("\n")}
  *) partition=aws ;;
esac
if [[ "$partition" != ${shellQuote(cluster.partition)} ]]; then
  echo "error: $region is in AWS partition $partition, but the cluster's ARNs are in ${cluster.partition} (region $spec_region): change the region in foundation.yaml instead" >&2
  exit 2
fi
context="${kubeconfigContextName("$cluster", "$region")}"
${tools.length > 0 ? `\n${shellToolCheck(tools)}` : ""}`;
}

/** Writes the cluster's kubeconfig context under its fixed name, the one application deploys pin. */
export const UPDATE_KUBECONFIG = `aws eks update-kubeconfig --name "$cluster" --region "$region" --alias "$context"\n`;
