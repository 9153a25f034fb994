import { compareStrings } from "../errors/spec-error.js";
import { parseCidr, planSubnets } from "../spec/cidr.js";
import type { ResolvedServiceFields, Spec, SpecCluster, SpecNodeGroup, SpecService } from "../spec/schema.js";
import type { EnvironmentViews } from "../validate/validate-references.js";
import { ADDON_CATALOG } from "../model/addon-catalog.js";
import type {
  AccessEntry,
  Addon,
  ArgoCd,
  Cluster,
  ClusterNamespace,
  Environment,
  IrsaBinding,
  Model,
  NodeGroup,
  Scheduling,
  Service,
  ServiceInstance,
} from "../model/model.js";
import { accessPolicyArn } from "../model/access-policies.js";
import { awsPartition } from "../model/aws-partition.js";
import { unsupportedZoneIds } from "../model/eks-zones.js";
import { defaultIngressGroup, FOUNDATION_NODE_GROUP_LABEL, irsaRoleName, kubeconfigContextName, nodeGroupLabel, roleArnOutputName } from "../model/names.js";

/** Lowers a validated spec to the read-only model the backends share. */
export function lower(spec: Spec, views: EnvironmentViews): Model {
  const project = {
    name: spec.metadata.name,
    organization: spec.metadata.organization,
    provisioningProject: `${spec.metadata.name}-provisioning`,
    deployProject: `${spec.metadata.name}-deploy`,
  };
  const environments: Environment[] = sortedEntries(spec.environments).map(([name, env]) => ({
    name,
    namespace: env.namespace,
    stackSuffix: env.stackSuffix,
  }));
  const envByName = new Map(environments.map((e) => [e.name, e]));
  const clusterStackRef = (name: string): string | undefined => {
    const cluster = spec.clusters[name];
    return cluster?.provisioner === "pulumi" && cluster.stack ? `${project.organization}/${project.provisioningProject}/${cluster.stack}` : undefined;
  };

  const argocd = lowerArgoCd(spec);
  const services: Service[] = sortedEntries(spec.services).map(([name, service]) => {
    const cluster = spec.clusters[service.cluster] as SpecCluster;
    const instances = Object.keys(service.environments)
      .sort(compareStrings)
      .map((envName) => {
        const view = views.get(name)?.get(envName) as ResolvedServiceFields;
        const env = envByName.get(envName) as Environment;
        return lowerInstance(name, service, cluster, env, view, clusterStackRef(service.cluster));
      });
    const syncedBy = service.deployWith === "kubectl" && argocd?.clusters.includes(service.cluster) ? { syncedBy: "argocd" as const } : {};
    return { name, cluster: service.cluster, deployWith: service.deployWith, instances, ...syncedBy };
  });

  const clusters: Cluster[] = sortedEntries(spec.clusters).map(([name, cluster]) =>
    lowerCluster(name, cluster, clusterStackRef(name), services.filter((s) => s.cluster === name)),
  );

  return deepFreeze({ project, environments, clusters, services, ...(argocd ? { argocd } : {}) });
}

function lowerArgoCd(spec: Spec): ArgoCd | undefined {
  const argocd = spec.delivery?.argocd;
  if (!argocd) return undefined;
  const kubectlClusters = Object.values(spec.services).filter((s) => s.deployWith === "kubectl").map((s) => s.cluster);
  return {
    repoURL: argocd.repoURL,
    targetRevision: argocd.targetRevision,
    path: argocd.path,
    namespace: argocd.namespace,
    clusters: [...new Set(argocd.clusters ?? kubectlClusters)].sort(compareStrings),
  };
}

