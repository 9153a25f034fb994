import type { GeneratedFile } from "../backend.js";
import type { Cluster, Model, ServiceInstance } from "../model/model.js";
import { adoptIntoPulumi } from "./adopt-into-pulumi.js";
import { clusterMigrations } from "./cluster-changes.js";
import type { Migration, MigrationContext } from "./migration.js";
import { moveCluster } from "./move-cluster.js";
import { planMarkdown } from "./plan-markdown.js";
import { releaseFromPulumi } from "./release-from-pulumi.js";

/** The plan's own file, at the top of the migration folder. */
export const PLAN_FILE = "PLAN.md";

function instances(model: Model): Map<string, ServiceInstance> {
  return new Map(model.services.flatMap((s) => s.instances.map((i) => [`${i.service}@${i.environment}`, i] as const)));
}

function clusterOf(model: Model, name: string): Cluster {
  const cluster = model.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`internal: unknown cluster ${name}`);
  return cluster;
}

/** Whether Argo CD, not CI, applies the instance's folder. */
function syncedByArgoCd(model: Model, instance: ServiceInstance): boolean {
  return model.services.find((s) => s.name === instance.service)?.syncedBy === "argocd";
}

/**
 * Every change from the base revision to the head one that a plain deploy cannot do safely, each with its
 * steps and files: services moving between kubectl and Pulumi or between clusters, node groups to replace,
 * clusters changing provisioner or leaving the spec. Empty when a deploy does it all.
 */
export function planMigrations(context: MigrationContext): Migration[] {
  const out: Migration[] = [];
  const after = instances(context.head);
  for (const [key, before] of instances(context.base)) {
    const next = after.get(key);
    if (!next) continue;
    const stackOf = (stacks: MigrationContext["baseStacks"], instance: ServiceInstance) =>
      instance.deployWith === "pulumi" ? stacks.find((s) => s.service === instance.service && s.environment === instance.environment) : undefined;
    const fromStack = stackOf(context.baseStacks, before);
    const toStack = stackOf(context.headStacks, next);
    if (before.cluster !== next.cluster || before.namespace !== next.namespace) {
      out.push(
        moveCluster(context, {
          before,
          after: next,
          from: clusterOf(context.base, before.cluster),
          to: clusterOf(context.head, next.cluster),
          ...(fromStack ? { fromStack } : {}),
          ...(toStack ? { toStack } : {}),
        }),
      );
    } else if (before.deployWith === "kubectl" && next.deployWith === "pulumi" && toStack) {
      out.push(adoptIntoPulumi(context, before, next, clusterOf(context.head, next.cluster), toStack, syncedByArgoCd(context.base, before)));
    } else if (before.deployWith === "pulumi" && next.deployWith === "kubectl" && fromStack) {
      out.push(releaseFromPulumi(context, before, next, clusterOf(context.head, next.cluster), fromStack, syncedByArgoCd(context.head, next)));
    }
  }
  return [...out, ...clusterMigrations(context)];
}

/** The migration folder's files: PLAN.md and what its steps need; none when nothing needs migrating. */
export function migrationFiles(context: MigrationContext, migrations: readonly Migration[]): GeneratedFile[] {
  if (migrations.length === 0) return [];
  return [{ path: PLAN_FILE, content: planMarkdown(context, migrations) }, ...migrations.flatMap((m) => m.files)];
}
