import type { GeneratedFile } from "../backend.js";
import type { Model } from "../model/model.js";
import type { PulumiAppStack } from "../plan/pulumi-app-plan.js";

/** When a step runs, relative to merging the pull request and to the deploy CI runs on the merge. */
export type Phase = "before-merge" | "merge" | "after-deploy" | "last";

/** One step of a plan: what to do, where, and the script that does it, if any. */
export interface PlanStep {
  readonly phase: Phase;
  readonly title: string;
  /** The cluster, context or stack it acts on. */
  readonly where: string;
  /** The script to run, relative to the migration folder. */
  readonly script?: string;
  /** What the step does and why, as markdown paragraphs or list items. */
  readonly details: readonly string[];
}

/** One change that a plain deploy cannot do safely, and how to do it. */
export interface Migration {
  /** `dawn@prod`, `cluster trantor`. */
  readonly subject: string;
  /** One line: what changes. */
  readonly summary: string;
  readonly steps: readonly PlanStep[];
  /** Files the steps need, relative to the migration folder. */
  readonly files: readonly GeneratedFile[];
}

/** What planning knows besides the two models. */
export interface MigrationContext {
  /** The spec's file name, for the generated notice. */
  readonly specName: string;
  /** The command that regenerates the plan, for the generated notice. */
  readonly command: string;
  /** The migration folder as the user gave it, for the scripts' usage lines. */
  readonly dir: string;
  /** The base revision's label, for the plan's title. */
  readonly baseLabel: string;
  readonly base: Model;
  readonly head: Model;
  /** The Pulumi application stacks of each revision, as the backend registers them. */
  readonly baseStacks: readonly PulumiAppStack[];
  readonly headStacks: readonly PulumiAppStack[];
}
