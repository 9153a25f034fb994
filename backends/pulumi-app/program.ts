import type { Cluster, Project, ServiceInstance } from "../../src/model/model.js";
import { createProgramFile, printProgram, tsLiteral } from "../../src/render/typescript.js";
import type { VariableDeclarationKind } from "ts-morph";
import { stackObjects } from "./stack-objects.js";

/** One stack of the application project: a service instance and the cluster it runs on. */
export interface AppStackSource {
  readonly instance: ServiceInstance;
  readonly cluster: Cluster;
}

/**
 * `index.ts` of the application project: a table of every stack's objects, typed with
 * `@pulumi/kubernetes` input types, and the code that creates the selected stack's objects through
 * an explicit provider for its cluster.
 */
export function appProgram(project: Project, stacks: readonly AppStackSource[], specName: string): string {
  const file = createProgramFile();
  file.addImportDeclarations([
    { namespaceImport: "k8s", moduleSpecifier: "@pulumi/kubernetes" },
    { namespaceImport: "pulumi", moduleSpecifier: "@pulumi/pulumi" },
  ]);
  file.addTypeAlias({
    name: "ClusterAccess",
    docs: [
      "How a stack reaches its service's cluster: the kubeconfig context the eksctl scripts write (pinned, so a\n" +
        "deploy never lands on whichever cluster is current), or the kubeconfig the cluster's provisioning stack exports.",
    ],
    type:
      '\n  | { readonly provisioner: "eksctl"; readonly name: string; readonly kubeconfigContext: string }' +
      '\n  | { readonly provisioner: "pulumi"; readonly name: string; readonly stackReference: string }',
  });
  file.addInterface({
    name: "DeployInputs",
    docs: ["What a stack decides when it runs: its configuration, and outputs of the cluster's provisioning stack."],
    properties: [
      { name: "imageTag", isReadonly: true, type: "string", docs: ["Stack config `image_tag` (`pulumi config set image_tag v1.2.3`)."] },
    ],
    methods: [
      {
        name: "replicas",
        returnType: "number",
        docs: ["Stack config `replicas`, read only by stacks without autoscaling (the HorizontalPodAutoscaler owns the others' scale)."],
      },
      {
        name: "provisioningOutput",
        parameters: [{ name: "name", type: "string" }],
        returnType: "pulumi.Input<string>",
        docs: ["An output of the cluster's provisioning stack (clusters provisioned with Pulumi)."],
      },
    ],
  });
  file.addInterface({
    name: "ServiceObjects",
    docs: ["The Kubernetes objects of one service in one environment: the same objects as its kubectl manifests."],
    properties: [
      { name: "serviceAccount", hasQuestionToken: true, type: "k8s.core.v1.ServiceAccountArgs" },
      { name: "configMap", type: "k8s.core.v1.ConfigMapArgs" },
      { name: "deployment", type: "k8s.apps.v1.DeploymentArgs" },
      { name: "service", type: "k8s.core.v1.ServiceArgs" },
      { name: "horizontalPodAutoscaler", hasQuestionToken: true, type: "k8s.autoscaling.v2.HorizontalPodAutoscalerArgs" },
      { name: "podDisruptionBudget", hasQuestionToken: true, type: "k8s.policy.v1.PodDisruptionBudgetArgs" },
      { name: "ingress", hasQuestionToken: true, type: "k8s.networking.v1.IngressArgs" },
    ].map((p) => ({ ...p, isReadonly: true })),
  });
  file.addInterface({
    name: "AppStack",
    docs: ["One stack of this project: one service in one environment."],
    properties: [
      { name: "service", type: "string" },
      { name: "environment", type: "string" },
      { name: "namespace", type: "string" },
      { name: "cluster", type: "ClusterAccess" },
      { name: "secrets", type: "readonly string[]" },
      { name: "objects", type: "(inputs: DeployInputs) => ServiceObjects" },
    ].map((p) => ({ ...p, isReadonly: true })),
  });
  file.addVariableStatement({
    declarationKind: "const" as VariableDeclarationKind.Const,
    docs: ["Every stack of this project, by stack name (`pulumi stack select <name>`)."],
    declarations: [{ name: "STACKS", type: "Readonly<Record<string, AppStack>>", initializer: STACKS_PLACEHOLDER }],
  });
  file.addFunction({
    name: "connect",
    docs: ["How to reach the stack's cluster, and a reader of its provisioning stack's outputs."],
    parameters: [{ name: "cluster", type: "ClusterAccess" }],
    returnType: '{ providerArgs: k8s.ProviderArgs; provisioningOutput: DeployInputs["provisioningOutput"] }',
    statements: CONNECT_BODY,
  });
  file.addStatements((writer) => writer.newLine().write(MAIN));
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  // The table is already laid out by tsLiteral; splicing it into the printed skeleton keeps
  // ts-morph from re-parsing and re-formatting thousands of lines (most of a large compile's time).
  const skeleton = printProgram(file, specName);
  const placeholder = `= ${STACKS_PLACEHOLDER};`;
  if (skeleton.indexOf(placeholder) !== skeleton.lastIndexOf(placeholder)) throw new Error("the stacks placeholder must appear once");
  return skeleton.replace(placeholder, () => `= ${stacksTable(project, stacks)};`);
}

