import type { Model } from "../../model/model.js";
import { isEqual } from "../core/field-diff.js";
import { provisionerWording } from "./provisioner-wording.js";
import type { Target } from "./targets.js";

/**
 * A change that replaces or disrupts something running, or needs a manual step:
 * `replace` (recreated), `disrupt` (running workloads interrupted), `migrate` (moves between tools or
 * clusters: resources must be moved by hand), `delete` (no longer managed: destroy it by hand).
 */
export interface DiffWarning {
  readonly target: string;
  readonly severity: "replace" | "disrupt" | "migrate" | "delete";
  readonly message: string;
}

/** The warnings one target's change deserves. */
export function warningsFor(id: string, before: Target | undefined, after: Target | undefined, headModel: Model): DiffWarning[] {
  if (!before && !after) return [];
  if ((before ?? after)?.kind === "cluster") return clusterWarnings(id, before, after, headModel);
  return serviceWarnings(id, before, after);
}

function clusterWarnings(id: string, before: Target | undefined, after: Target | undefined, headModel: Model): DiffWarning[] {
  const out: DiffWarning[] = [];
  const warn = (severity: DiffWarning["severity"], message: string) => out.push({ target: id, severity, message });
  if (!before) return out;
  if (!after) {
    const vpc = before.objects[`Vpc/${id}`] as { cidr: string };
    const twin = headModel.clusters.find((c) => c.vpc.cidr === vpc.cidr);
    warn(
      "delete",
      twin
        ? `cluster ${id} is gone and ${twin.name} takes its VPC ${vpc.cidr}: renaming a cluster replaces it (a new cluster is built, the old one must be destroyed after its services move)`
        : `cluster ${id} is no longer in the spec: foundation stops generating it, but the cluster keeps running until it is destroyed (${before.backend === "eksctl" ? `eksctl delete cluster --name ${id}` : `pulumi destroy on stack ${stackOf(before)}`})`,
    );
    return out;
  }
  const a = (key: string) => before.objects[key] as Record<string, unknown> | undefined;
  const b = (key: string) => after.objects[key] as Record<string, unknown> | undefined;
  const ca = a(`Cluster/${id}`) ?? {};
  const cb = b(`Cluster/${id}`) ?? {};
  if (before.backend !== after.backend) {
    warn(
      "migrate",
      `cluster ${id} moves from ${before.backend} to ${after.backend}: the new tool would build a second cluster under the same name; never change a cluster's provisioner in place: ${MIGRATE} for the blue/green plan (a new cluster, the services moved to it, this one deleted last)`,
    );
  }
  if (ca.region !== cb.region) warn("replace", `region ${String(ca.region)} -> ${String(cb.region)} builds a new cluster in the new region; nothing moves by itself`);
  const va = a(`Vpc/${id}`)?.cidr;
  const vb = b(`Vpc/${id}`)?.cidr;
  if (va !== vb) warn("replace", `VPC CIDR ${String(va)} -> ${String(vb)} replaces the VPC, and with it the cluster and every node`);
  const wording = provisionerWording(after.backend);
  const from = minor(ca.kubernetesVersion);
  const to = minor(cb.kubernetesVersion);
  if (to < from) warn("replace", `Kubernetes ${String(ca.kubernetesVersion)} -> ${String(cb.kubernetesVersion)}: EKS cannot downgrade a cluster; this needs a new cluster`);
  else if (to - from > 1) {
    warn("disrupt", `Kubernetes ${String(ca.kubernetesVersion)} -> ${String(cb.kubernetesVersion)} skips versions: EKS upgrades one minor version at a time, so make it ${to - from} separate changes`);
  } else if (to - from === 1) {
    const upgrade = wording.describe({ kind: "versionUpgrade", cluster: id, from: String(ca.kubernetesVersion), to: String(cb.kubernetesVersion) });
    if (upgrade) warn("disrupt", upgrade);
  }
  for (const key of Object.keys(before.objects).filter((k) => k.startsWith("NodeGroup/"))) {
    const group = key.slice("NodeGroup/".length);
    const ga = a(key) as Record<string, unknown>;
    const gb = b(key);
    if (!gb) {
      warn("disrupt", `node group ${group} is removed: its nodes are drained and deleted, and their pods rescheduled elsewhere`);
      continue;
    }
    const changed = wording.nodeGroupReplacedBy.filter((field) => !isEqual(ga[field], gb[field]));
    if (changed.length === 0) continue;
    const message = wording.describe({ kind: "nodeGroupReplacement", cluster: id, group, fields: changed });
    if (message) warn("replace", message);
  }
  for (const key of Object.keys(before.objects).filter((k) => k.startsWith("Addon/") && !after.objects[k])) {
    warn("disrupt", `add-on ${key.slice("Addon/".length)} is removed: ${key.includes("load-balancer") ? "ingresses stop being reconciled" : key.includes("metrics") ? "autoscalers stop getting metrics" : "nodes stop autoscaling"}`);
  }
  return out;
}

