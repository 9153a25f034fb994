import { compareStrings } from "../../errors/spec-error.js";
import { buildObjects } from "../../k8s/objects.js";
import type { Cluster, Model, Service, ServiceInstance } from "../../model/model.js";
import { eksctlNamespacesFile, manualDeployDir, PROVISIONING_MANUAL_DIR, PROVISIONING_PULUMI_DIR, PULUMI_DEPLOY_DIR } from "../../model/output-layout.js";
import { describeCluster } from "../core/cluster-description.js";

/** How a target is deployed: what CI runs for it. */
export type TargetLocation =
  | {
      readonly kind: "pulumi";
      readonly dir: string;
      readonly stack: string;
      readonly qualifiedStack: string;
      /** The AWS region of the cluster the stack builds or deploys to. */
      readonly region: string;
      /** Application stacks: the foundation environment, and the cluster they deploy to. */
      readonly environment?: string;
      readonly cluster?: string;
      /** Application stacks on an eksctl cluster: the kubeconfig context the stack pins. */
      readonly context?: string;
    }
  | {
      readonly kind: "kubectl";
      readonly dir: string;
      readonly environment: string;
      readonly cluster: string;
      readonly region: string;
      readonly context: string;
      /** Where the kubeconfig comes from: EKS itself (eksctl clusters), or the provisioning stack's output. */
      readonly kubeconfigStack?: string;
      /** Set when a GitOps controller applies the folder instead of CI. */
      readonly syncedBy?: "argocd";
      readonly namespace: string;
      /** The Secrets (kept outside git) the pods read: a deploy checks they exist before it applies anything. */
      readonly secrets: readonly string[];
    }
  | {
      readonly kind: "eksctl";
      readonly dir: string;
      readonly cluster: string;
      readonly region: string;
      readonly context: string;
      /** The manifest of the namespaces the cluster owns, applied before its services. */
      readonly namespaces: string;
    };

/** One deployable unit: a cluster, or a service in one environment. */
export interface Target {
  /** `terminus`, `dusk@prod`. */
  readonly id: string;
  readonly kind: "cluster" | "service";
  /** eksctl or pulumi for clusters; kubectl or pulumi for services. */
  readonly backend: string;
  readonly cluster: string;
  readonly namespace?: string;
  readonly location: TargetLocation;
  /** What the target consists of, by `Kind/name`. */
  readonly objects: Readonly<Record<string, unknown>>;
}

/** Every target of a model, by id. */
export function targetsOf(model: Model): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const cluster of model.clusters) {
    targets.set(cluster.name, {
      id: cluster.name,
      kind: "cluster",
      backend: cluster.provisioner,
      cluster: cluster.name,
      location:
        cluster.provisioner === "pulumi"
          ? { kind: "pulumi", dir: PROVISIONING_PULUMI_DIR, stack: cluster.stack as string, qualifiedStack: cluster.stackReference as string, region: cluster.region }
          : {
              kind: "eksctl",
              dir: PROVISIONING_MANUAL_DIR,
              cluster: cluster.name,
              region: cluster.region,
              context: cluster.kubeconfigContext,
              namespaces: eksctlNamespacesFile(cluster.name),
            },
      objects: describeCluster(cluster),
    });
  }
  const clusters = new Map(model.clusters.map((c) => [c.name, c]));
  for (const service of model.services) {
    for (const instance of service.instances) {
      const id = `${service.name}@${instance.environment}`;
      const arn = instance.serviceAccount?.roleArn;
      const roleArn = arn?.kind === "stackOutput" ? `(stack output ${arn.output} of ${arn.stackReference})` : undefined;
      const objects = buildObjects(model.project, instance, roleArn ? { roleArn } : {});
      targets.set(id, {
        id,
        kind: "service",
        backend: service.deployWith,
        cluster: service.cluster,
        namespace: instance.namespace,
        location: serviceLocation(model, service, instance, clusters.get(service.cluster) as Cluster),
        objects: Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata?.name ?? ""}`, o])),
      });
    }
  }
  return targets;
}

function serviceLocation(model: Model, service: Service, instance: ServiceInstance, cluster: Cluster): TargetLocation {
  const stack = instance.stackName;
  const environment = instance.environment;
  if (service.deployWith === "pulumi") {
    return {
      kind: "pulumi",
      dir: PULUMI_DEPLOY_DIR,
      stack,
      qualifiedStack: `${model.project.organization}/${model.project.deployProject}/${stack}`,
      region: cluster.region,
      environment,
      cluster: cluster.name,
      ...(cluster.provisioner === "eksctl" ? { context: cluster.kubeconfigContext } : {}),
    };
  }
  return {
    kind: "kubectl",
    dir: manualDeployDir(service.name, environment),
    environment,
    cluster: cluster.name,
    region: cluster.region,
    context: cluster.kubeconfigContext,
    ...(cluster.stackReference ? { kubeconfigStack: cluster.stackReference } : {}),
    ...(service.syncedBy ? { syncedBy: service.syncedBy } : {}),
    namespace: instance.namespace,
    secrets: [...new Set(instance.secrets.map((s) => s.secretName))].sort(compareStrings),
  };
}
