import type { SpecError } from "../errors/spec-error.js";
import { overlaps, parseCidr, VPC_PREFIX_MAX, VPC_PREFIX_MIN, type Cidr } from "../spec/cidr.js";
import { mergeEnvironment, originOf } from "../spec/merge-environment.js";
import { parseQuantity } from "../spec/quantity.js";
import { resolvedServiceSchema, type ResolvedServiceFields, type Spec } from "../spec/schema.js";
import { defaultIngressGroup } from "../model/names.js";
import { checkAwsLimits } from "./validate-aws-limits.js";
import { checkClusterLifecycle, type LifecycleOptions } from "./validate-cluster-lifecycle.js";
import { checkDelivery } from "./validate-delivery.js";
import { checkRegionalNames } from "./validate-regional-names.js";
import { checkConfigForSecrets } from "./secret-like-config.js";
import { validateShape } from "./validate-shape.js";

/** Each service's fields per environment, merged and defaulted: `views.get(service).get(environment)`. */
export type EnvironmentViews = ReadonlyMap<string, ReadonlyMap<string, ResolvedServiceFields>>;

/** The spec as written (shape-checked, defaults not applied): what environment merges start from. */
export interface RawSpec {
  readonly environments?: Readonly<Record<string, unknown>>;
  readonly clusters?: Readonly<Record<string, unknown>>;
  readonly services?: Readonly<Record<string, Readonly<Record<string, unknown>> & { environments?: Readonly<Record<string, unknown>> }>>;
}

function declared(raw: RawSpec, section: "clusters" | "environments", name: string): boolean {
  const entries = raw[section];
  return typeof entries === "object" && entries !== null && Object.hasOwn(entries, name);
}

/** Checks what a schema cannot: references between parts of the spec, and rules across fields. */
export function validateReferences(spec: Spec, raw: RawSpec, options: LifecycleOptions): { errors: SpecError[]; views: EnvironmentViews } {
  const errors: SpecError[] = [];
  checkEnvironments(spec, errors);
  checkClusters(spec, errors);
  checkAwsLimits(spec, errors);
  checkClusterLifecycle(spec, options, errors);
  const views = checkServices(spec, raw, errors);
  checkRegionalNames(spec, views, errors);
  checkStackNames(spec, errors);
  checkDelivery(spec, errors);
  return { errors, views };
}

function checkEnvironments(spec: Spec, errors: SpecError[]): void {
  const namespaces = new Map<string, string>();
  const suffixes = new Map<string, string>();
  for (const [name, env] of Object.entries(spec.environments)) {
    const sameNamespace = namespaces.get(env.namespace);
    if (sameNamespace) {
      errors.push({
        path: ["environments", name, "namespace"],
        message: `namespace "${env.namespace}" is already the namespace of environment "${sameNamespace}"; two environments in one namespace would overwrite each other's objects`,
      });
    } else namespaces.set(env.namespace, name);
    const sameSuffix = suffixes.get(env.stackSuffix);
    if (sameSuffix) {
      errors.push({
        path: ["environments", name, "stackSuffix"],
        message: `stackSuffix "${env.stackSuffix}" is already used by environment "${sameSuffix}"; stack names would collide`,
      });
    } else suffixes.set(env.stackSuffix, name);
  }
}

