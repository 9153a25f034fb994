import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import type { Cluster, Model } from "../../src/model/model.js";
import { PROVISIONING_PULUMI_DIR } from "../../src/model/output-layout.js";
import { programFileContent, programModules } from "../../src/render/program-files.js";
import { pulumiPackageJson, pulumiProjectYaml, pulumiStackYaml, pulumiTsconfig, STACKS_DIR } from "../../src/render/pulumi-project.js";
import { clusterSettings, clusterSettingsFile } from "./cluster-settings.js";

/** The program's modules (`index.ts` and what it imports), kept as TypeScript in `program/`. */
const PROGRAM = new URL("./program/", import.meta.url);

/**
 * The infrastructure layer of the pulumi clusters: one Pulumi project (`<name>-provisioning`) with one
 * stack per cluster, building its VPC, EKS cluster, node groups, IRSA roles, Helm add-ons and the namespaces of
 * its environments. The program is
 * the same for every spec; each cluster's settings are in its stack's data file, `stacks/<stack>.ts`.
 */
export const pulumiInfraBackend: Backend = {
  name: "pulumi-infra",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const clusters = model.clusters.filter((c): c is Cluster & { stack: string } => c.provisioner === "pulumi" && c.stack !== undefined);
    if (clusters.length === 0) return [];
    const project = model.project.provisioningProject;
    const file = (name: string, content: string): GeneratedFile => ({ path: `${PROVISIONING_PULUMI_DIR}/${name}`, content });
    return [
      file(
        "Pulumi.yaml",
        pulumiProjectYaml(
          context.specName,
          project,
          `Infrastructure layer of ${model.project.name}: VPC, EKS cluster, node groups, IRSA roles, cluster add-ons and namespaces, one stack per cluster`,
        ),
      ),
      ...clusters.flatMap((c) => [
        file(`Pulumi.${c.stack}.yaml`, pulumiStackYaml(context.specName, { "aws:region": c.region })),
        file(`${STACKS_DIR}/${c.stack}.ts`, clusterSettingsFile(context.specName, clusterSettings(model.project, c))),
      ]),
      ...programModules(PROGRAM).map((module) => file(module.name, programFileContent(module, context.specName))),
      file("package.json", pulumiPackageJson(context.specName, project, ["@pulumi/aws", "@pulumi/eks", "@pulumi/kubernetes", "@pulumi/pulumi"])),
      file("tsconfig.json", pulumiTsconfig()),
    ];
  },
};
