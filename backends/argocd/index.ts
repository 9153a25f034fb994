import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import { compareStrings } from "../../src/errors/spec-error.js";
import { MANAGED_BY } from "../../src/k8s/labels.js";
import type { ArgoCd, Model, Project, Service, ServiceInstance } from "../../src/model/model.js";
import { argocdDir, manualDeployDir } from "../../src/model/output-layout.js";
import { generatedHeader } from "../../src/render/header.js";
import { toYaml } from "../../src/render/yaml.js";

/** The cluster Argo CD runs in, as its own Applications name it. */
export const IN_CLUSTER = "https://kubernetes.default.svc";

/** The Application that syncs a cluster's Argo CD folder (the app of apps); no service Application (`<service>-<env>`) can take the name. */
export const ROOT_APPLICATION = "foundation";

/** The AppProject of a model's services: every service Application belongs to it. */
export function projectName(project: Project): string {
  return `${project.name}-services`;
}

/** The Application of a service in one environment. */
export function applicationName(instance: ServiceInstance): string {
  return `${instance.service}-${instance.environment}`;
}

const labels = (project: Project) => ({ "app.kubernetes.io/managed-by": MANAGED_BY, "app.kubernetes.io/part-of": project.name });
const repoPath = (argocd: ArgoCd, dir: string) => `${argocd.path}/${dir}`;

/**
 * Argo CD, for the clusters of `delivery.argocd`: per cluster, under `gitops/argocd/<cluster>/`, an AppProject
 * (sources: the repository; destinations: that cluster's namespaces of the synced services; nothing
 * cluster-scoped, so never a Namespace), an Application per kubectl service and environment (automated sync
 * with prune and self-heal, the service's folder as its path, no CreateNamespace: the cluster owns its
 * namespaces), and the root Application that syncs this folder, so a new service needs no manual step.
 */
export const argocdBackend: Backend = {
  name: "argocd",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const argocd = model.argocd;
    if (!argocd) return [];
    const header = generatedHeader(context.specName, "#");
    const files: GeneratedFile[] = [];
    for (const cluster of argocd.clusters) {
      const services = model.services.filter((s) => s.syncedBy === "argocd" && s.cluster === cluster);
      if (services.length === 0) continue;
      const dir = argocdDir(cluster);
      files.push({ path: `${dir}/project.yaml`, content: header + toYaml(appProject(model.project, argocd, cluster, services)) });
      files.push({ path: `${dir}/${ROOT_APPLICATION}.yaml`, content: header + toYaml(rootApplication(model.project, argocd, cluster)) });
      for (const service of services) {
        for (const instance of service.instances) {
          files.push({ path: `${dir}/${applicationName(instance)}.yaml`, content: header + toYaml(serviceApplication(model.project, argocd, instance)) });
        }
      }
    }
    return files;
  },
};

function appProject(project: Project, argocd: ArgoCd, cluster: string, services: readonly Service[]): object {
  const namespaces = [...new Set(services.flatMap((s) => s.instances.map((i) => i.namespace)))].sort(compareStrings);
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: { name: projectName(project), namespace: argocd.namespace, labels: labels(project) },
    spec: {
      description: `The services of ${project.name} that Argo CD syncs on cluster ${cluster}`,
      sourceRepos: [argocd.repoURL],
      destinations: namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
      clusterResourceWhitelist: [],
    },
  };
}

function serviceApplication(project: Project, argocd: ArgoCd, instance: ServiceInstance): object {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name: applicationName(instance), namespace: argocd.namespace, labels: labels(project) },
    spec: {
      project: projectName(project),
      source: { repoURL: argocd.repoURL, targetRevision: argocd.targetRevision, path: repoPath(argocd, manualDeployDir(instance.service, instance.environment)) },
      destination: { server: IN_CLUSTER, namespace: instance.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "3m" } },
      },
    },
  };
}

function rootApplication(project: Project, argocd: ArgoCd, cluster: string): object {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name: ROOT_APPLICATION, namespace: argocd.namespace, labels: labels(project) },
    spec: {
      project: "default",
      source: { repoURL: argocd.repoURL, targetRevision: argocd.targetRevision, path: repoPath(argocd, argocdDir(cluster)) },
      destination: { server: IN_CLUSTER, namespace: argocd.namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}