const STACKS_PLACEHOLDER = "__FOUNDATION_STACKS__";

function stacksTable(project: Project, stacks: readonly AppStackSource[]): string {
  const entries = stacks.map(({ instance, cluster }) => {
    const { objects, inputs } = stackObjects(project, instance);
    const access =
      cluster.provisioner === "eksctl"
        ? { provisioner: "eksctl", name: cluster.name, kubeconfigContext: cluster.kubeconfigContext }
        : { provisioner: "pulumi", name: cluster.name, stackReference: cluster.stackReference };
    const lines = [
      `    service: ${tsLiteral(instance.service)},`,
      `    environment: ${tsLiteral(instance.environment)},`,
      `    namespace: ${tsLiteral(instance.namespace)},`,
      `    cluster: ${tsLiteral(access, "    ")},`,
      `    secrets: ${tsLiteral([...new Set(instance.secrets.map((x) => x.secretName))].sort(), "    ")},`,
      `    objects: (${inputs.length > 0 ? `{ ${inputs.join(", ")} }` : ""}) => (${tsLiteral(objects, "    ")}),`,
    ];
    return `  ${tsLiteral(instance.stackName)}: {\n${lines.join("\n")}\n  },`;
  });
  return `{\n${entries.join("\n")}\n}`;
}

const CONNECT_BODY = `if (cluster.provisioner === "eksctl") {
  return {
    providerArgs: { context: cluster.kubeconfigContext },
    provisioningOutput: (name) => {
      throw new Error(\`cluster \${cluster.name} is provisioned with eksctl: it has no provisioning stack to read "\${name}" from\`);
    },
  };
}
const provisioning = new pulumi.StackReference(cluster.stackReference);
return {
  providerArgs: { kubeconfig: pulumi.secret(provisioning.requireOutput("kubeconfig")) },
  provisioningOutput: (name) => provisioning.requireOutput(name),
};`;

const MAIN = `const stackName = pulumi.getStack();
const stack: AppStack | undefined = STACKS[stackName];
if (stack === undefined) {
  throw new Error(\`unknown stack "\${stackName}": this project deploys the stacks \${Object.keys(STACKS).join(", ")}\`);
}

const config = new pulumi.Config();
const { providerArgs, provisioningOutput } = connect(stack.cluster);
const provider = new k8s.Provider(stack.cluster.name, providerArgs);
const objects = stack.objects({
  imageTag: config.require("image_tag"),
  replicas: () => config.requireNumber("replicas"),
  provisioningOutput,
});

// The namespace belongs to the cluster (its provisioning creates it): this stack never creates, adopts or
// deletes it. The Secrets the pods read are kept outside git: reading each one fails the preview or update
// at once, naming the missing Secret, instead of pods stuck in CreateContainerConfigError until a timeout.
const secrets = stack.secrets.map((name) =>
  k8s.core.v1.Secret.get(\`\${stack.service}-secret-\${name}\`, \`\${stack.namespace}/\${name}\`, { provider }),
);
const serviceAccount = objects.serviceAccount
  ? new k8s.core.v1.ServiceAccount(\`\${stack.service}-service-account\`, objects.serviceAccount, { provider })
  : undefined;
const configMap = new k8s.core.v1.ConfigMap(\`\${stack.service}-config-map\`, objects.configMap, { provider });
// The pods read the ConfigMap and the Secrets and run as the ServiceAccount: those come first.
new k8s.apps.v1.Deployment(\`\${stack.service}-deployment\`, objects.deployment, {
  provider,
  dependsOn: [configMap, ...(serviceAccount ? [serviceAccount] : []), ...secrets],
});
new k8s.core.v1.Service(\`\${stack.service}-service\`, objects.service, { provider });
if (objects.horizontalPodAutoscaler) {
  new k8s.autoscaling.v2.HorizontalPodAutoscaler(\`\${stack.service}-hpa\`, objects.horizontalPodAutoscaler, { provider });
}
if (objects.podDisruptionBudget) {
  new k8s.policy.v1.PodDisruptionBudget(\`\${stack.service}-pdb\`, objects.podDisruptionBudget, { provider });
}
if (objects.ingress) {
  new k8s.networking.v1.Ingress(\`\${stack.service}-ingress\`, objects.ingress, { provider });
}`;
