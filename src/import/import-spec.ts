import { parseAllDocuments } from "yaml";
import type { Backend } from "../backend.js";
import { backendNamed, generate } from "../compile/generate.js";
import { modelFromText } from "../compile/load-model.js";
import { formatError } from "../errors/spec-error.js";
import { validationDay } from "../model/eks-versions.js";
import { defaultIngressGroup } from "../model/names.js";
import { importClusterConfig, DEFAULT_CHART_VERSIONS, type ImportedCluster } from "./cluster-config.js";
import { compareAll, objectKey } from "./compare.js";
import { emitSpec } from "./emit-spec.js";
import { factorEnvironments } from "./factor-environments.js";
import { Inferred } from "./inferred.js";
import { describeObject, manifestFiles, readObjects, type InputObject, type InputProblem, type LossyField } from "./input-objects.js";
import { groupWorkloads, UNKNOWN_TAG, type Workload } from "./workloads.js";

/** What `foundation import` made of its inputs. */
export interface ImportResult {
  /** The spec's text; empty when `errors` is not. */
  readonly text: string;
  /** Every input field the spec does not reproduce, with its file and path. */
  readonly lossy: readonly LossyField[];
  /** Files that could not be read. */
  readonly problems: readonly InputProblem[];
  /** Errors of the spec the inputs gave (printed like spec errors). */
  readonly errors: readonly string[];
}

/** The reference spec's order of a service's fields (environment blocks follow it too). */
const SERVICE_FIELD_ORDER = ["cluster", "deployWith", "image", "imageTag", "replicas", "port", "healthCheck", "resources", "config", "secrets", "serviceAccount", "podSecurity", "ingress", "autoscaling", "scheduling"];
/** Add-ons in install order, as the reference spec lists them. */
const ADDON_ORDER = ["awsLoadBalancerController", "metricsServer", "clusterAutoscaler"];

function ordered(fields: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b)));
}

const INSTANCE_LABEL = "app.kubernetes.io/instance";
const PART_OF_LABEL = "app.kubernetes.io/part-of";
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const labelsOf = (o: InputObject): Record<string, unknown> => {
  const metadata = o.value["metadata"] as { labels?: Record<string, unknown> } | undefined;
  return metadata?.labels ?? {};
};

/** An environment per namespace, named after foundation's instance label (`<service>-<environment>`) when the objects carry it. */
function environmentsOf(workloads: readonly Workload[], namespaces: readonly string[], inferred: Inferred): Map<string, string> {
  const byNamespace = new Map<string, string>();
  for (const namespace of namespaces) {
    const named = workloads
      .filter((w) => w.namespace === namespace)
      .map((w) => {
        const instance = labelsOf(w.deployment)[INSTANCE_LABEL];
        return typeof instance === "string" && instance.startsWith(`${w.service}-`) ? instance.slice(w.service.length + 1) : undefined;
      })
      .find((n) => n !== undefined && DNS_LABEL.test(n) && n.length <= 40);
    const taken = new Set(byNamespace.values());
    const name = named !== undefined && !taken.has(named) ? named : namespace;
    byNamespace.set(namespace, name);
    inferred.note(["environments", name, "stackSuffix"], "inferred: the namespace (kubectl manifests do not name Pulumi stacks)");
    if (named === undefined) inferred.note(["environments", name], "named after its namespace");
    else inferred.note(["environments", name], `named after the ${INSTANCE_LABEL} labels`);
  }
  return byNamespace;
}

const nodeGroupOf = (w: Workload) => (w.fields["scheduling"] as { nodeGroup: string } | undefined)?.nodeGroup;
const hasNodeGroup = (cluster: ImportedCluster, nodeGroup: string) => Object.hasOwn((cluster.data["nodeGroups"] ?? {}) as object, nodeGroup);

/** The cluster that runs a service: the one with its IRSA role, else the one with the node groups it is pinned to, else the first. */
function chooseCluster(workloads: readonly Workload[], clusters: readonly ImportedCluster[]): { cluster: ImportedCluster; byRole: boolean } {
  const first = workloads[0] as Workload;
  const role = `${first.namespace}/${first.serviceAccountName ?? first.service}`;
  const withRole = clusters.filter((c) => c.serviceRoles.has(role));
  if (withRole.length === 1) return { cluster: withRole[0] as ImportedCluster, byRole: true };
  const pinned = workloads.map(nodeGroupOf).filter((g): g is string => g !== undefined);
  const withGroups = clusters.filter((c) => pinned.length > 0 && pinned.every((g) => hasNodeGroup(c, g)));
  if (withGroups.length === 1) return { cluster: withGroups[0] as ImportedCluster, byRole: true };
  return { cluster: clusters[0] as ImportedCluster, byRole: false };
}