function lowerCluster(name: string, cluster: SpecCluster, stackReference: string | undefined, services: readonly Service[]): Cluster {
  const cidr = parseCidr(cluster.vpc.cidr);
  if (typeof cidr === "string") throw new Error(`unvalidated VPC CIDR reached lowering: ${cluster.vpc.cidr}`);
  const subnets = planSubnets(cidr);
  const addons: Addon[] = ADDON_CATALOG.filter((def) => cluster.addons[def.kind] !== undefined).map((def) => {
    const imageTag = def.imageTags?.[cluster.kubernetesVersion];
    const chartVersion = cluster.addons[def.kind]?.chartVersion as string;
    return {
      kind: def.kind,
      release: def.release,
      chart: def.chart,
      repository: def.repository,
      chartVersion,
      namespace: def.namespace,
      ...(def.serviceAccount ? { serviceAccount: def.serviceAccount } : {}),
      ...(imageTag !== undefined ? { imageTag } : {}),
      ...(def.crdsUrl ? { crdsUrl: def.crdsUrl(chartVersion) } : {}),
    };
  });
  const irsa: IrsaBinding[] = [];
  for (const def of ADDON_CATALOG) {
    if (cluster.addons[def.kind] === undefined || !def.serviceAccount || !def.wellKnownPolicy) continue;
    irsa.push({
      namespace: def.namespace,
      serviceAccount: def.serviceAccount,
      roleName: irsaRoleName(name, cluster.region, def.namespace, def.serviceAccount),
      policy: { kind: "wellKnown", name: def.wellKnownPolicy },
      owner: { kind: "addon", addon: def.kind },
      roleArnOutput: roleArnOutputName(def.namespace, def.serviceAccount),
    });
  }
  for (const service of services) {
    for (const instance of service.instances) {
      const sa = instance.serviceAccount;
      if (!sa) continue;
      irsa.push({
        namespace: instance.namespace,
        serviceAccount: sa.name,
        roleName: sa.roleName,
        policy: { kind: "managed", arns: sa.iamPolicyArns },
        owner: { kind: "service", service: service.name, environment: instance.environment },
        roleArnOutput: roleArnOutputName(instance.namespace, sa.name),
      });
    }
  }
  const partition = awsPartition(cluster.region);
  return {
    name,
    provisioner: cluster.provisioner,
    ...(cluster.provisioner === "pulumi" ? { stack: cluster.stack, stackReference } : {}),
    region: cluster.region,
    partition,
    ...(cluster.accountId ? { accountId: cluster.accountId } : {}),
    kubernetesVersion: cluster.kubernetesVersion,
    tags: sortedRecord(cluster.tags),
    vpc: { cidr: cluster.vpc.cidr, natGateway: cluster.vpc.natGateway, publicSubnets: subnets.public, privateSubnets: subnets.private },
    nodeGroups: sortedEntries(cluster.nodeGroups).map(([groupName, group]) => lowerNodeGroup(groupName, group, cluster.provisioner)),
    addons,
    irsa,
    kubeconfigContext: kubeconfigContextName(name, cluster.region),
    access: lowerAccess(cluster, partition),
    excludedZoneIds: [...unsupportedZoneIds(cluster.region)],
    namespaces: clusterNamespaces(services),
  };
}

/** One access entry per principal, its policies (in the cluster's partition) in spec order. */
function lowerAccess(cluster: SpecCluster, partition: string): AccessEntry[] {
  const byPrincipal = new Map<string, AccessEntry["policies"][number][]>();
  for (const entry of cluster.access) {
    const policies = byPrincipal.get(entry.principalArn) ?? [];
    policies.push({
      policy: entry.policy,
      policyArn: accessPolicyArn(entry.policy, partition),
      scope: entry.namespaces ? { type: "namespace", namespaces: [...entry.namespaces] } : { type: "cluster" },
    });
    byPrincipal.set(entry.principalArn, policies);
  }
  return [...byPrincipal].map(([principalArn, policies]) => ({ principalArn, policies }));
}

/** One namespace per environment with services on the cluster, at the strictest level all of them meet. */
function clusterNamespaces(services: readonly Service[]): ClusterNamespace[] {
  const byName = new Map<string, ClusterNamespace>();
  for (const instance of services.flatMap((s) => s.instances)) {
    const before = byName.get(instance.namespace);
    byName.set(instance.namespace, {
      name: instance.namespace,
      environment: instance.environment,
      podSecurity: before?.podSecurity === "baseline" || instance.podSecurity === "baseline" ? "baseline" : "restricted",
      albReadinessGate: (before?.albReadinessGate ?? false) || instance.ingress?.targetType === "ip",
    });
  }
  return [...byName.values()].sort((a, b) => compareStrings(a.name, b.name));
}

