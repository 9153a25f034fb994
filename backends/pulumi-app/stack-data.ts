import { buildObjects, type KubernetesObject } from "../../src/k8s/objects.js";
import { POD_ROLE_ARN_ANNOTATION, ROLE_ARN_ANNOTATION } from "../../src/k8s/service-account.js";
import type { Cluster, Project, ServiceInstance } from "../../src/model/model.js";
import { generatedHeader } from "../../src/render/header.js";
import { tsLiteral } from "../../src/render/typescript.js";
import { RESOURCE_NAME_SUFFIXES } from "./program/resource-names.js";
import type { ClusterAccess, DeployValues, StackData } from "./program/stack-data.js";

/**
 * The data of one stack: the Kubernetes objects of a service instance exactly as the kubectl backend renders
 * them (same builder), without the values the stack decides when it runs (the image tag and, without autoscaling,
 * the replica count of its config, the ServiceAccount's role ARN from the provisioning stack), which `deployValues` places.
 */
export function stackData(project: Project, instance: ServiceInstance, cluster: Cluster): StackData<KubernetesObject> {
  const container = instance.service;
  const deployValues: { -readonly [K in keyof DeployValues]: DeployValues[K] } = {
    image: { deployment: instance.service, container, repository: instance.image },
    replicas: false,
  };
  const objects = buildObjects(project, instance).map((built) => {
    if (!(built.kind in RESOURCE_NAME_SUFFIXES)) throw new Error(`internal: the Pulumi application program cannot create a ${built.kind}`);
    const object = structuredClone(built) as KubernetesObject;
    if (object.kind === "Deployment" && object.metadata?.name === deployValues.image.deployment) {
      const spec = object.spec;
      const podAnnotations = spec?.template.metadata?.annotations;
      if (instance.serviceAccount?.roleArn?.kind === "stackOutput" && podAnnotations && POD_ROLE_ARN_ANNOTATION in podAnnotations) {
        delete podAnnotations[POD_ROLE_ARN_ANNOTATION];
      }
      const image = spec?.template.spec?.containers.find((c) => c.name === container);
      if (!spec || !image || image.image !== `${instance.image}:${instance.imageTag}`) {
        throw new Error(`internal: the Deployment of ${instance.stackName} does not have the expected shape`);
      }
      if (spec.replicas !== undefined) {
        delete spec.replicas;
        deployValues.replicas = true;
      }
      delete image.image;
    }
    const arn = instance.serviceAccount?.roleArn;
    if (object.kind === "ServiceAccount" && arn?.kind === "stackOutput") {
      const metadata = object.metadata;
      if (!metadata?.name || !metadata.annotations || !(ROLE_ARN_ANNOTATION in metadata.annotations)) {
        throw new Error(`internal: the ServiceAccount of ${instance.stackName} has no role ARN annotation`);
      }
      const { [ROLE_ARN_ANNOTATION]: _placed, ...others } = metadata.annotations;
      if (Object.keys(others).length > 0) metadata.annotations = others;
      else delete metadata.annotations;
      deployValues.roleArn = { serviceAccount: metadata.name, annotation: ROLE_ARN_ANNOTATION, podAnnotation: POD_ROLE_ARN_ANNOTATION, output: arn.output };
    }
    return object;
  });
  const secrets = [...new Set(instance.secrets.map((s) => s.secretName))].sort();
  return { service: instance.service, environment: instance.environment, namespace: instance.namespace, cluster: clusterAccess(cluster), deployValues, secrets, objects };
}

function clusterAccess(cluster: Cluster): ClusterAccess {
  if (cluster.provisioner === "eksctl") return { provisioner: "eksctl", name: cluster.name, kubeconfigContext: cluster.kubeconfigContext };
  if (cluster.stackReference === undefined) throw new Error(`internal: pulumi cluster ${cluster.name} has no stack reference`);
  return { provisioner: "pulumi", name: cluster.name, stackReference: cluster.stackReference };
}

/** The program module declaring the type of a stack's data, as a data file imports it. */
const DATA_TYPES = "../app-stack";

/** `stacks/<stack>.ts`: the stack's data as a typed TypeScript module, which the program loads by stack name. */
export function stackDataFile(specName: string, data: StackData<KubernetesObject>): string {
  return (
    `${generatedHeader(specName, "//")}import type { AppStack } from ${tsLiteral(DATA_TYPES)};\n\n` +
    `export const stack: AppStack = ${tsLiteral(data)};\n`
  );
}