/**
 * A workload's fields less what compile derives from its cluster and environment: the default IngressGroup
 * of the environment and scheme is left out, and a node group the cluster does not have is dropped (the
 * comparison then lists the nodeSelector).
 */
function settle(fields: Record<string, unknown>, cluster: ImportedCluster, environment: string): Record<string, unknown> {
  const out = { ...fields };
  const ingress = out["ingress"] as Record<string, unknown> | undefined;
  if (ingress && ingress["group"] === defaultIngressGroup(environment, String(ingress["scheme"] ?? "internet-facing"))) {
    const { group: _, ...rest } = ingress;
    out["ingress"] = rest;
  }
  const nodeGroup = (out["scheduling"] as { nodeGroup: string } | undefined)?.nodeGroup;
  if (nodeGroup !== undefined && !hasNodeGroup(cluster, nodeGroup)) delete out["scheduling"];
  return out;
}

const GROUP_ANNOTATION = "alb.ingress.kubernetes.io/group.name";
const annotationsOf = (o: InputObject): Record<string, unknown> => (o.value["metadata"] as { annotations?: Record<string, unknown> } | undefined)?.annotations ?? {};

/** Comments for fields whose value a workload's objects imply rather than say, wherever factoring puts them. */
const FIELD_NOTES: readonly { field: string; applies(w: Workload): boolean; comment: string }[] = [
  {
    field: "podSecurity",
    applies: (w) => w.fields["podSecurity"] !== undefined,
    comment: "inferred: its pods do not meet restricted (runAsNonRoot, no privilege escalation, all capabilities dropped)",
  },
  {
    field: "ingress",
    applies: (w) => w.objects.some((o) => o.value["kind"] === "Ingress" && annotationsOf(o)[GROUP_ANNOTATION] === undefined),
    comment: "inferred: it joins the ALB its environment's Ingresses of its scheme share (no IngressGroup given); set group for one of its own",
  },
];

