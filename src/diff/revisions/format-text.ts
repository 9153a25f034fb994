import { formatValue } from "../core/format-value.js";
import { PLAIN, type Palette } from "../core/palette.js";
import type { RevisionDiff, TargetChange } from "./revision-diff.js";

/** Said of a target whose objects stay the same while it moves to another tool or cluster. */
export const SAME_OBJECTS = "The Kubernetes objects stay the same; only where or with what they are deployed changes.";

/** The diff for a terminal or a log: warnings first, then each target's changes down to the field, then the files. */
export function formatText(diff: RevisionDiff, palette: Palette = PLAIN): string {
  const lines: string[] = [`foundation diff ${diff.base} -> ${diff.head}`];
  if (diff.targets.length === 0 && diff.warnings.length === 0) lines.push("", "no changes");
  if (diff.warnings.length > 0) {
    lines.push("", palette.red(palette.bold(`WARNING: ${diff.warnings.length} change${diff.warnings.length === 1 ? "" : "s"} replace or disrupt running resources, or need a manual step`)));
    for (const w of diff.warnings) lines.push(palette.red(`  ! ${w.severity.padEnd(7)} ${w.target}: ${w.message}`));
  }
  if (diff.targets.length > 0) {
    lines.push("", palette.bold("Changes"));
    for (const target of diff.targets) lines.push(...targetLines(target, palette));
  }
  const { added, removed, changed } = diff.files;
  if (added.length + removed.length + changed.length > 0) {
    lines.push("", palette.bold(`Files under out/: ${changed.length} changed, ${added.length} added, ${removed.length} removed`));
    for (const p of changed) lines.push(palette.yellow(`  ~ ${p}`));
    for (const p of added) lines.push(palette.green(`  + ${p}`));
    for (const p of removed) lines.push(palette.red(`  - ${p}`));
  }
  return `${lines.join("\n")}\n`;
}

function targetLines(target: TargetChange, palette: Palette): string[] {
  const color = target.change === "added" ? palette.green : target.change === "removed" ? palette.red : palette.yellow;
  const lines = [color(`  ${target.target} (${target.backend}): ${target.change}`)];
  if (target.objects.length === 0) lines.push(`    ${SAME_OBJECTS}`);
  for (const object of target.objects) {
    if (object.change === "added") lines.push(palette.green(`    + ${target.target} ${object.object}`));
    else if (object.change === "removed") lines.push(palette.red(`    - ${target.target} ${object.object}`));
    else {
      for (const field of object.fields) {
        lines.push(`    ${target.target} ${object.object} ${field.field} ${formatValue(field.before)} -> ${formatValue(field.after)}`);
      }
    }
  }
  return lines;
}
