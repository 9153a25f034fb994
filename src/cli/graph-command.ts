import { basename } from "node:path";
import { modelFromFile } from "../compile/load-model.js";
import { renderDot } from "../graph/render-dot.js";
import { renderMermaid } from "../graph/render-mermaid.js";
import { generatedNotice } from "../render/header.js";
import { UsageError } from "./args.js";
import { reportProblems, type Io } from "./report.js";

export const GRAPH_FORMATS = ["mermaid", "dot"] as const;

/** `foundation graph [--format mermaid|dot]`: the platform as a picture, on standard output. */
export function graphCommand(options: { readonly spec: string; readonly format: string }, io: Io): number {
  if (!(GRAPH_FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`--format must be mermaid or dot, not "${options.format}"`);
  const result = modelFromFile(options.spec);
  if (!result.ok) {
    reportProblems(io, result.errors);
    return 1;
  }
  reportProblems(io, result.warnings);
  const notice = generatedNotice(basename(options.spec), "foundation graph");
  const text = options.format === "dot" ? `// ${notice}\n${renderDot(result.model)}` : `%% ${notice}\n${renderMermaid(result.model)}`;
  io.out(text.replace(/\n$/, ""));
  return 0;
}
