/**
 * What the parent (`run-under-mocks.ts`) and the child (`mock-child.ts`) exchange: a request as JSON on
 * the child's stdin, a result as JSON on its stdout after `RESULT_MARKER`.
 */

/** One stack of a transpiled Pulumi project to run under Pulumi's mocks. */
export interface MockRequest {
  /** The transpiled CommonJS entry point (`.../index.js`). */
  readonly entry: string;
  /** The `node_modules` folder holding `@pulumi/pulumi` and the project's other packages. */
  readonly modules: string;
  readonly project: string;
  readonly stack: string;
  /** Full config keys (`<project>:<key>`, `aws:region`) to string values. */
  readonly config: Readonly<Record<string, string>>;
  /** Outputs of referenced stacks, by the StackReference's name (`org/project/stack`). */
  readonly stackOutputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Ids of resources the program reads that do not exist: reading one fails as the provider would. */
  readonly absent?: readonly string[];
}

/** One resource the program registered with the mocked engine. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  /** Inputs after output resolution: plain JSON, secrets unwrapped, undefined properties dropped. */
  readonly inputs: Record<string, unknown>;
  /** Name of the resource's explicit provider, if it has one. */
  readonly provider?: string;
  /** The id of an existing resource the program only reads (`Resource.get`), rather than creates. */
  readonly readId?: string;
}

/** What the child reports. */
export type MockResult =
  | { readonly ok: true; readonly resources: readonly RegisteredResource[] }
  | { readonly ok: false; readonly error: string };

/** Precedes the result on the child's stdout, so that anything a program prints cannot be mistaken for it. */
export const RESULT_MARKER = "\u0000foundation-mock-result\u0000";

/** The Auto Scaling group name the mocked EKS reports for a managed node group. */
export function mockAutoscalingGroupName(nodeGroupName: string): string {
  return `eks-${nodeGroupName}-asg`;
}
