import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { githubWorkflow } from "../ci/github-workflow.js";
import { UsageError } from "./args.js";
import { readSpec } from "../load/read-spec.js";
import { reportProblems, type Io } from "./report.js";

export interface CiOptions {
  readonly provider: string | undefined;
  readonly spec: string;
  readonly out: string;
  readonly output: string;
}

/** A path as the workflow sees it: relative to the repository root (the current folder), when it is inside. */
function inRepository(path: string): string | undefined {
  const rel = relative(process.cwd(), resolve(path)).split("\\").join("/");
  return rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel) ? undefined : rel;
}

/** `foundation ci github`: writes the pull-request workflow (only when its content changes) for a spec that exists. */
export function ciCommand(options: CiOptions, io: Io): number {
  if (options.provider !== "github") throw new UsageError(`ci supports github, not ${options.provider === undefined ? "nothing" : `"${options.provider}"`}`);
  for (const [flag, value] of [["--spec", options.spec], ["--out", options.out]] as const) {
    // GitHub substitutes ${{ }} expressions before any shell or quoting sees the line.
    if (value.includes("${{")) throw new UsageError(`${flag} may not contain "\${{": GitHub Actions would evaluate it as an expression`);
  }
  const spec = readSpec(options.spec);
  if (!spec.ok) {
    reportProblems(io, [spec.error]);
    return 1;
  }
  const content = githubWorkflow(
    { spec: inRepository(options.spec) ?? options.spec, out: inRepository(options.out) ?? options.out, workflow: inRepository(options.output) ?? ".github/workflows/foundation.yml" },
    basename(options.spec),
  );
  let current: string | undefined;
  try {
    current = readFileSync(options.output, "utf8");
  } catch {
    current = undefined;
  }
  if (current === content) {
    io.out(`${options.output} is up to date`);
    return 0;
  }
  mkdirSync(dirname(options.output), { recursive: true });
  const aside = join(dirname(options.output), `.${basename(options.output)}.foundation-tmp`);
  writeFileSync(aside, content);
  renameSync(aside, options.output);
  io.out(`wrote ${options.output}`);
  return 0;
}