function serviceWarnings(id: string, before: Target | undefined, after: Target | undefined): DiffWarning[] {
  const out: DiffWarning[] = [];
  const warn = (severity: DiffWarning["severity"], message: string) => out.push({ target: id, severity, message });
  if (!before) return out;
  if (!after) {
    warn(
      "delete",
      before.location.kind === "kubectl"
        ? `no longer deployed: its folder out/${before.location.dir} disappears, but kubectl apply deletes nothing; run ${kubectlDelete(before, before.location.context)} before merging (a pruning GitOps controller does it for you)`
        : `no longer deployed: its stack ${stackOf(before)} is no longer generated; run pulumi destroy and pulumi stack rm on it before merging`,
    );
    return out;
  }
  if (before.cluster !== after.cluster) {
    warn(
      "migrate",
      `moves from cluster ${before.cluster} to ${after.cluster}: it must run on both while its traffic moves; ${MIGRATE} for the plan (deploy on ${after.cluster}, check it, switch DNS, then remove it from ${before.cluster} by name)`,
    );
  }
  if (before.backend !== after.backend) {
    warn(
      "migrate",
      before.backend === "kubectl"
        ? `moves from kubectl to Pulumi (stack ${stackOf(after)}): its objects already exist, so CI's pulumi up on the merge would fail on them (AlreadyExists); before merging, the stack must adopt them (pulumi import): ${MIGRATE} for the import file and the script`
        : `moves from Pulumi to kubectl: before merging, stack ${stackOf(before)} must let go of its objects without deleting them (pulumi state delete, then pulumi stack rm; pulumi destroy would delete the running service): ${MIGRATE} for the script`,
    );
  }
  if (before.namespace !== after.namespace) {
    warn("replace", `moves from namespace ${String(before.namespace)} to ${String(after.namespace)}: every object is created anew there, and the old ones must be deleted (kubectl leaves them running)`);
  }
  const selector = (t: Target) =>
    Object.entries(t.objects).find(([key]) => key.startsWith("Deployment/"))?.[1] as { spec?: { selector?: unknown } } | undefined;
  const sa = selector(before)?.spec?.selector;
  const sb = selector(after)?.spec?.selector;
  if (sa !== undefined && sb !== undefined && !isEqual(sa, sb)) {
    warn("replace", `the Deployment's selector changes, and a selector is immutable: kubectl apply fails until the Deployment is deleted (downtime); Pulumi replaces it`);
  }
  return out;
}

/**
 * `kubectl delete` of exactly the objects a service target consists of, by kind and name: never a folder
 * (`delete -f`), and so never a Namespace, which belongs to the cluster (no service target holds one).
 */
function kubectlDelete(target: Target, context: string): string {
  const names = Object.keys(target.objects).map((key) => {
    const [kind = "", name = ""] = key.split("/");
    return `${kind.toLowerCase()}/${name}`;
  });
  return `kubectl --context ${context} delete --namespace ${String(target.namespace)} ${names.join(" ")}`;
}

/** Where a migration warning sends the reader: the command that writes the runnable plan. */
const MIGRATE = "run `foundation migrate --base <the same base>`";

function stackOf(target: Target): string {
  return target.location.kind === "pulumi" ? target.location.stack : target.id;
}

function minor(version: unknown): number {
  const match = /^1\.(\d+)$/.exec(String(version));
  return match ? Number(match[1]) : 0;
}