/** Reads the inputs, writes the spec, compiles it (with the eksctl and kubectl backends of `backends`) and lists every input field the result does not reproduce. */
export function importSpec(
  eksctlFiles: readonly string[],
  manifestDirs: readonly string[],
  backends: readonly Backend[],
  specName = "foundation.yaml",
  today: string = validationDay(),
): ImportResult {
  const inferred = new Inferred();
  const problems: InputProblem[] = [];
  const lossy: LossyField[] = [];
  const read = (file: string) => {
    const result = readObjects(file);
    problems.push(...result.problems);
    return result.objects;
  };

  const clusterConfigs: InputObject[] = [];
  for (const object of eksctlFiles.flatMap(read)) {
    if (object.value["kind"] === "ClusterConfig") clusterConfigs.push(object);
    else lossy.push({ file: object.file, position: object.locate([]), path: [], message: `${describeObject(object.value)}: not an eksctl ClusterConfig` });
  }
  const clusters = clusterConfigs.map((c) => importClusterConfig(c, inferred, today));
  const manifests = manifestDirs.flatMap(manifestFiles).flatMap(read);
  const grouping = groupWorkloads(manifests);
  for (const { object, reason } of grouping.unclaimed) lossy.push({ file: object.file, position: object.locate([]), path: [], message: reason });

  if (clusters.length === 0) {
    return { text: "", lossy, problems, errors: ["foundation import: no eksctl ClusterConfig among the --eksctl files; a spec needs a cluster"] };
  }

  const namespaces = [...new Set([...grouping.workloads.map((w) => w.namespace), ...grouping.namespaces.map((n) => String((n.value["metadata"] as { name?: unknown } | undefined)?.name))])];
  const environmentOf = environmentsOf(grouping.workloads, namespaces, inferred);
  const environments: Record<string, unknown> = {};
  for (const [namespace, name] of environmentOf) environments[name] = { namespace, stackSuffix: namespace.slice(0, 22).replace(/-+$/, "") };
  if (namespaces.length === 0) {
    environments["default"] = { namespace: "default", stackSuffix: "default" };
    inferred.note(["environments", "default"], "inferred: no manifests were imported, and a spec needs an environment");
  }

  const services: Record<string, unknown> = {};
  const byService = new Map<string, Workload[]>();
  for (const w of grouping.workloads) byService.set(w.service, [...(byService.get(w.service) ?? []), w]);
  for (const [service, workloads] of byService) {
    const { cluster, byRole } = chooseCluster(workloads, clusters);
    if (!byRole && clusters.length > 1) inferred.note(["services", service, "cluster"], "inferred: nothing in the manifests says which cluster runs it");
    const perEnvironment = new Map<string, Record<string, unknown>>();
    for (const w of workloads) {
      const fields = settle(w.fields, cluster, environmentOf.get(w.namespace) as string);
      const arns = cluster.serviceRoles.get(`${w.namespace}/${w.serviceAccountName ?? ""}`);
      if (w.serviceAccountName === service && arns) fields["serviceAccount"] = { iamPolicyArns: [...arns] };
      perEnvironment.set(environmentOf.get(w.namespace) as string, fields);
    }
    const declaresPort = workloads.some((w) => JSON.stringify(w.deployment.value).includes('"containerPort"'));
    if (!declaresPort) inferred.note(["services", service, "port"], "inferred: its container declares no port");
    for (const [environment, fields] of perEnvironment) {
      if (fields["imageTag"] === UNKNOWN_TAG) inferred.note(["services", service, "environments", environment, "imageTag"], "inferred: the image has a digest or no tag; set the tag you deploy");
    }
    const { service: own, environments: blocks } = factorEnvironments(perEnvironment);
    const environmentBlocks = Object.fromEntries(Object.entries(blocks).map(([name, block]) => [name, ordered(block, SERVICE_FIELD_ORDER)]));
    for (const { field, applies, comment } of FIELD_NOTES) {
      for (const w of workloads.filter(applies)) {
        const environment = environmentOf.get(w.namespace) as string;
        if (blocks[environment]?.[field] !== undefined) inferred.note(["services", service, "environments", environment, field], comment);
        else if (own[field] !== undefined) inferred.note(["services", service, field], comment);
      }
    }
    services[service] = { ...ordered({ cluster: cluster.name, deployWith: "kubectl", ...own }, SERVICE_FIELD_ORDER), environments: environmentBlocks };
    const addons = cluster.data["addons"] as Record<string, unknown>;
    const uses = (field: string) => [...perEnvironment.values()].some((f) => f[field] !== undefined);
    if (uses("autoscaling") && !addons["metricsServer"]) {
      addons["metricsServer"] = { chartVersion: DEFAULT_CHART_VERSIONS.metricsServer };
      inferred.note(["clusters", cluster.name, "addons", "metricsServer"], "inferred: the HorizontalPodAutoscalers need it; pin the chart version you run");
    }
    if (uses("ingress") && !addons["awsLoadBalancerController"]) {
      addons["awsLoadBalancerController"] = { chartVersion: DEFAULT_CHART_VERSIONS.awsLoadBalancerController };
      inferred.note(["clusters", cluster.name, "addons", "awsLoadBalancerController"], "inferred: the Ingresses need it; pin the chart version you run");
    }
  }

  const partOf = manifests.map((o) => labelsOf(o)[PART_OF_LABEL]).find((v): v is string => typeof v === "string" && DNS_LABEL.test(v));
  const projectName = partOf ?? (clusters[0] as ImportedCluster).name;
  inferred.note(["metadata", "name"], partOf ? `from the ${PART_OF_LABEL} labels` : "inferred: the first cluster's name");
  inferred.note(["metadata", "organization"], "inferred: your Pulumi organization, needed once something deploys with Pulumi");
  const spec = {
    apiVersion: "foundation/v1alpha1",
    kind: "Foundation",
    metadata: { name: projectName, organization: projectName },
    environments,
    clusters: Object.fromEntries(clusters.map((c) => [c.name, { ...c.data, addons: ordered(c.data["addons"] as Record<string, unknown>, ADDON_ORDER) }])),
    services,
  };
  const header = [
    `Imported by \`foundation import\` from ${[...eksctlFiles, ...manifestDirs].join(", ")}.`,
    "Values marked \"inferred\" were not in those files: check them. Fields the spec cannot represent",
    "were listed when it ran; compile this spec and compare out/ with what you run today.",
  ];
  const text = emitSpec(spec, inferred, header);

  const result = modelFromText(specName, text);
  if (!result.ok) return { text, lossy, problems, errors: result.errors.map(formatError) };
  const generated = new Map<string, Record<string, unknown>>();
  for (const file of generate(result.model, specName, [backendNamed(backends, "eksctl"), backendNamed(backends, "kubectl")])) {
    if (!file.path.endsWith(".yaml")) continue;
    for (const doc of parseAllDocuments(file.content) as unknown as { toJS(): unknown }[]) {
      const value = doc.toJS() as Record<string, unknown> | null;
      if (value && typeof value === "object" && typeof value["kind"] === "string" && value["metadata"]) generated.set(objectKey(value), value);
    }
  }
  const compared = [...clusterConfigs, ...grouping.workloads.flatMap((w) => w.objects), ...grouping.namespaces];
  lossy.push(...compareAll(compared, generated));
  return { text, lossy, problems, errors: [] };
}