function checkClusters(spec: Spec, errors: SpecError[]): void {
  const vpcs: { name: string; cidr: Cidr }[] = [];
  const stacks = new Map<string, string>();
  for (const [name, cluster] of Object.entries(spec.clusters)) {
    const at = ["clusters", name];
    if (cluster.provisioner === "pulumi") {
      if (cluster.stack === undefined) {
        errors.push({ path: at, message: "a pulumi cluster needs a stack (the stack of the provisioning project that builds it)", fix: "add stack: production" });
      } else {
        const other = stacks.get(cluster.stack);
        if (other) errors.push({ path: [...at, "stack"], message: `stack "${cluster.stack}" already builds cluster "${other}"; each cluster needs its own stack` });
        else stacks.set(cluster.stack, name);
      }
    } else if (cluster.stack !== undefined) {
      errors.push({ path: [...at, "stack"], message: "stack is only for pulumi clusters; an eksctl cluster has no Pulumi stack", atKey: true });
    }

    const cidr = parseCidr(cluster.vpc.cidr);
    if (typeof cidr === "string") {
      errors.push({ path: [...at, "vpc", "cidr"], message: cidr });
    } else if (cidr.prefix < VPC_PREFIX_MIN || cidr.prefix > VPC_PREFIX_MAX) {
      errors.push({ path: [...at, "vpc", "cidr"], message: `a VPC must be /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX} (AWS's limits, with room for six subnets)` });
    } else {
      for (const other of vpcs) {
        if (overlaps(cidr, other.cidr)) {
          errors.push({
            path: [...at, "vpc", "cidr"],
            message: `VPC ${cluster.vpc.cidr} overlaps cluster "${other.name}"'s VPC ${spec.clusters[other.name]?.vpc.cidr}; peering and shared networks need distinct ranges`,
          });
        }
      }
      vpcs.push({ name, cidr });
    }

    for (const [groupName, group] of Object.entries(cluster.nodeGroups)) {
      const gat = [...at, "nodeGroups", groupName];
      if (cluster.vpc.natGateway === "disable" && group.privateNetworking) {
        errors.push({
          path: [...gat, "privateNetworking"],
          message: `natGateway: disable leaves the private subnets without internet access, so the nodes of private node group "${groupName}" could not pull images or join the cluster`,
          fix: "use natGateway: single, or set privateNetworking: false",
        });
      }
      if (group.minSize > group.desiredSize) {
        errors.push({ path: [...gat, "minSize"], message: `minSize ${group.minSize} is more than desiredSize ${group.desiredSize}; need minSize <= desiredSize <= maxSize` });
      }
      if (group.desiredSize > group.maxSize) {
        errors.push({ path: [...gat, "desiredSize"], message: `desiredSize ${group.desiredSize} is more than maxSize ${group.maxSize}; need minSize <= desiredSize <= maxSize` });
      }
      const seen = new Set<string>();
      group.instanceTypes.forEach((type, i) => {
        if (seen.has(type)) errors.push({ path: [...gat, "instanceTypes", i], message: `instance type ${type} is listed twice` });
        seen.add(type);
      });
      const taintKeys = new Set<string>();
      group.taints.forEach((taint, i) => {
        const id = `${taint.key}:${taint.effect}`;
        if (taintKeys.has(id)) errors.push({ path: [...gat, "taints", i], message: `taint ${taint.key} with effect ${taint.effect} is set twice` });
        taintKeys.add(id);
      });
    }
  }
}

