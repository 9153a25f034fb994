import type { Model } from "../model/model.js";

/** A service in one environment, as the picture shows it. */
export interface GraphService {
  /** The diff's target id: `dawn@prod`. */
  readonly target: string;
  readonly service: string;
  readonly deployedBy: "kubectl" | "Pulumi" | "Argo CD";
  /** How: the folder CI applies, the stack, or the folder Argo CD syncs. */
  readonly detail: string;
}

export interface GraphEnvironment {
  readonly name: string;
  readonly namespace: string;
  readonly services: readonly GraphService[];
}

export interface GraphCluster {
  /** The diff's target id: the cluster's name. */
  readonly target: string;
  readonly provisioner: "eksctl" | "pulumi";
  readonly region: string;
  /** The provisioning stack (pulumi clusters). */
  readonly stack?: string;
  /** Helm releases, in install order. */
  readonly addons: readonly string[];
  readonly gitops?: "Argo CD";
  /** Only the environments that have services on the cluster. */
  readonly environments: readonly GraphEnvironment[];
}

/** A StackReference: an application stack reading its cluster's provisioning stack. */
export interface GraphReference {
  readonly from: string;
  readonly to: string;
  readonly stackReference: string;
}

/** What `foundation graph` draws, in the model's order (so every rendering is byte-stable). */
export interface PlatformGraph {
  readonly project: string;
  readonly clusters: readonly GraphCluster[];
  readonly references: readonly GraphReference[];
}

/** The platform as a picture's content: clusters, their environments and services, and the StackReferences. */
export function platformGraph(model: Model): PlatformGraph {
  const references: GraphReference[] = [];
  const clusters = model.clusters.map((cluster): GraphCluster => {
    const services = model.services.filter((s) => s.cluster === cluster.name);
    const environments = model.environments
      .map((env): GraphEnvironment => ({
        name: env.name,
        namespace: env.namespace,
        services: services.flatMap((service) =>
          service.instances
            .filter((i) => i.environment === env.name)
            .map((instance): GraphService => {
              const target = `${service.name}@${env.name}`;
              if (service.deployWith === "pulumi") {
                if (cluster.stackReference) references.push({ from: target, to: cluster.name, stackReference: cluster.stackReference });
                return { target, service: service.name, deployedBy: "Pulumi", detail: `stack ${instance.stackName}` };
              }
              return service.syncedBy === "argocd"
                ? { target, service: service.name, deployedBy: "Argo CD", detail: "synced from git" }
                : { target, service: service.name, deployedBy: "kubectl", detail: "applied by CI" };
            }),
        ),
      }))
      .filter((env) => env.services.length > 0);
    return {
      target: cluster.name,
      provisioner: cluster.provisioner,
      region: cluster.region,
      ...(cluster.stack ? { stack: cluster.stack } : {}),
      addons: cluster.addons.map((a) => a.release),
      ...(model.argocd?.clusters.includes(cluster.name) ? { gitops: "Argo CD" as const } : {}),
      environments,
    };
  });
  return { project: model.project.name, clusters, references };
}

/** The lines describing a cluster itself: provisioner, region, stack, add-ons, GitOps controller. */
export function clusterLines(cluster: GraphCluster): string[] {
  return [
    cluster.target,
    `${cluster.provisioner}, ${cluster.region}${cluster.stack ? `, stack ${cluster.stack}` : ""}`,
    cluster.addons.length > 0 ? `add-ons: ${cluster.addons.join(", ")}` : "no add-ons",
    ...(cluster.gitops ? [`GitOps: ${cluster.gitops}`] : []),
  ];
}

/** The lines of a service node. */
export function serviceLines(service: GraphService): string[] {
  return [service.service, `${service.deployedBy}: ${service.detail}`];
}
