import { basename } from "node:path";
import { readFileSync } from "node:fs";
import { generate } from "../compile/generate.js";
import { modelFromText } from "../compile/load-model.js";
import { formatMarkdown } from "../diff/format-markdown.js";
import { COLORS, formatText, PLAIN } from "../diff/format-text.js";
import { diffRevisions, hasChanges, type Revision } from "../diff/revision-diff.js";
import type { LocatedError } from "../errors/spec-error.js";
import { GitSourceError, readAtRevision } from "../load/git-source.js";
import type { Model } from "../model/model.js";
import { UsageError } from "./args.js";
import { reportProblems, type Io } from "./report.js";

export type DiffFormat = "text" | "markdown" | "json";

export interface DiffOptions {
  readonly spec: string;
  readonly base?: string;
  readonly baseSpec?: string;
  readonly format: DiffFormat;
  readonly exitCode: boolean;
  readonly color: boolean;
}

const EMPTY_MODEL: Model = {
  project: { name: "", organization: "", provisioningProject: "", deployProject: "" },
  environments: [],
  clusters: [],
  services: [],
};

/** `foundation diff --base REF | --base-spec F`: what the working spec changes, per target, down to the field. */
export function diffCommand(options: DiffOptions, io: Io): number {
  if ((options.base === undefined) === (options.baseSpec === undefined)) {
    throw new UsageError("diff needs exactly one of --base <git-ref> or --base-spec <file> (or --between)");
  }
  let baseText: string | undefined;
  let baseLabel: string;
  try {
    if (options.base !== undefined) {
      baseText = readAtRevision(options.spec, options.base);
      baseLabel = `${options.base}:${basename(options.spec)}`;
    } else {
      baseText = readFileSync(options.baseSpec as string, "utf8");
      baseLabel = options.baseSpec as string;
    }
  } catch (e) {
    if (e instanceof GitSourceError) throw new UsageError(e.message);
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new UsageError(`cannot read ${options.baseSpec}: no such file`);
    throw e;
  }
  const head = revision(options.spec, safeRead(options.spec), options.spec);
  const base = baseText === undefined ? { ok: true as const, revision: { label: `${baseLabel} (absent)`, model: EMPTY_MODEL, files: [] } } : revision(baseLabel, baseText, options.spec);
  const problems = [...(base.ok ? [] : base.errors), ...(head.ok ? [] : head.errors)];
  if (!base.ok || !head.ok) {
    reportProblems(io, problems);
    return 1;
  }
  const diff = diffRevisions(base.revision, head.revision);
  if (options.format === "json") io.out(JSON.stringify({ version: 1, ...diff }, null, 2));
  else if (options.format === "markdown") io.out(formatMarkdown(diff).replace(/\n$/, ""));
  else io.out(formatText(diff, options.color ? COLORS : PLAIN).replace(/\n$/, ""));
  return options.exitCode && hasChanges(diff) ? 1 : 0;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read the spec ${file}`);
  }
}

function revision(label: string, text: string, specPath: string): { ok: true; revision: Revision } | { ok: false; errors: readonly LocatedError[] } {
  const result = modelFromText(label, text);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, revision: { label, model: result.model, files: generate(result.model, basename(specPath)) } };
}
