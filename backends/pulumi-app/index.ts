import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import type { Model } from "../../src/model/model.js";
import { PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { pulumiPackageJson, pulumiProjectYaml, pulumiStackYaml, pulumiTsconfig } from "../../src/render/pulumi-project.js";
import { appProgram, type AppStackSource } from "./program.js";

export { PULUMI_DEPLOY_DIR };

/** Stack config keys (without the project prefix) people change between deploys; `replicas` only without autoscaling. */
export const STACK_CONFIG = { imageTag: "image_tag", replicas: "replicas" } as const;

/**
 * The Pulumi application project `<name>-deploy`: one stack per (`deployWith: pulumi` service,
 * environment), each creating the same Kubernetes objects as the service's kubectl manifests.
 */
export const pulumiAppBackend: Backend = {
  name: "pulumi-app",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const stacks: AppStackSource[] = [];
    for (const service of model.services) {
      if (service.deployWith !== "pulumi") continue;
      const cluster = model.clusters.find((c) => c.name === service.cluster);
      if (!cluster) throw new Error(`internal: service ${service.name} is on unknown cluster ${service.cluster}`);
      for (const instance of service.instances) stacks.push({ instance, cluster });
    }
    if (stacks.length === 0) return [];

    const project = model.project.deployProject;
    const file = (name: string, content: string): GeneratedFile => ({ path: `${PULUMI_DEPLOY_DIR}/${name}`, content });
    return [
      file("Pulumi.yaml", pulumiProjectYaml(context.specName, project, `Kubernetes objects of the services of ${model.project.name} deployed with Pulumi`)),
      ...stacks.map(({ instance }) =>
        file(
          `Pulumi.${instance.stackName}.yaml`,
          pulumiStackYaml(context.specName, {
            [`${project}:${STACK_CONFIG.imageTag}`]: instance.imageTag,
            ...(instance.autoscaling ? {} : { [`${project}:${STACK_CONFIG.replicas}`]: instance.replicas }),
          }),
        ),
      ),
      file("index.ts", appProgram(model.project, stacks, context.specName)),
      file("package.json", pulumiPackageJson(context.specName, project, ["@pulumi/kubernetes", "@pulumi/pulumi"])),
      file("tsconfig.json", pulumiTsconfig()),
    ];
  },
};
