import { parse } from "yaml";
import type { GeneratedFile } from "../../backend.js";
import { backendNamed } from "../../compile/generate.js";
import { compareStrings } from "../../errors/spec-error.js";
import type { Cluster, Model, Service, ServiceInstance } from "../../model/model.js";
import { manualDeployDir, PULUMI_DEPLOY_DIR } from "../../model/output-layout.js";
import { inParallel, MockProject, runAll, type RegisteredResource, type StackToRun } from "../../pulumi/run-under-mocks.js";
import type { BetweenOptions } from "./between-options.js";
import { compareDescriptions, statusOf, type BetweenDiff, type BetweenTarget } from "./between-result.js";
import { flippedModel, withDeployWith, type FlippedModel } from "./flip-spec.js";

/** A kubeconfig the fake provisioning stack exports. */
const FAKE_KUBECONFIG = '{"apiVersion":"v1","kind":"Config","clusters":[]}';

/**
 * `--between kubectl,pulumi`: every service (or one) rendered with `deployWith: kubectl` (its manifests,
 * parsed) and with `deployWith: pulumi` (its stacks run under Pulumi's mocks, the Kubernetes resources
 * they register turned back into objects), compared object by object per environment.
 */
export async function diffApplications(file: string, text: string, model: Model, options: BetweenOptions): Promise<BetweenDiff> {
  const services = model.services.filter((s) => options.only === undefined || s.name === options.only);
  const prepared = services.map((service) => prepareService(file, text, service, options));
  try {
    const stacks = prepared.flatMap((p) => ("targets" in p ? [] : p.pulumiService.instances.map((instance) => ({ project: p.project, stack: instance.stackName, stackOutputs: p.outputs }))));
    const runs = await runInChildren(stacks, options.parallel ?? 2);
    let next = 0;
    const targets = prepared.flatMap((p) => ("targets" in p ? p.targets : compareService(p, runs.slice(next, (next += p.pulumiService.instances.length)))));
    return { spec: file, ...(options.only !== undefined ? { only: options.only } : {}), left: "kubectl", right: "pulumi", targets };
  } finally {
    for (const p of prepared) if (!("targets" in p)) p.project.dispose();
  }
}

/** Stacks run per child process: each child loads the Pulumi packages once, then runs its share one after the other. */
const STACKS_PER_CHILD = 8;

/** Runs the stacks in up to `parallel` child processes at once (fewer when there are few stacks); results in order. */
async function runInChildren(stacks: readonly StackToRun[], parallel: number): Promise<RegisteredResource[][]> {
  const children = Math.max(1, Math.min(parallel, Math.ceil(stacks.length / STACKS_PER_CHILD)));
  const size = Math.ceil(stacks.length / children);
  const groups = Array.from({ length: children }, (_, i) => stacks.slice(i * size, (i + 1) * size)).filter((g) => g.length > 0);
  const done = await inParallel(groups, children, (group) => runAll(group));
  return done.flat().map((run) => [...run.resources]);
}

