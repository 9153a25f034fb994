import { topLevelUrn, type PulumiAppStack } from "../plan/pulumi-app-plan.js";

/** The name the import file's name table gives the stack's provider: no resource of a stack is named without a dash. */
export const PROVIDER_ENTRY = "provider";

/** One resource to import: the stack's resource and the live object's ID, `<namespace>/<name>`. */
export interface ImportEntry {
  readonly type: string;
  readonly name: string;
  readonly id: string;
}

/** The URN of a stack's Kubernetes provider. */
export function providerUrn(stack: PulumiAppStack): string {
  return topLevelUrn(stack.stack, stack.project, stack.provider.type, stack.provider.name);
}

/**
 * A `pulumi import --file` file: each resource with the type token and name the program registers it under
 * (no parent: the program registers every resource at the top of the stack), its ID, and the stack's explicit
 * provider, referenced through the name table by URN (the provider must be in the stack's state already:
 * Pulumi does not import providers).
 */
export function importFile(stack: PulumiAppStack, entries: readonly ImportEntry[]): string {
  const file = {
    nameTable: { [PROVIDER_ENTRY]: providerUrn(stack) },
    resources: entries.map((e) => ({ type: e.type, name: e.name, id: e.id, provider: PROVIDER_ENTRY })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
