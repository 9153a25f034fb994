import { basename } from "node:path";
import type { BackendRegistry } from "../backend.js";
import { modelFromText } from "../compile/load-model.js";
import { diffApplications } from "../diff/between/between-applications.js";
import { diffClusters } from "../diff/between/between-clusters.js";
import { hasUnexplained, swapSides, type BetweenDiff } from "../diff/between/between-result.js";
import { formatBetweenMarkdown, formatBetweenText } from "../diff/between/format-between.js";
import { readSpec } from "../load/read-spec.js";
import { PulumiUnavailableError } from "../pulumi/run-under-mocks.js";
import { UsageError } from "./args.js";
import { printDiff, type DiffFormat } from "./print-diff.js";
import { reportProblems, type Io } from "./report.js";

export interface DiffBetweenOptions {
  readonly spec: string;
  /** `kubectl,pulumi` or `eksctl,pulumi`, in either order. */
  readonly between: string;
  readonly service?: string;
  readonly cluster?: string;
  readonly format: DiffFormat;
  readonly exitCode: boolean;
  readonly color: boolean;
  readonly backends: BackendRegistry;
}

const PAIRS = { applications: ["kubectl", "pulumi"], clusters: ["eksctl", "pulumi"] } as const;

/**
 * `foundation diff --between kubectl,pulumi [--service S]` and `--between eksctl,pulumi --cluster C`:
 * renders targets through both backends and prints whether they are equivalent, or how they differ.
 * Exits 1 with `--exit-code` when a difference is not explained or a target cannot be compared.
 */
export async function diffBetweenCommand(options: DiffBetweenOptions, io: Io): Promise<number> {
  const names = options.between.split(",").map((n) => n.trim());
  const pair = names.length === 2 ? (Object.entries(PAIRS).find(([, p]) => [...p].sort().join() === [...names].sort().join())?.[0] as keyof typeof PAIRS | undefined) : undefined;
  if (!pair) throw new UsageError(`--between takes kubectl,pulumi (services) or eksctl,pulumi (clusters), not "${options.between}"`);
  if (pair === "applications" && options.cluster !== undefined) throw new UsageError("--cluster goes with --between eksctl,pulumi; with kubectl,pulumi choose a service with --service");
  if (pair === "clusters" && options.service !== undefined) throw new UsageError("--service goes with --between kubectl,pulumi; with eksctl,pulumi choose a cluster with --cluster");
  if (pair === "clusters" && options.cluster === undefined) throw new UsageError("--between eksctl,pulumi needs --cluster <name>");

  const read = readSpec(options.spec);
  if (!read.ok) {
    reportProblems(io, [read.error]);
    return 1;
  }
  const file = basename(options.spec);
  const loaded = modelFromText(options.spec, read.text);
  if (!loaded.ok) {
    reportProblems(io, loaded.errors);
    return 1;
  }
  const model = loaded.model;
  if (options.service !== undefined && !model.services.some((s) => s.name === options.service)) {
    throw new UsageError(`no service "${options.service}" in ${options.spec}; it has ${model.services.map((s) => s.name).join(", ") || "none"}`);
  }
  if (options.cluster !== undefined && !model.clusters.some((c) => c.name === options.cluster)) {
    throw new UsageError(`no cluster "${options.cluster}" in ${options.spec}; it has ${model.clusters.map((c) => c.name).join(", ") || "none"}`);
  }

  const backends = await options.backends();
  let diff: BetweenDiff;
  try {
    diff =
      pair === "applications"
        ? await diffApplications(file, read.text, model, { backends, ...(options.service !== undefined ? { only: options.service } : {}) })
        : await diffClusters(file, read.text, options.cluster as string, { backends });
  } catch (e) {
    if (e instanceof PulumiUnavailableError) {
      io.err(`foundation: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (names[0] === "pulumi") diff = swapSides(diff);
  printDiff(io, options.format, diff, { markdown: formatBetweenMarkdown, text: formatBetweenText }, options.color);
  return options.exitCode && hasUnexplained(diff) ? 1 : 0;
}
