import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { readdirSync } from "fs";
import { join } from "path";
import type { AppStack, KubernetesObject } from "./app-stack";
import { providerName, resourceName, secretReadName, type ResourceKind } from "./resource-names";
import type { ClusterAccess, DeployValues } from "./stack-data";

/** The `@pulumi/kubernetes` resource class of each kind of object. */
const RESOURCE_CLASSES: { readonly [Kind in ResourceKind]: new (name: string, args: Extract<KubernetesObject, { kind: Kind }>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource } = {
  ServiceAccount: k8s.core.v1.ServiceAccount,
  ConfigMap: k8s.core.v1.ConfigMap,
  Deployment: k8s.apps.v1.Deployment,
  Service: k8s.core.v1.Service,
  HorizontalPodAutoscaler: k8s.autoscaling.v2.HorizontalPodAutoscaler,
  Ingress: k8s.networking.v1.Ingress,
  PodDisruptionBudget: k8s.policy.v1.PodDisruptionBudget,
};

/** Objects a kind needs to exist first: the pods read the ConfigMap and run as the ServiceAccount. */
const CREATED_AFTER: { readonly [Kind in ResourceKind]?: readonly ResourceKind[] } = {
  Deployment: ["ConfigMap", "ServiceAccount"],
};

/** What a stack decides when it runs: its configuration, and outputs of the cluster's provisioning stack. */
interface DeployInputs {
  readonly imageTag: string;
  /** Stack config `replicas`, read only by a stack whose Deployment sets its replica count (no autoscaling). */
  replicas(): number;
  provisioningOutput(name: string): pulumi.Input<string>;
}

/** The data of stack `name`, from `stacks/<name>.ts`: the only stack file a run loads. */
function loadStack(name: string): AppStack {
  const file = `./stacks/${name}`;
  let path: string | undefined;
  try {
    path = /^[A-Za-z0-9_.-]+$/.test(name) ? require.resolve(file) : undefined;
  } catch {
    path = undefined;
  }
  if (path === undefined) {
    const known = readdirSync(join(__dirname, "stacks")).map((f) => f.replace(/\.[jt]s$/, ""));
    throw new Error(`unknown stack "${name}": this project deploys the stacks ${known.sort().join(", ")}`);
  }
  return (require(path) as { stack: AppStack }).stack;
}

/** How to reach the stack's cluster, and a reader of its provisioning stack's outputs. */
function connect(cluster: ClusterAccess): { providerArgs: k8s.ProviderArgs; provisioningOutput: DeployInputs["provisioningOutput"] } {
  if (cluster.provisioner === "eksctl") {
    return {
      providerArgs: { context: cluster.kubeconfigContext },
      provisioningOutput: (name) => {
        throw new Error(`cluster ${cluster.name} is provisioned with eksctl: it has no provisioning stack to read "${name}" from`);
      },
    };
  }
  const provisioning = new pulumi.StackReference(cluster.stackReference);
  return {
    providerArgs: { kubeconfig: pulumi.secret(provisioning.requireOutput("kubeconfig")) },
    provisioningOutput: (name) => provisioning.requireOutput(name),
  };
}

/** The stack's objects with the values decided at deploy time in place: the image tag, the replica count and the IRSA role ARN. */
function withDeployValues(objects: readonly KubernetesObject[], values: DeployValues, inputs: DeployInputs): KubernetesObject[] {
  const { image, roleArn } = values;
  const placed = new Set<string>();
  const result = objects.map((object): KubernetesObject => {
    if (object.kind === "Deployment" && object.metadata.name === image.deployment) {
      // The data file is plain data: none of its values is a promise or an output.
      const spec = object.spec as k8s.types.input.apps.v1.DeploymentSpec;
      const template = spec.template as k8s.types.input.core.v1.PodTemplateSpec;
      const pod = template.spec as k8s.types.input.core.v1.PodSpec;
      const containers = (pod.containers as k8s.types.input.core.v1.Container[]).map((container) => {
        if (container.name !== image.container) return container;
        placed.add("image");
        return { ...container, image: `${image.repository}:${inputs.imageTag}` };
      });
      const scale = values.replicas ? { replicas: inputs.replicas() } : {};
      const metadata = template.metadata as k8s.types.input.meta.v1.ObjectMeta;
      const podAnnotations = roleArn
        ? { ...(metadata.annotations as Record<string, pulumi.Input<string>>), [roleArn.podAnnotation]: inputs.provisioningOutput(roleArn.output) }
        : metadata.annotations;
      return { ...object, spec: { ...spec, ...scale, template: { ...template, metadata: { ...metadata, annotations: podAnnotations }, spec: { ...pod, containers } } } };
    }
    if (roleArn && object.kind === "ServiceAccount" && object.metadata.name === roleArn.serviceAccount) {
      placed.add("roleArn");
      const annotations = { ...(object.metadata.annotations as Record<string, pulumi.Input<string>> | undefined), [roleArn.annotation]: inputs.provisioningOutput(roleArn.output) };
      return { ...object, metadata: { ...object.metadata, annotations } };
    }
    return object;
  });
  const missing = (roleArn ? ["image", "roleArn"] : ["image"]).filter((value) => !placed.has(value));
  if (missing.length > 0) throw new Error(`this stack's data has no object to put its ${missing.join(" and ")} in`);
  return result;
}

const stack = loadStack(pulumi.getStack());
const config = new pulumi.Config();
const { providerArgs, provisioningOutput } = connect(stack.cluster);
const provider = new k8s.Provider(providerName(stack.cluster.name), providerArgs);
const objects = withDeployValues(stack.objects, stack.deployValues, {
  imageTag: config.require("image_tag"),
  replicas: () => config.requireNumber("replicas"),
  provisioningOutput,
});

// The namespace belongs to the cluster (its provisioning creates it): this stack never creates, adopts or
// deletes it. The Secrets the pods read are kept outside git: reading each one fails the preview or update at
// once, naming the missing Secret, before the Deployment waits on pods that cannot start.
const secrets = stack.secrets.map((secret) => k8s.core.v1.Secret.get(secretReadName(stack.service, secret), `${stack.namespace}/${secret}`, { provider }));
const created: { readonly kind: ResourceKind; readonly resource: pulumi.CustomResource }[] = [];
for (const object of objects) {
  const create = RESOURCE_CLASSES[object.kind] as new (name: string, args: KubernetesObject, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;
  if (create === undefined) throw new Error(`this program cannot create a ${String(object.kind)}`);
  const name = resourceName(stack.service, object.kind);
  if (created.some((c) => c.kind === object.kind)) throw new Error(`a stack holds one ${object.kind}; this one has several`);
  const after = CREATED_AFTER[object.kind] ?? [];
  const dependsOn = [...created.filter((c) => after.includes(c.kind)).map((c) => c.resource), ...(object.kind === "Deployment" ? secrets : [])];
  const resource = new create(name, object, dependsOn.length > 0 ? { provider, dependsOn } : { provider });
  created.push({ kind: object.kind, resource });
}