function checkServices(spec: Spec, raw: RawSpec, errors: SpecError[]): EnvironmentViews {
  const views = new Map<string, Map<string, ResolvedServiceFields>>();
  const routes = new Map<string, string>();
  const groups = new Map<string, IngressGroupMember>();
  for (const [name, service] of Object.entries(spec.services)) {
    const at = ["services", name];
    const cluster = spec.clusters[service.cluster];
    if (!cluster && declared(raw, "clusters", service.cluster)) {
      // The cluster is declared but malformed; its own errors say why.
    } else if (!cluster) {
      const known = Object.keys(spec.clusters).join(", ");
      errors.push({ path: [...at, "cluster"], message: `cluster "${service.cluster}" is not declared`, fix: `use one of: ${known}` });
    } else if (Object.keys(cluster.nodeGroups).length === 0) {
      errors.push({ path: [...at, "cluster"], message: `cluster "${service.cluster}" has no node groups to run the service on` });
    }
    const everyGroupTainted =
      cluster !== undefined &&
      Object.keys(cluster.nodeGroups).length > 0 &&
      Object.values(cluster.nodeGroups).every((g) => g.taints.some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute"));

    const perEnv = new Map<string, ResolvedServiceFields>();
    views.set(name, perEnv);
    for (const [envName, override] of Object.entries(service.environments)) {
      const eat = [...at, "environments", envName];
      if (!spec.environments[envName] && declared(raw, "environments", envName)) continue;
      if (!spec.environments[envName]) {
        const known = Object.keys(spec.environments).join(", ");
        errors.push({ path: eat, message: `environment "${envName}" is not declared under environments`, fix: `use one of: ${known}`, atKey: true });
        continue;
      }
      const origin = (...field: (string | number)[]) => originOf(name, envName, override, field);
      const rawService = raw.services?.[name] ?? {};
      const shaped = validateShape(resolvedServiceSchema, mergeEnvironment(rawService, rawService.environments?.[envName]));
      if (!shaped.ok) {
        for (const e of shaped.errors) errors.push({ ...e, path: originOf(name, envName, override, e.path) });
        continue;
      }
      const view = shaped.value;
      perEnv.set(envName, view);

      if (view.imageTag === undefined) {
        errors.push({ path: eat, message: `no imageTag for environment "${envName}"`, fix: `set imageTag under services.${name}.environments.${envName}`, atKey: true });
      }
      checkReplicas(view, origin, errors);
      checkResources(view, origin, errors);
      const overrideConfig = (override as { config?: Record<string, unknown> } | undefined)?.config;
      checkConfigForSecrets(view, (key) => (overrideConfig && Object.hasOwn(overrideConfig, key) ? [...eat, "config", key] : [...at, "config", key]), errors);
      if (everyGroupTainted && !view.scheduling) {
        errors.push({
          path: [...at, "cluster"],
          message: `every node group of cluster "${service.cluster}" is tainted; the service's pods (which carry no tolerations) could not be scheduled`,
          fix: "name a node group under scheduling.nodeGroup: its taints become the pods' tolerations",
        });
      }
      if (cluster) {
        if (view.scheduling && !Object.hasOwn(cluster.nodeGroups, view.scheduling.nodeGroup)) {
          errors.push({
            path: origin("scheduling", "nodeGroup"),
            message: `node group "${view.scheduling.nodeGroup}" is not a node group of cluster "${service.cluster}"`,
            fix: `use one of: ${Object.keys(cluster.nodeGroups).join(", ")}`,
          });
        }
        const certificateRegion = view.ingress?.certificateArn?.split(":")[3];
        if (certificateRegion !== undefined && certificateRegion !== cluster.region) {
          errors.push({
            path: origin("ingress", "certificateArn"),
            message: `the certificate is in ${certificateRegion}, and an ALB can only use an ACM certificate of its own region, ${cluster.region} (cluster "${service.cluster}")`,
          });
        }
        if (view.ingress) checkIngressGroup(service.cluster, envName, `${name}@${envName}`, view.ingress, origin, groups, errors);
        if (view.ingress && !cluster.addons.awsLoadBalancerController) {
          errors.push({
            path: origin("ingress"),
            message: `an ingress needs the AWS Load Balancer Controller, and cluster "${service.cluster}" does not install it`,
            fix: `add addons.awsLoadBalancerController to clusters.${service.cluster}`,
          });
        }
        if (view.autoscaling && !cluster.addons.metricsServer) {
          errors.push({
            path: origin("autoscaling"),
            message: `autoscaling needs metrics-server, and cluster "${service.cluster}" does not install it`,
            fix: `add addons.metricsServer to clusters.${service.cluster}`,
          });
        }
        if (
          view.serviceAccount &&
          service.deployWith === "kubectl" &&
          cluster.provisioner === "pulumi" &&
          cluster.accountId === undefined
        ) {
          errors.push({
            path: origin("serviceAccount"),
            message: `a kubectl service with a serviceAccount on pulumi cluster "${service.cluster}" needs the cluster's accountId to write the IAM role ARN into its YAML`,
            fix: `set clusters.${service.cluster}.accountId`,
          });
        }
        if (view.ingress) {
          const route = `${service.cluster} ${view.ingress.host}${view.ingress.path}`;
          const owner = routes.get(route);
          if (owner) {
            errors.push({ path: origin("ingress", "host"), message: `${view.ingress.host}${view.ingress.path} on cluster "${service.cluster}" is already routed to ${owner}` });
          } else routes.set(route, `${name}@${envName}`);
        }
      }
    }
  }
  return views;
}

type Origin = (...field: (string | number)[]) => readonly (string | number)[];

function checkReplicas(view: ResolvedServiceFields, origin: Origin, errors: SpecError[]): void {
  const scaling = view.autoscaling;
  if (!scaling) return;
  if (scaling.minReplicas > scaling.maxReplicas) {
    errors.push({ path: origin("autoscaling", "minReplicas"), message: `minReplicas ${scaling.minReplicas} is more than maxReplicas ${scaling.maxReplicas}` });
  } else if (view.replicas !== undefined) {
    errors.push({
      path: origin("replicas"),
      message: `replicas has no effect with autoscaling: the Deployment leaves the scale to the HorizontalPodAutoscaler, which keeps ${scaling.minReplicas} to ${scaling.maxReplicas} pods`,
      fix: "remove replicas, or set autoscaling.minReplicas",
      severity: "warning",
    });
  }
}

/** One Ingress of an ALB IngressGroup: the group's scheme and listeners are shared by all of its Ingresses. */
interface IngressGroupMember {
  readonly owner: string;
  readonly scheme: string;
  readonly https: boolean;
}

/**
 * The Ingresses of one IngressGroup on a cluster become one ALB, so they must agree on what the ALB is: its
 * scheme, and whether it redirects HTTP to HTTPS (the controller applies the redirect to every Ingress of
 * the group, which would cut off those without a certificate).
 */
function checkIngressGroup(
  clusterName: string,
  environment: string,
  owner: string,
  ingress: NonNullable<ResolvedServiceFields["ingress"]>,
  origin: Origin,
  groups: Map<string, IngressGroupMember>,
  errors: SpecError[],
): void {
  const group = ingress.group ?? defaultIngressGroup(environment, ingress.scheme);
  const key = `${clusterName} ${group}`;
  const https = ingress.certificateArn !== undefined;
  const first = groups.get(key);
  if (!first) {
    groups.set(key, { owner, scheme: ingress.scheme, https });
    return;
  }
  if (first.scheme !== ingress.scheme) {
    errors.push({
      path: origin("ingress", ingress.group !== undefined ? "group" : "scheme"),
      message: `IngressGroup "${group}" on cluster "${clusterName}" is one ${first.scheme} ALB (${first.owner}); an ${ingress.scheme} Ingress cannot share it`,
      fix: "use another group",
    });
  } else if (first.https !== https) {
    errors.push({
      path: ingress.group !== undefined ? origin("ingress", "group") : https ? origin("ingress", "certificateArn") : origin("ingress"),
      message: `IngressGroup "${group}" on cluster "${clusterName}" ${first.https ? "redirects HTTP to HTTPS" : "serves plain HTTP"} (${first.owner}); an Ingress ${https ? "with" : "without"} a certificate cannot share its ALB`,
      fix: https ? "use another group, or give every Ingress of the group a certificateArn" : "add a certificateArn, or use another group",
    });
  }
}

function checkResources(view: ResolvedServiceFields, origin: Origin, errors: SpecError[]): void {
  const parsed: Record<string, number | undefined> = {};
  for (const side of ["requests", "limits"] as const) {
    for (const kind of ["cpu", "memory"] as const) {
      const raw = view.resources?.[side]?.[kind];
      if (raw === undefined) continue;
      const value = parseQuantity(String(raw));
      if (value === undefined || value < 0) {
        errors.push({ path: origin("resources", side, kind), message: `"${raw}" is not a Kubernetes quantity (such as 250m, 1, 512Mi, 2Gi)` });
      } else if (value === 0 && side === "limits") {
        errors.push({ path: origin("resources", side, kind), message: `a ${kind} limit of 0 would stop the container from running` });
      } else if (kind === "cpu" && value < 0.001 && value > 0) {
        errors.push({ path: origin("resources", side, kind), message: `CPU quantities have a precision of 1m; "${raw}" is less` });
      } else {
        parsed[`${side}.${kind}`] = value;
      }
    }
  }
  for (const kind of ["cpu", "memory"] as const) {
    const request = parsed[`requests.${kind}`];
    const limit = parsed[`limits.${kind}`];
    if (request !== undefined && limit !== undefined && request > limit) {
      errors.push({
        path: origin("resources", "requests", kind),
        message: `the ${kind} request ${String(view.resources?.requests?.[kind])} is more than its limit ${String(view.resources?.limits?.[kind])}`,
      });
    }
  }
}

function checkStackNames(spec: Spec, errors: SpecError[]): void {
  const owners = new Map<string, string>();
  for (const [name, service] of Object.entries(spec.services)) {
    if (service.deployWith !== "pulumi") continue;
    for (const envName of Object.keys(service.environments)) {
      const env = spec.environments[envName];
      if (!env) continue;
      const stack = `${name}-${env.stackSuffix}`;
      const owner = owners.get(stack);
      if (owner) {
        errors.push({ path: ["services", name, "environments", envName], message: `Pulumi stack "${stack}" would also be the stack of ${owner}`, atKey: true });
      } else owners.set(stack, `${name}@${envName}`);
    }
  }
}
