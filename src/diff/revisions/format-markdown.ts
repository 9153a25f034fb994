import { markdownPicture } from "../../graph/markdown-picture.js";
import type { Model } from "../../model/model.js";
import { cell, code } from "../core/markdown.js";
import { SAME_OBJECTS } from "./format-text.js";
import type { RevisionDiff } from "./revision-diff.js";

/**
 * The diff as a pull-request comment: a summary table first, warnings, then each target's details folded;
 * given the model after the change, the platform's picture with the changed targets highlighted.
 */
export function formatMarkdown(diff: RevisionDiff, head?: Model): string {
  const out: string[] = [`### foundation diff \`${diff.base}\` → \`${diff.head}\``, ""];
  if (diff.targets.length === 0 && diff.warnings.length === 0) {
    out.push("No changes.", "");
    return out.join("\n");
  }
  if (diff.warnings.length > 0) {
    out.push("> [!WARNING]", `> ${diff.warnings.length} change${diff.warnings.length === 1 ? "" : "s"} replace or disrupt running resources, or need a manual step:`);
    for (const w of diff.warnings) out.push(`> - **${w.severity}** \`${w.target}\`: ${cell(w.message)}`);
    out.push("");
  }
  out.push("| target | backend | change | objects |", "| --- | --- | --- | --- |");
  for (const t of diff.targets) {
    const warned = diff.warnings.some((w) => w.target === t.target) ? " ⚠️" : "";
    out.push(`| \`${t.target}\`${warned} | ${t.backend} | ${t.change} | ${t.objects.map((o) => `${o.object} (${o.change})`).join(", ") || "—"} |`);
  }
  out.push("");
  if (head) out.push(...markdownPicture(head, diff.targets.filter((t) => t.change !== "removed").map((t) => t.target)));
  for (const t of diff.targets) {
    out.push(`<details><summary><code>${t.target}</code> (${t.backend}): ${t.change}</summary>`, "");
    if (t.objects.length === 0) {
      out.push(SAME_OBJECTS, "", "</details>", "");
      continue;
    }
    out.push("| object | field | before | after |", "| --- | --- | --- | --- |");
    for (const o of t.objects) {
      if (o.change !== "changed") out.push(`| ${o.object} | (${o.change}) | | |`);
      for (const f of o.fields) out.push(`| ${o.object} | \`${f.field}\` | ${code(f.before)} | ${code(f.after)} |`);
    }
    out.push("", "</details>", "");
  }
  const { added, removed, changed } = diff.files;
  out.push(`<details><summary>Files under <code>out/</code>: ${changed.length} changed, ${added.length} added, ${removed.length} removed</summary>`, "");
  for (const p of changed) out.push(`- \`${p}\` (changed)`);
  for (const p of added) out.push(`- \`${p}\` (added)`);
  for (const p of removed) out.push(`- \`${p}\` (removed)`);
  out.push("", "</details>", "");
  return out.join("\n");
}
