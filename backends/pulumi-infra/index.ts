import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import type { Cluster, Model } from "../../src/model/model.js";
import { PROVISIONING_PULUMI_DIR } from "../../src/model/output-layout.js";
import { pulumiPackageJson, pulumiProjectYaml, pulumiStackYaml, pulumiTsconfig } from "../../src/render/pulumi-project.js";
import { albPolicyModule, ALB_POLICY_MODULE } from "./alb-policy.js";
import { clusterSettings } from "./cluster-settings.js";
import { CLUSTER_CONFIG_KEY, provisioningProgram } from "./program.js";

/**
 * The infrastructure layer of the pulumi clusters: one Pulumi project (`<name>-provisioning`) with one
 * stack per cluster, building its VPC, EKS cluster, node groups, IRSA roles and Helm add-ons.
 */
export const pulumiInfraBackend: Backend = {
  name: "pulumi-infra",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const clusters = model.clusters.filter((c): c is Cluster & { stack: string } => c.provisioner === "pulumi" && c.stack !== undefined);
    if (clusters.length === 0) return [];
    const project = model.project.provisioningProject;
    const withAlbPolicy = clusters.some((c) => c.addons.some((a) => a.kind === "awsLoadBalancerController"));
    const settings = new Map(clusters.map((c) => [c.name, clusterSettings(c)]));
    const dir = PROVISIONING_PULUMI_DIR;
    const files: GeneratedFile[] = [
      {
        path: `${dir}/Pulumi.yaml`,
        content: pulumiProjectYaml(
          context.specName,
          project,
          `Infrastructure layer of ${model.project.name}: VPC, EKS cluster, node groups, IRSA roles and cluster add-ons, one stack per cluster`,
        ),
      },
      ...clusters.map((c) => ({
        path: `${dir}/Pulumi.${c.stack}.yaml`,
        content: pulumiStackYaml(context.specName, { "aws:region": c.region, [`${project}:${CLUSTER_CONFIG_KEY}`]: c.name }),
      })),
      { path: `${dir}/index.ts`, content: provisioningProgram(context.specName, settings, withAlbPolicy) },
      ...(withAlbPolicy ? [{ path: `${dir}/${ALB_POLICY_MODULE}.ts`, content: albPolicyModule(context.specName) }] : []),
      {
        path: `${dir}/package.json`,
        content: pulumiPackageJson(context.specName, project, ["@pulumi/aws", "@pulumi/eks", "@pulumi/kubernetes", "@pulumi/pulumi"]),
      },
      { path: `${dir}/tsconfig.json`, content: pulumiTsconfig() },
    ];
    return files;
  },
};
