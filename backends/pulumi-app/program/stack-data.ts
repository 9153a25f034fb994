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
   * `pulumi config set image_tag v1.2.3`).
   */
  readonly image: { readonly deployment: string; readonly container: string; readonly repository: string };
  /**
   * Whether that Deployment's replica count is the stack config `replicas`. False when a HorizontalPodAutoscaler
   * owns the scale: the Deployment then sets no replica count, so a deploy never resets what the HPA chose.
   */
  readonly replicas: boolean;
  /**
   * The ServiceAccount whose `annotation` holds the IAM role ARN the cluster's provisioning stack exports as
   * `output`; the Deployment's pod template holds it too, as `podAnnotation`, so that a new role rolls the pods.
   */
  readonly roleArn?: { readonly serviceAccount: string; readonly annotation: string; readonly podAnnotation: string; readonly output: string };
}

/** One stack of the project: one service in one environment, and the Kubernetes objects it creates. */
export interface StackData<KubernetesObject> {
  readonly service: string;
  readonly environment: string;
  /** The environment's namespace on the cluster, which the cluster's provisioning creates. */
  readonly namespace: string;
  readonly cluster: ClusterAccess;
  readonly deployValues: DeployValues;
  /**
   * The Secrets (kept outside git) the pods read: the stack reads each before its Deployment, so a missing one
   * fails the preview or update at once, naming it, instead of pods stuck in CreateContainerConfigError.
   */
  readonly secrets: readonly string[];
  /** The objects of the service's kubectl manifests, in the order kubectl applies them, without the deploy values. */
  readonly objects: readonly KubernetesObject[];
}
