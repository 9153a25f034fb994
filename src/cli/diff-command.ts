import { basename } from "node:path";
import type { Backend, BackendRegistry } from "../backend.js";
import { generate } from "../compile/generate.js";
import { modelFromText } from "../compile/load-model.js";
import { formatMarkdown } from "../diff/revisions/format-markdown.js";
import { formatText } from "../diff/revisions/format-text.js";
import { diffRevisions, hasChanges, type Revision } from "../diff/revisions/revision-diff.js";
import { printDiff, type DiffFormat } from "./print-diff.js";
import type { LocatedError } from "../errors/spec-error.js";
import { GitSourceError, readAtRevision } from "../load/git-source.js";
import { readSpec } from "../load/read-spec.js";
import type { Model } from "../model/model.js";
import { UsageError } from "./args.js";
import { reportProblems, type Io } from "./report.js";

export interface DiffOptions {
  readonly spec: string;
  readonly base?: string;
  readonly baseSpec?: string;
  readonly format: DiffFormat;
  readonly exitCode: boolean;
  readonly color: boolean;
  readonly backends: BackendRegistry;
}

const EMPTY_MODEL: Model = {
  project: { name: "", organization: "", provisioningProject: "", deployProject: "" },
  environments: [],
  clusters: [],
  services: [],
};

type Side = { ok: true; revision: Revision } | { ok: false; errors: readonly LocatedError[] };

/** `foundation diff --base REF | --base-spec F`: what the working spec changes, per target, down to the field. */
export async function diffCommand(options: DiffOptions, io: Io): Promise<number> {
  if ((options.base === undefined) === (options.baseSpec === undefined)) {
    throw new UsageError("diff needs exactly one of --base <git-ref> or --base-spec <file> (or --between)");
  }
  const headText = readSpec(options.spec);
  if (!headText.ok && options.base !== undefined) {
    reportProblems(io, [headText.error]);
    return 1;
  }
  const backends = await options.backends();
  let base: Side;
  if (options.base !== undefined) {
    let text: string | undefined;
    try {
      text = readAtRevision(options.spec, options.base);
    } catch (e) {
      if (e instanceof GitSourceError) throw new UsageError(e.message);
      throw e;
    }
    const label = `${options.base}:${basename(options.spec)}`;
    base = text === undefined ? { ok: true, revision: { label: `${label} (absent)`, model: EMPTY_MODEL, files: [] } } : revision(label, text, options.spec, backends);
  } else {
    const label = options.baseSpec as string;
    const read = readSpec(label);
    base = read.ok ? revision(label, read.text, options.spec, backends) : { ok: false, errors: [read.error] };
  }
  const head: Side = headText.ok ? revision(options.spec, headText.text, options.spec, backends) : { ok: false, errors: [headText.error] };
  if (!base.ok || !head.ok) {
    reportProblems(io, [...(base.ok ? [] : base.errors), ...(head.ok ? [] : head.errors)]);
    return 1;
  }
  const diff = diffRevisions(base.revision, head.revision);
  printDiff(io, options.format, diff, { markdown: (d) => formatMarkdown(d, head.revision.model), text: (d, palette) => formatText(d, palette) }, options.color);
  return options.exitCode && hasChanges(diff) ? 1 : 0;
}

function revision(label: string, text: string, specPath: string, backends: readonly Backend[]): Side {
  const result = modelFromText(label, text);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, revision: { label, model: result.model, files: generate(result.model, basename(specPath), backends) } };
}
