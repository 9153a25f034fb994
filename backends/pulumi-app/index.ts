import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import type { Model } from "../../src/model/model.js";
import { PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { kubernetesTypeToken, type PulumiAppStack } from "../../src/plan/pulumi-app-plan.js";
import { programFileContent, programModules } from "../../src/render/program-files.js";
import { pulumiPackageJson, pulumiProjectYaml, pulumiStackYaml, pulumiTsconfig, STACKS_DIR } from "../../src/render/pulumi-project.js";
import { providerName, resourceName, secretReadName, type ResourceKind } from "./program/resource-names.js";
import { stackData, stackDataFile } from "./stack-data.js";

export { PULUMI_DEPLOY_DIR, STACKS_DIR };

/** Stack config keys (without the project prefix) people change between deploys; `replicas` only without autoscaling. */
export const STACK_CONFIG = { imageTag: "image_tag", replicas: "replicas" } as const;

/** The program's modules (`index.ts` and what it imports), kept as TypeScript in `program/`. */
const PROGRAM = new URL("./program/", import.meta.url);

/**
 * The Pulumi application project `<name>-deploy`: one stack per (`deployWith: pulumi` service,
 * environment), each creating the same Kubernetes objects as the service's kubectl manifests. The program
 * is the same for every spec; each stack's objects are in a data file of its own, `stacks/<stack>.ts`.
 */
export const pulumiAppBackend: Backend = {
  name: "pulumi-app",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const project = model.project.deployProject;
    const file = (name: string, content: string): GeneratedFile => ({ path: `${PULUMI_DEPLOY_DIR}/${name}`, content });
    const stacks: GeneratedFile[] = [];
    for (const service of model.services) {
      if (service.deployWith !== "pulumi") continue;
      const cluster = model.clusters.find((c) => c.name === service.cluster);
      if (!cluster) throw new Error(`internal: service ${service.name} is on unknown cluster ${service.cluster}`);
      for (const instance of service.instances) {
        const config = {
          [`${project}:${STACK_CONFIG.imageTag}`]: instance.imageTag,
          ...(instance.autoscaling ? {} : { [`${project}:${STACK_CONFIG.replicas}`]: instance.replicas }),
        };
        stacks.push(
          file(`Pulumi.${instance.stackName}.yaml`, pulumiStackYaml(context.specName, config)),
          file(`${STACKS_DIR}/${instance.stackName}.ts`, stackDataFile(context.specName, stackData(model.project, instance, cluster))),
        );
      }
    }
    if (stacks.length === 0) return [];
    return [
      file("Pulumi.yaml", pulumiProjectYaml(context.specName, project, `Kubernetes objects of the services of ${model.project.name} deployed with Pulumi`)),
      ...stacks,
      ...programModules(PROGRAM).map((module) => file(module.name, programFileContent(module, context.specName))),
      file("package.json", pulumiPackageJson(context.specName, project, ["@pulumi/kubernetes", "@pulumi/pulumi"])),
      file("tsconfig.json", pulumiTsconfig()),
    ];
  },
  pulumiAppStacks(model: Model): PulumiAppStack[] {
    const project = model.project.deployProject;
    return model.services
      .filter((service) => service.deployWith === "pulumi")
      .flatMap((service) =>
        service.instances.map((instance): PulumiAppStack => {
          const cluster = model.clusters.find((c) => c.name === service.cluster);
          if (!cluster) throw new Error(`internal: service ${service.name} is on unknown cluster ${service.cluster}`);
          const data = stackData(model.project, instance, cluster);
          return {
            stack: instance.stackName,
            qualifiedStack: `${model.project.organization}/${project}/${instance.stackName}`,
            project,
            service: service.name,
            environment: instance.environment,
            namespace: instance.namespace,
            cluster: cluster.name,
            provider: { type: "pulumi:providers:kubernetes", name: providerName(cluster.name) },
            resources: [
              ...data.secrets.map((secret) => ({ type: kubernetesTypeToken("v1", "Secret"), name: secretReadName(service.name, secret), kind: "Secret", objectName: secret, mode: "read" as const })),
              ...data.objects.map((object) => ({
                type: kubernetesTypeToken(object.apiVersion, object.kind),
                name: resourceName(service.name, object.kind as ResourceKind),
                kind: object.kind,
                objectName: object.metadata?.name ?? "",
                mode: "create" as const,
              })),
            ],
          };
        }),
      );
  },
};
