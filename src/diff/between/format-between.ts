import type { BetweenDiff, BetweenDifference, BetweenTarget } from "./between-result.js";
import { formatValue } from "../core/format-value.js";
import { cell, code } from "../core/markdown.js";
import { PLAIN, type Palette } from "../core/palette.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `trantor: 13 differences, all explained`: the one-line verdict on a target. */
export function verdict(target: BetweenTarget): string {
  const unexplained = target.differences.filter((d) => d.explanation === undefined).length;
  switch (target.status) {
    case "equivalent":
      return `equivalent (${plural(target.objects, "object")})`;
    case "explained":
      return `${plural(target.differences.length, "difference")}, all explained (${plural(target.objects, "object")})`;
    case "different":
      return `${plural(target.differences.length, "difference")}, ${unexplained} not explained (${plural(target.objects, "object")})`;
    case "invalid":
      return "cannot be compared";
  }
}

/** The differences grouped by explanation: unexplained ones first, then each explanation in order of first appearance. */
function grouped(differences: readonly BetweenDifference[]): [string | undefined, BetweenDifference[]][] {
  const groups = new Map<string | undefined, BetweenDifference[]>();
  const unexplained = differences.filter((d) => d.explanation === undefined);
  if (unexplained.length > 0) groups.set(undefined, unexplained);
  for (const d of differences.filter((x) => x.explanation !== undefined)) groups.set(d.explanation, [...(groups.get(d.explanation) ?? []), d]);
  return [...groups.entries()];
}

function header(diff: BetweenDiff): string {
  const only = diff.only === undefined ? "" : ` --${diff.left === "kubectl" || diff.right === "kubectl" ? "service" : "cluster"} ${diff.only}`;
  return `foundation diff --between ${diff.left},${diff.right}${only} (${diff.spec})`;
}

/** The comparison for a terminal or a log: a verdict per target, its differences grouped under their explanation, then how each side reaches the cluster. */
export function formatBetweenText(diff: BetweenDiff, palette: Palette = PLAIN): string {
  const lines = [header(diff), ""];
  for (const target of diff.targets) {
    const color = target.status === "equivalent" ? palette.green : target.status === "explained" ? palette.yellow : palette.red;
    lines.push(color(`  ${target.target}: ${verdict(target)}`));
    if (target.message) lines.push(palette.red(`    ! ${target.message}`));
    for (const [explanation, differences] of grouped(target.differences)) {
      lines.push(explanation === undefined ? palette.red(palette.bold("    NOT EXPLAINED:")) : `    explained: ${explanation}`);
      for (const d of differences) {
        const line = `      ${d.object} ${d.field}: ${diff.left} ${formatValue(d.left)}, ${diff.right} ${formatValue(d.right)}`;
        lines.push(explanation === undefined ? palette.red(line) : line);
      }
    }
    for (const note of target.notes) lines.push(`    via ${note}`);
  }
  const count = (status: BetweenTarget["status"]) => diff.targets.filter((t) => t.status === status).length;
  const summary = [
    `${count("equivalent")} equivalent`,
    `${count("explained")} with explained differences only`,
    `${count("different")} with unexplained differences`,
    ...(count("invalid") > 0 ? [`${count("invalid")} that cannot be compared`] : []),
  ];
  lines.push("", palette.bold(`${plural(diff.targets.length, "target")}: ${summary.join(", ")}`));
  return `${lines.join("\n")}\n`;
}



/** The comparison as a pull-request comment: a summary table, then each target's differences in a folded table. */
export function formatBetweenMarkdown(diff: BetweenDiff): string {
  const out = [`### ${header(diff).replace(/^foundation diff --between (\S+)/, "foundation diff --between `$1`")}`, "", "| target | result |", "| --- | --- |"];
  for (const t of diff.targets) out.push(`| \`${t.target}\` | ${t.status === "different" || t.status === "invalid" ? "❌ " : t.status === "explained" ? "ℹ️ " : "✅ "}${cell(verdict(t))} |`);
  out.push("");
  for (const t of diff.targets) {
    if (t.status === "equivalent") continue;
    out.push(`<details${t.status === "different" || t.status === "invalid" ? " open" : ""}><summary><code>${t.target}</code>: ${cell(verdict(t))}</summary>`, "");
    if (t.message) out.push(cell(t.message), "");
    if (t.differences.length > 0) {
      out.push(`| object | field | ${diff.left} | ${diff.right} | explanation |`, "| --- | --- | --- | --- | --- |");
      for (const d of t.differences) {
        out.push(`| ${d.object} | \`${cell(d.field)}\` | ${code(d.left)} | ${code(d.right)} | ${d.explanation ? cell(d.explanation) : "**not explained**"} |`);
      }
      out.push("");
    }
    out.push("</details>", "");
  }
  return out.join("\n");
}
