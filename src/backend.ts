import type { Model } from "./model/model.js";
import type { EksctlClusterPlan } from "./plan/eksctl-plan.js";
import type { PulumiAppStack } from "./plan/pulumi-app-plan.js";

/** One file a backend generates, relative to the output folder, with `/` separators. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
  /** Written with mode 0755 (scripts). */
  readonly executable?: boolean;
}

/** What a backend knows besides the model. */
export interface BackendContext {
  /** File name of the spec, for the "generated from" notice. */
  readonly specName: string;
}

/**
 * The plugin contract: a backend is a pure function from the resolved model to files. It never
 * writes, never reads the spec, and never imports another backend.
 */
export interface Backend {
  readonly name: string;
  generate(model: Model, context: BackendContext): GeneratedFile[];
  /**
   * A backend that provisions clusters with eksctl: what it does for each of the model's eksctl clusters,
   * as data (the same plan its files are rendered from). `foundation diff --between eksctl,pulumi` reads it.
   */
  eksctlPlan?(model: Model): readonly EksctlClusterPlan[];
  /**
   * A backend that deploys services as Pulumi stacks: the Kubernetes resources each stack registers, as its
   * program names them. `foundation migrate` reads it to import objects into a stack and release them from one.
   */
  pulumiAppStacks?(model: Model): readonly PulumiAppStack[];
}

/**
 * The registered backends, loaded on first use (a no-op compile never loads them). The composition root
 * (`app/foundation.ts`) supplies it; nothing under `src/` imports `backends/`.
 */
export type BackendRegistry = () => Promise<readonly Backend[]>;
