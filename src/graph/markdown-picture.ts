import type { Model } from "../model/model.js";
import { renderMermaid } from "./render-mermaid.js";

/** The Mermaid picture of the platform as markdown lines, folded, with the given targets highlighted. */
export function markdownPicture(model: Model, affected: Iterable<string>): string[] {
  return [
    "<details><summary>The platform after this change (changed targets highlighted)</summary>",
    "",
    "```mermaid",
    renderMermaid(model, new Set(affected)).trimEnd(),
    "```",
    "",
    "</details>",
    "",
  ];
}
