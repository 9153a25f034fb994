import { generatedNotice } from "../render/header.js";
import type { Migration, MigrationContext, Phase, PlanStep } from "./migration.js";

const PHASES: readonly { readonly phase: Phase; readonly title: string; readonly intro: string }[] = [
  {
    phase: "before-merge",
    title: "Before merging the pull request",
    intro: "On the pull request's branch, after `foundation compile` (the scripts read the new `out/`), from the repository's root.",
  },
  { phase: "merge", title: "Merge the pull request", intro: "CI deploys what changed, infrastructure first. Watch its run." },
  { phase: "after-deploy", title: "After CI's deploy", intro: "Once every deploy job of the merge succeeded." },
  { phase: "last", title: "Last", intro: "Only when everything above is done: the steps that remove things, each by name." },
];

/**
 * PLAN.md: what changes, then every step of every migration in order, grouped by when it runs relative to
 * merging the pull request and CI's deploy, each saying where it acts and which script does it.
 */
export function planMarkdown(context: MigrationContext, migrations: readonly Migration[]): string {
  const lines: string[] = [
    `<!-- ${generatedNotice(context.specName, context.command)} -->`,
    "",
    `# Migration plan: ${context.baseLabel} -> ${context.specName}`,
    "",
    "A plain deploy cannot make these changes safely:",
    "",
    ...migrations.map((m) => `- **${m.subject}** ${m.summary}.`),
    "",
    "Every script checks its preconditions (tools, kube context, the objects it expects) before it changes anything,",
    "stops at the first error (`set -euo pipefail`), and can be run again: it skips what is done. No step deletes a",
    "Namespace or a folder of manifests; every delete names its objects. Delete this folder once the plan is done.",
  ];
  let n = 0;
  for (const { phase, title, intro } of PHASES) {
    const steps = migrations.flatMap((m) => m.steps.filter((s) => s.phase === phase));
    if (steps.length === 0) continue;
    lines.push("", `## ${title}`, "", intro);
    for (const step of steps) lines.push("", ...stepLines(++n, step, context.dir));
  }
  return `${lines.join("\n")}\n`;
}

function stepLines(n: number, step: PlanStep, dir: string): string[] {
  return [
    `### ${n}. ${step.title}`,
    "",
    `Where: ${step.where}.`,
    ...(step.script ? ["", "```sh", `${dir}/${step.script}`, "```"] : []),
    "",
    ...step.details.map((d) => `- ${d}`),
  ];
}
