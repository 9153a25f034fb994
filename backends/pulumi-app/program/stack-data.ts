/**
 * The shape of one stack's data file, `stacks/<stack>.ts`: what foundation compiles for one service in one
 * environment. Free of Pulumi imports, so that foundation's compiler builds the same type.
 */

/**
 * How a stack reaches its service's cluster: the kubeconfig context the eksctl scripts write (pinned, so a
 * deploy never lands on whichever cluster is current), or the kubeconfig the cluster's provisioning stack exports.
 */
export type ClusterAccess =
  | { readonly provisioner: "eksctl"; readonly name: string; readonly kubeconfigContext: string }
  | { readonly provisioner: "pulumi"; readonly name: string; readonly stackReference: string };

/** The values a stack decides when it runs, and the objects they go into: the data file leaves them out. */
export interface DeployValues {
  /**
   * The container of the Deployment that runs `<repository>:<image_tag>` (stack config `image_tag`, set with
   * `pulumi config set image_tag v1.2.3`); that Deployment's replica count is the stack config `replicas`.
   */
  readonly image: { readonly deployment: string; readonly container: string; readonly repository: string };
  /** The ServiceAccount whose `annotation` holds the IAM role ARN the cluster's provisioning stack exports as `output`. */
  readonly roleArn?: { readonly serviceAccount: string; readonly annotation: string; readonly output: string };
}

/** One stack of the project: one service in one environment, and the Kubernetes objects it creates. */
export interface StackData<KubernetesObject> {
  readonly service: string;
  readonly environment: string;
  readonly cluster: ClusterAccess;
  readonly deployValues: DeployValues;
  /** The objects of the service's kubectl manifests, in the order kubectl applies them, without the deploy values. */
  readonly objects: readonly KubernetesObject[];
}
