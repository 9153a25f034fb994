import { existsSync, writeFileSync } from "node:fs";
import type { BackendRegistry } from "../backend.js";
import { importSpec } from "../import/import-spec.js";
import { formatLossy } from "../import/input-objects.js";
import { UsageError } from "./args.js";
import type { Io } from "./report.js";

export interface ImportOptions {
  readonly eksctl: readonly string[];
  readonly manifests: readonly string[];
  readonly output?: string;
  readonly allowLossy: boolean;
  readonly backends: BackendRegistry;
}

const fields = (n: number) => `${n} field${n === 1 ? "" : "s"}`;

/** `foundation import`: prints or writes the spec; exit 1 when an input field would be lost, unless allowed. */
export async function importCommand(options: ImportOptions, io: Io): Promise<number> {
  if (options.eksctl.length === 0) throw new UsageError("import needs --eksctl FILE...: the ClusterConfig of each cluster");
  for (const path of [...options.eksctl, ...options.manifests]) {
    if (!existsSync(path)) throw new UsageError(`${path} does not exist`);
  }
  if (options.output !== undefined && existsSync(options.output)) throw new UsageError(`${options.output} exists; import writes only a new file`);
  const result = importSpec(options.eksctl, options.manifests, await options.backends(), options.output ?? "foundation.yaml");
  for (const p of result.problems) io.err(`${p.file}:${p.position.line}:${p.position.col}: ${p.message}`);
  if (result.errors.length > 0) {
    for (const e of result.errors) io.err(e);
    io.err("the inputs give a spec that does not validate; nothing was written");
    return 1;
  }
  for (const field of result.lossy) io.err(formatLossy(field));
  const lost = result.lossy.length > 0 || result.problems.length > 0;
  if (lost && !options.allowLossy) {
    io.err(`${fields(result.lossy.length)} of the inputs would be lost; nothing was written (--allow-lossy writes the spec anyway)`);
    return 1;
  }
  if (options.output === undefined) io.out(result.text.trimEnd());
  else {
    writeFileSync(options.output, result.text, { flag: "wx" });
    io.err(`wrote ${options.output}${lost ? ` (${fields(result.lossy.length)} of the inputs not represented, listed above)` : ""}`);
  }
  return 0;
}
