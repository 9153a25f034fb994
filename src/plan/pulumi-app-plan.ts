/**
 * What the Pulumi application backend registers in one stack, as data: the Kubernetes resources with the
 * type tokens and names its program gives them, and the provider they go through. `foundation migrate`
 * reads it (through `Backend.pulumiAppStacks`) to write `pulumi import` files and release lists that match
 * the program resource for resource.
 */
export interface PulumiAppStack {
  /** `dawn-production`. */
  readonly stack: string;
  /** `<organization>/<project>/<stack>`. */
  readonly qualifiedStack: string;
  /** The Pulumi project, `<name>-deploy`. */
  readonly project: string;
  readonly service: string;
  readonly environment: string;
  readonly namespace: string;
  readonly cluster: string;
  /** The explicit Kubernetes provider every resource of the stack goes through. */
  readonly provider: { readonly type: string; readonly name: string };
  /** In the order the program registers them: the Secret reads first, then the objects it creates. */
  readonly resources: readonly PulumiAppResource[];
}

/** One Kubernetes resource of a stack. */
export interface PulumiAppResource {
  /** The Pulumi type token, `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  /** The Pulumi resource name, `dawn-deployment`. */
  readonly name: string;
  /** The Kubernetes kind and name of the object, `Deployment`, `dawn`. */
  readonly kind: string;
  readonly objectName: string;
  /** `read`: the program only reads it (a Secret kept outside git); `create`: the program creates and owns it. */
  readonly mode: "read" | "create";
}

/** The Pulumi type token of a Kubernetes object: `kubernetes:<group or core>/<version>:<kind>`. */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? (apiVersion.split("/") as [string, string]) : ["core", apiVersion];
  return `kubernetes:${group}/${version}:${kind}`;
}

/** The URN Pulumi gives a resource registered at the top of a stack (no parent but the stack itself). */
export function topLevelUrn(stack: string, project: string, type: string, name: string): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
