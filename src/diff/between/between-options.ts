import type { Backend, GeneratedFile } from "../../backend.js";
import type { EksctlClusterPlan } from "../../plan/eksctl-plan.js";

/** Options of a comparison between backends. */
export interface BetweenOptions {
  /** The registered backends (the composition root's). */
  readonly backends: readonly Backend[];
  /** Only this service (applications). */
  readonly only?: string;
  /** Where to look for `@pulumi/*` first (default: the current folder). */
  readonly cwd?: string;
  /** How many child processes run stacks under mocks at once (applications; default 2). */
  readonly parallel?: number;
  /** Edits a side's generated files before they are compared (tests: a deliberately divergent side). */
  readonly adjust?: (side: string, files: GeneratedFile[]) => GeneratedFile[];
  /** Edits the eksctl backend's plan before it is compared (tests: a deliberately divergent side). */
  readonly adjustEksctlPlan?: (plan: EksctlClusterPlan) => EksctlClusterPlan;
}