/** A node group; on a Pulumi cluster its nodes also carry foundation's node-group label (EKS's holds a generated name there). */
function lowerNodeGroup(name: string, group: SpecNodeGroup, provisioner: SpecCluster["provisioner"]): NodeGroup {
  const labels = provisioner === "pulumi" ? { ...group.labels, [FOUNDATION_NODE_GROUP_LABEL]: name } : group.labels;
  const autoscalerTags: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) autoscalerTags[`k8s.io/cluster-autoscaler/node-template/label/${key}`] = value;
  for (const taint of group.taints) {
    autoscalerTags[`k8s.io/cluster-autoscaler/node-template/taint/${taint.key}`] = `${taint.value ?? ""}:${taint.effect}`;
  }
  return {
    name,
    instanceTypes: [...group.instanceTypes],
    capacityType: group.capacityType,
    minSize: group.minSize,
    desiredSize: group.desiredSize,
    maxSize: group.maxSize,
    volumeSizeGiB: group.volumeSizeGiB,
    privateNetworking: group.privateNetworking,
    labels: sortedRecord(labels),
    taints: group.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
    autoscalerTags: sortedRecord(autoscalerTags),
  };
}

function lowerInstance(
  name: string,
  service: SpecService,
  cluster: SpecCluster,
  env: Environment,
  view: ResolvedServiceFields,
  stackReference: string | undefined,
): ServiceInstance {
  const quantity = (q: string | number | undefined) => (q === undefined ? {} : { value: String(q) });
  const list = (side: "requests" | "limits") => {
    const cpu = quantity(view.resources?.[side]?.cpu).value;
    const memory = quantity(view.resources?.[side]?.memory).value;
    return { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
  };
  const roleName = irsaRoleName(service.cluster, cluster.region, env.namespace, name);
  const serviceAccount = view.serviceAccount
    ? {
        name,
        roleName,
        iamPolicyArns: [...view.serviceAccount.iamPolicyArns],
        createdBy: cluster.provisioner === "eksctl" ? ("infrastructure" as const) : ("application" as const),
        ...(cluster.provisioner === "pulumi"
          ? {
              roleArn:
                service.deployWith === "pulumi"
                  ? { kind: "stackOutput" as const, stackReference: stackReference as string, output: roleArnOutputName(env.namespace, name) }
                  : { kind: "static" as const, arn: `arn:${awsPartition(cluster.region)}:iam::${cluster.accountId as string}:role/${roleName}` },
            }
          : {}),
      }
    : undefined;
  return {
    service: name,
    environment: env.name,
    namespace: env.namespace,
    stackName: `${name}-${env.stackSuffix}`,
    cluster: service.cluster,
    provisioner: cluster.provisioner,
    deployWith: service.deployWith,
    image: view.image,
    imageTag: view.imageTag as string,
    replicas: view.replicas ?? view.autoscaling?.minReplicas ?? 1,
    port: view.port,
    ...(view.healthCheck
      ? {
          healthCheck: {
            path: view.healthCheck.path,
            livenessPath: view.healthCheck.livenessPath ?? view.healthCheck.path,
            port: view.healthCheck.port ?? view.port,
            initialDelaySeconds: view.healthCheck.initialDelaySeconds,
            periodSeconds: view.healthCheck.periodSeconds,
            timeoutSeconds: view.healthCheck.timeoutSeconds,
            failureThreshold: view.healthCheck.failureThreshold,
          },
        }
      : {}),
    resources: { requests: list("requests"), limits: list("limits") },
    config: sortedRecord(view.config),
    secrets: sortedEntries(view.secrets).map(([envName, ref]) => ({ env: envName, secretName: ref.secretName, key: ref.key })),
    ...(serviceAccount ? { serviceAccount } : {}),
    ...(view.ingress ? { ingress: { ...view.ingress, group: view.ingress.group ?? defaultIngressGroup(env.name, view.ingress.scheme) } } : {}),
    ...(view.autoscaling ? { autoscaling: { ...view.autoscaling } } : {}),
    ...(view.scheduling ? { scheduling: lowerScheduling(cluster, view.scheduling.nodeGroup) } : {}),
    podSecurity: view.podSecurity,
  };
}

/** The node selector and tolerations that put pods on one node group, by the label that holds its spec name. */
function lowerScheduling(cluster: SpecCluster, nodeGroup: string): Scheduling {
  const group = cluster.nodeGroups[nodeGroup];
  if (!group) throw new Error(`unvalidated node group reached lowering: ${nodeGroup}`);
  return {
    nodeGroup,
    nodeSelector: sortedRecord({ ...group.labels, [nodeGroupLabel(cluster.provisioner)]: nodeGroup }),
    tolerations: group.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
  };
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => compareStrings(a, b));
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(sortedEntries(record));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
