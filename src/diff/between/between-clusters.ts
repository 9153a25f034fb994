import { backendNamed } from "../../compile/generate.js";
import type { Backend, GeneratedFile } from "../../backend.js";
import type { Model } from "../../model/model.js";
import type { EksctlClusterPlan } from "../../plan/eksctl-plan.js";
import { PROVISIONING_MANUAL_DIR, PROVISIONING_PULUMI_DIR } from "../../model/output-layout.js";
import { MockProject } from "../../pulumi/run-under-mocks.js";
import type { BetweenOptions } from "./between-options.js";
import { compareDescriptions, statusOf, type BetweenDiff, type BetweenTarget } from "./between-result.js";
import { describeEksctlCluster } from "./describe-eksctl-cluster.js";
import { describePulumiCluster } from "./describe-pulumi-cluster.js";
import { flippedModel, withProvisioner, type FlippedModel } from "./flip-spec.js";

/**
 * `--between eksctl,pulumi --cluster C`: the cluster provisioned with eksctl (the eksctl backend's plan:
 * its ClusterConfig, its add-ons' Helm installs and its namespaces) and with Pulumi (the provisioning program's stack, run under Pulumi's mocks), both normalized
 * to the description `describeCluster` makes, and compared field by field.
 */
export async function diffClusters(file: string, text: string, cluster: string, options: BetweenOptions): Promise<BetweenDiff> {
  const adjust = options.adjust ?? ((_side: string, files: GeneratedFile[]) => files);
  const result = (target: BetweenTarget): BetweenDiff => ({ spec: file, only: cluster, left: "eksctl", right: "pulumi", targets: [target] });
  const [eksctl, pulumi] = (["eksctl", "pulumi"] as const).map((provisioner) => flippedModel(file, withProvisioner(text, cluster, provisioner), `provisioner: ${provisioner}`)) as [FlippedModel, FlippedModel];
  if (!eksctl.ok || !pulumi.ok) {
    const { message } = (!eksctl.ok ? eksctl : pulumi) as Extract<FlippedModel, { ok: false }>;
    return result({ target: cluster, kind: "cluster", status: "invalid", objects: 0, differences: [], notes: [], message });
  }
  const context = { specName: file };
  const plan = eksctlPlanOf(options.backends, eksctl.model, cluster);
  const program = adjust("pulumi", backendNamed(options.backends, "pulumi-infra").generate(pulumi.model, context));
  const stack = pulumi.model.clusters.find((c) => c.name === cluster)?.stack as string;
  const left = describeEksctlCluster(options.adjustEksctlPlan ? options.adjustEksctlPlan(plan) : plan);
  const project = MockProject.create(program, PROVISIONING_PULUMI_DIR, options.cwd);
  let right;
  try {
    const resources = await project.run(stack);
    right = describePulumiCluster(resources, project.stackConfig(stack)["aws:region"]);
  } finally {
    project.dispose();
  }
  const differences = compareDescriptions("cluster", left, right, { cluster });
  return result({
    target: cluster,
    kind: "cluster",
    status: statusOf(differences),
    objects: new Set([...Object.keys(left), ...Object.keys(right)]).size,
    differences,
    notes: [
      `eksctl: out/${PROVISIONING_MANUAL_DIR}/ (ClusterConfig, create script, namespaces manifest and add-on install scripts of ${cluster})`,
      `pulumi: stack ${stack} of ${pulumi.model.project.provisioningProject} (out/${PROVISIONING_PULUMI_DIR}/), run under Pulumi's mocks`,
    ],
  });
}

/** The eksctl backend's plan for the cluster, read through the backend contract. */
function eksctlPlanOf(backends: readonly Backend[], model: Model, cluster: string): EksctlClusterPlan {
  const backend = backendNamed(backends, "eksctl");
  const plan = backend.eksctlPlan?.(model).find((p) => p.cluster === cluster);
  if (!plan) throw new Error(`internal: the ${backend.name} backend has no plan for cluster ${cluster}`);
  return plan;
}
