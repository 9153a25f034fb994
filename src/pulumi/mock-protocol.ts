/**
 * What the parent (`run-under-mocks.ts`) and the child (`mock-child.ts`) exchange: a request as JSON on
 * the child's stdin, a result as JSON on its stdout after `RESULT_MARKER`.
 */

/** One run of one stack. */
export interface StackRunRequest {
  /** The project's folder, holding its TypeScript as generated (`index.ts`, ...) and a `node_modules` link to `modules`. */
  readonly dir: string;
  readonly project: string;
  readonly stack: string;
  /** Full config keys (`<project>:<key>`, `aws:region`) to string values. */
  readonly config: Readonly<Record<string, string>>;
  /** Outputs of referenced stacks, by the StackReference's name (`org/project/stack`). */
  readonly stackOutputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Ids of resources the program reads that do not exist: reading one fails as the provider would. */
  readonly absent?: readonly string[];
}

/** Stacks of generated Pulumi projects to run under Pulumi's mocks, one after the other in one process. */
export interface MockRequest {
  /** The `node_modules` folder holding `@pulumi/pulumi` and the projects' other packages. */
  readonly modules: string;
  /**
   * Load the program as `pulumi up` does: through Pulumi's ts-node, type-checking each module it loads.
   * Otherwise each module is transpiled only.
   */
  readonly typeCheck: boolean;
  readonly runs: readonly StackRunRequest[];
}

/** One resource the program registered with the mocked engine. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  /** Inputs after output resolution: plain JSON, secrets unwrapped, undefined properties dropped. */
  readonly inputs: Record<string, unknown>;
  /** Name of the resource's explicit provider, if it has one. */
  readonly provider?: string;
  /** Set with the `retainOnDelete` option: Pulumi drops it from the stack without deleting it. */
  readonly retainOnDelete?: true;
  /** Set with the `deleteBeforeReplace` option: a replacement deletes the old resource before creating the new one. */
  readonly deleteBeforeReplace?: true;
  /** The resources it waits for (`dependsOn` and those whose outputs it takes), as `type::name`, sorted. */
  readonly dependsOn?: readonly string[];
  /** The inputs (top-level keys) that are secrets. */
  readonly secrets?: readonly string[];
  /** The id of an existing resource the program only reads (`Resource.get`), rather than creates. */
  readonly readId?: string;
}

/** What one stack did under the mocks. */
export interface StackRunResult {
  readonly resources: readonly RegisteredResource[];
  /** The stack's outputs, resolved, secrets unwrapped. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Names of the outputs that are secrets. */
  readonly secretOutputs: readonly string[];
}

/** What the child reports: one result per run, in order. */
export type MockResult =
  | { readonly ok: true; readonly runs: readonly ({ readonly ok: true; readonly run: StackRunResult } | { readonly ok: false; readonly error: string })[] }
  | { readonly ok: false; readonly error: string };

/** Precedes the result on the child's stdout, so that anything a program prints cannot be mistaken for it. */
export const RESULT_MARKER = "\u0000foundation-mock-result\u0000";

/** The Auto Scaling group name the mocked EKS reports for a managed node group (by its name or its name prefix). */
export function mockAutoscalingGroupName(nodeGroupName: string): string {
  return `eks-${nodeGroupName.replace(/-$/, "")}-asg`;
}