/** A service ready to compare: both sides generated, its Pulumi project written (dispose it). */
interface PreparedService {
  readonly service: Service;
  readonly manifests: readonly GeneratedFile[];
  readonly pulumiService: Service;
  readonly pulumiCluster: Cluster;
  readonly kubectlCluster: Cluster;
  readonly project: MockProject;
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

function prepareService(file: string, text: string, service: Service, options: BetweenOptions): PreparedService | { readonly targets: BetweenTarget[] } {
  const adjust = options.adjust ?? ((_side: string, files: GeneratedFile[]) => files);
  const [kubectl, pulumi] = (["kubectl", "pulumi"] as const).map((deployWith) => flippedModel(file, withDeployWith(text, service.name, deployWith), `deployWith: ${deployWith}`)) as [FlippedModel, FlippedModel];
  if (!kubectl.ok || !pulumi.ok) {
    const { message } = (!kubectl.ok ? kubectl : pulumi) as Extract<FlippedModel, { ok: false }>;
    return { targets: service.instances.map((i) => ({ target: targetId(i), kind: "service", status: "invalid", objects: 0, differences: [], notes: [], message })) };
  }
  const context = { specName: file };
  const manifests = adjust("kubectl", backendNamed(options.backends, "kubectl").generate(kubectl.model, context));
  const program = adjust("pulumi", backendNamed(options.backends, "pulumi-app").generate(pulumi.model, context));
  const kubectlService = kubectl.model.services.find((s) => s.name === service.name) as Service;
  const pulumiService = pulumi.model.services.find((s) => s.name === service.name) as Service;
  const pulumiCluster = pulumi.model.clusters.find((c) => c.name === pulumiService.cluster) as Cluster;
  const kubectlCluster = kubectl.model.clusters.find((c) => c.name === kubectlService.cluster) as Cluster;
  const outputs = pulumiCluster.stackReference ? { [pulumiCluster.stackReference]: provisioningOutputs(pulumiCluster, kubectlService) } : {};
  const project = MockProject.create(program, PULUMI_DEPLOY_DIR, options.cwd);
  return { service, manifests, pulumiService, pulumiCluster, kubectlCluster, project, outputs };
}

/** The service's targets, from the resources each of its stacks registered (in the order of its instances). */
function compareService(prepared: PreparedService, runs: readonly (readonly RegisteredResource[])[]): BetweenTarget[] {
  const { service, manifests, pulumiService, pulumiCluster, kubectlCluster, project } = prepared;
  return pulumiService.instances.map((instance, index) => {
    const left = manifestObjects(manifests, service.name, instance.environment);
    const { objects: right, notes } = registeredObjects(runs[index] ?? [], instance, project.project, pulumiCluster);
    const differences = compareDescriptions("service", left, right, { cluster: service.cluster });
    const dir = manualDeployDir(service.name, instance.environment);
    return {
      target: targetId(instance),
      kind: "service" as const,
      status: statusOf(differences),
      objects: new Set([...Object.keys(left), ...Object.keys(right)]).size,
      differences,
      notes: [`kubectl: kubectl --context ${kubectlCluster.kubeconfigContext} apply -f out/${dir}`, ...notes],
    };
  });
}

function targetId(instance: ServiceInstance): string {
  return `${instance.service}@${instance.environment}`;
}

/**
 * The outputs a cluster's provisioning stack would export: a kubeconfig, and per IRSA binding the role ARN,
 * the same the kubectl side writes into its YAML, so that the two compare equal.
 */
function provisioningOutputs(cluster: Cluster, kubectlService: Service): Record<string, string> {
  const staticArns = new Map<string, string>();
  for (const instance of kubectlService.instances) {
    const arn = instance.serviceAccount?.roleArn;
    if (arn?.kind === "static") staticArns.set(instance.serviceAccount?.roleName as string, arn.arn);
  }
  const account = cluster.accountId ?? "000000000000";
  return {
    kubeconfig: FAKE_KUBECONFIG,
    cluster_name: cluster.name,
    ...Object.fromEntries(cluster.irsa.map((b) => [b.roleArnOutput, staticArns.get(b.roleName) ?? `arn:aws:iam::${account}:role/${b.roleName}`])),
  };
}

function keyOf(object: Record<string, unknown>): string {
  return `${String(object.kind)}/${String((object.metadata as { name?: unknown } | undefined)?.name)}`;
}

/** The kubectl backend's manifests of one service in one environment, parsed, by `Kind/name`. */
function manifestObjects(files: readonly GeneratedFile[], service: string, environment: string): Record<string, unknown> {
  const dir = `${manualDeployDir(service, environment)}/`;
  const objects = files.filter((f) => f.path.startsWith(dir)).map((f) => parse(f.content) as Record<string, unknown>);
  return Object.fromEntries(objects.map((o) => [keyOf(o), o]));
}

/** The Kubernetes resources a stack registered, as objects by `Kind/name`, and how its providers reach the cluster. */
function registeredObjects(
  resources: readonly RegisteredResource[],
  instance: ServiceInstance,
  project: string,
  cluster: Cluster,
): { objects: Record<string, unknown>; notes: string[] } {
  const providers = new Map(resources.filter((r) => r.type === "pulumi:providers:kubernetes").map((r) => [r.name, r.inputs]));
  const objects: Record<string, unknown> = {};
  const byProvider = new Map<string, string[]>();
  for (const resource of resources.filter((r) => r.type.startsWith("kubernetes:") && r.readId === undefined)) {
    const key = keyOf(resource.inputs);
    objects[key] = resource.inputs;
    const provider = resource.provider ?? "(default provider)";
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), key]);
  }
  const reach = (name: string) => {
    const args = providers.get(name);
    if (!args) return "the ambient kubeconfig";
    const how = typeof args.context === "string" ? `kubeconfig context ${args.context}` : `the kubeconfig output of ${cluster.stackReference ?? "the provisioning stack"}`;
    return args.upsertExistingObjects === "true" || args.upsertExistingObjects === true ? `${how}, adopting existing objects` : how;
  };
  const groups = [...byProvider.entries()].sort(([a, x], [b, y]) => y.length - x.length || compareStrings(a, b));
  const parts = groups.map(([provider, keys], index) =>
    index === 0 ? `provider ${provider} (${reach(provider)})` : `${keys.sort(compareStrings).join(", ")} through provider ${provider} (${reach(provider)})`,
  );
  const notes = [`pulumi: stack ${instance.stackName} of ${project}, ${parts.join("; ") || "no Kubernetes objects"}`];
  return { objects, notes };
}
