import { buildObjects, type KubernetesObject } from "../../src/k8s/objects.js";
import { ROLE_ARN_ANNOTATION } from "../../src/k8s/service-account.js";
import type { Project, ServiceInstance } from "../../src/model/model.js";
import { tsLiteral, TsExpression } from "../../src/render/typescript.js";

/** The property of the program's `ServiceObjects` interface each kind is stored in, in creation order. */
export const OBJECT_PROPERTIES = {
  ServiceAccount: "serviceAccount",
  ConfigMap: "configMap",
  Deployment: "deployment",
  Service: "service",
  HorizontalPodAutoscaler: "horizontalPodAutoscaler",
  PodDisruptionBudget: "podDisruptionBudget",
  Ingress: "ingress",
} as const satisfies Record<KubernetesObject["kind"], string>;

/** Names of the values a stack's `objects` function receives at deploy time. */
export const INPUT = { imageTag: "imageTag", replicas: "replicas", provisioningOutput: "provisioningOutput" } as const;

/** What a stack's objects need at deploy time, besides the compiled data. */
export interface StackObjects {
  /** The objects by `ServiceObjects` property, with runtime values as `TsExpression`s. */
  readonly objects: Readonly<Record<string, unknown>>;
  /** The `DeployInputs` the objects read. */
  readonly inputs: readonly (keyof typeof INPUT)[];
}

/**
 * The Kubernetes objects of a service instance exactly as the kubectl backend renders them (same
 * builder), except the values a stack decides when it runs: the image tag and replica count (stack
 * config; replicas only without autoscaling) and the ServiceAccount's role ARN (an output of the cluster's provisioning stack).
 */
export function stackObjects(project: Project, instance: ServiceInstance): StackObjects {
  const inputs = new Set<keyof typeof INPUT>();
  const objects: Record<string, unknown> = {};
  for (const built of buildObjects(project, instance)) {
    const object = structuredClone(built) as KubernetesObject;
    if (object.kind === "Deployment") {
      const spec = object.spec;
      const container = spec?.template.spec?.containers[0];
      if (!spec || !container || container.image !== `${instance.image}:${instance.imageTag}`) {
        throw new Error(`internal: the Deployment of ${instance.stackName} does not have the expected shape`);
      }
      if (spec.replicas !== undefined) {
        Object.assign(spec, { replicas: new TsExpression(`${INPUT.replicas}()`) });
        inputs.add("replicas");
      }
      Object.assign(container, { image: new TsExpression(`${tsLiteral(`${instance.image}:`)} + ${INPUT.imageTag}`) });
      inputs.add("imageTag");
    }
    const arn = instance.serviceAccount?.roleArn;
    if (object.kind === "ServiceAccount" && arn?.kind === "stackOutput") {
      const annotations = object.metadata?.annotations;
      if (!annotations || !(ROLE_ARN_ANNOTATION in annotations)) {
        throw new Error(`internal: the ServiceAccount of ${instance.stackName} has no role ARN annotation`);
      }
      Object.assign(annotations, { [ROLE_ARN_ANNOTATION]: new TsExpression(`${INPUT.provisioningOutput}(${tsLiteral(arn.output)})`) });
      inputs.add("provisioningOutput");
    }
    objects[OBJECT_PROPERTIES[object.kind]] = object;
  }
  const order = Object.keys(INPUT) as (keyof typeof INPUT)[];
  return { objects, inputs: order.filter((name) => inputs.has(name)) };
}
