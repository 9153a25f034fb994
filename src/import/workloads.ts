import { NODE_GROUP_LABEL } from "../model/names.js";
import { describeObject, type InputObject } from "./input-objects.js";

/** The fields of a service as one environment runs it (before factoring into service and overrides). */
export type ServiceFields = Record<string, unknown>;

/** One Deployment and the objects that belong to it, in one namespace. */
export interface Workload {
  readonly service: string;
  readonly namespace: string;
  readonly deployment: InputObject;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly objects: InputObject[];
  readonly fields: ServiceFields;
  /** The ServiceAccount its pods run as, if not the default one. */
  readonly serviceAccountName?: string;
  /** Services (the Kubernetes kind) it owns: an Ingress belongs to the workload whose Service it routes to. */
  readonly serviceNames: Set<string>;
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const meta = (o: InputObject) => record(o.value["metadata"]);
const nameOf = (o: InputObject) => str(meta(o)["name"]) ?? "";
const namespaceOf = (o: InputObject) => str(meta(o)["namespace"]) ?? "default";

/** Whether every label of `selector` is on `labels` (and the selector is not empty). */
function selects(selector: Record<string, unknown>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function container(deployment: InputObject): Record<string, unknown> {
  return record(list(record(record(record(deployment.value["spec"])["template"])["spec"])["containers"])[0]);
}

function quantities(v: unknown): Record<string, string | number> | undefined {
  const r = record(v);
  const out: Record<string, string | number> = {};
  for (const key of ["cpu", "memory"]) if (typeof r[key] === "string" || typeof r[key] === "number") out[key] = r[key] as string | number;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The port written for a container that declares none. */
export const DEFAULT_PORT = 8080;
/** What a service name must be (the spec's rule): a DNS-1035 label of at most 40 characters. */
const SERVICE_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** The tag written for an image given by digest or without a tag: the spec pins tags, so the user must choose one. */
export const UNKNOWN_TAG = "unknown";

/** How one kind of object belongs to a workload and what it contributes to the service's fields. */
export interface KindImporter {
  /** Whether the object belongs to the workload (same namespace is checked before). */
  belongs(object: InputObject, workload: Workload): boolean;
  /** Adds what the object says to the workload's fields. */
  apply(object: InputObject, workload: Workload): void;
}

/** The spec's health-check defaults, and Kubernetes' for a probe field left out. */
const CHECK_DEFAULTS = { initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 } as const;
const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 } as const;

const httpPath = (probe: Record<string, unknown>) => str(record(probe["httpGet"])["path"]);

/**
 * The health check from the container's probes: path and timing from readiness (or liveness), the initial
 * delay from the startup probe when there is one (compile puts it there), `livenessPath` when liveness
 * probes another path. What compile derives (the startup probe's period and threshold, liveness's
 * threshold) is compared, not read: a hand-written value that differs is listed.
 */
function healthCheck(c: Record<string, unknown>, port: number | undefined): Record<string, unknown> | undefined {
  const readiness = record(c["readinessProbe"] ?? c["livenessProbe"]);
  const path = httpPath(readiness);
  if (path === undefined) return undefined;
  const check: Record<string, unknown> = { path };
  const livenessPath = httpPath(record(c["livenessProbe"]));
  if (livenessPath !== undefined && livenessPath !== path) check["livenessPath"] = livenessPath;
  const probePort = record(readiness["httpGet"])["port"];
  if (typeof probePort === "number" && probePort !== port) check["port"] = probePort;
  const startup = record(c["startupProbe"]);
  const timing: Record<string, unknown> = { ...readiness, ...(httpPath(startup) !== undefined ? { initialDelaySeconds: startup["initialDelaySeconds"] } : {}) };
  for (const key of Object.keys(CHECK_DEFAULTS) as (keyof typeof CHECK_DEFAULTS)[]) {
    const value = num(timing[key]) ?? PROBE_DEFAULTS[key];
    if (value !== CHECK_DEFAULTS[key]) check[key] = value;
  }
  return check;
}

/** Whether the pod meets Pod Security "restricted" as compile writes it (else the service is imported as baseline). */
function restricted(podSpec: Record<string, unknown>, c: Record<string, unknown>): boolean {
  const context = record(c["securityContext"]);
  return (
    record(podSpec["securityContext"])["runAsNonRoot"] === true &&
    context["allowPrivilegeEscalation"] === false &&
    list(record(context["capabilities"])["drop"]).includes("ALL")
  );
}

/** The Deployment: the service's image, port, replicas, probes, resources, secrets, environment, pod security and node group. */
function importDeployment(deployment: InputObject): Workload {
  const spec = record(deployment.value["spec"]);
  const podSpec = record(record(spec["template"])["spec"]);
  const podLabels = Object.fromEntries(Object.entries(record(record(record(spec["template"])["metadata"])["labels"])).map(([k, v]) => [k, String(v)]));
  const c = container(deployment);
  const fields: ServiceFields = {};
  const image = str(c["image"]) ?? "";
  const at = image.indexOf("@");
  const colon = image.lastIndexOf(":");
  if (at === -1 && colon > image.lastIndexOf("/")) {
    fields["image"] = image.slice(0, colon);
    fields["imageTag"] = image.slice(colon + 1);
  } else {
    fields["image"] = at === -1 ? image : image.slice(0, at);
    fields["imageTag"] = UNKNOWN_TAG;
  }
  const ports = list(c["ports"]).map(record);
  const port = num(ports[0]?.["containerPort"]);
  fields["port"] = port ?? DEFAULT_PORT;
  // Without spec.replicas a HorizontalPodAutoscaler owns the scale; its importer sets the floor instead.
  fields["replicas"] = num(spec["replicas"]) ?? 1;
  const check = healthCheck(c, port);
  if (check) fields["healthCheck"] = check;
  const res = record(c["resources"]);
  const requests = quantities(res["requests"]);
  const limits = quantities(res["limits"]);
  if (requests || limits) fields["resources"] = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  const config: Record<string, string> = {};
  const secrets: Record<string, unknown> = {};
  for (const env of list(c["env"]).map(record)) {
    const name = str(env["name"]);
    if (name === undefined) continue;
    const secretRef = record(record(env["valueFrom"])["secretKeyRef"]);
    if (typeof secretRef["name"] === "string" && typeof secretRef["key"] === "string") secrets[name] = { secretName: secretRef["name"], key: secretRef["key"] };
    else if (typeof env["value"] === "string") config[name] = env["value"];
  }
  if (Object.keys(config).length > 0) fields["config"] = config;
  if (Object.keys(secrets).length > 0) fields["secrets"] = secrets;
  if (!restricted(podSpec, c)) fields["podSecurity"] = "baseline";
  const nodeGroup = str(record(podSpec["nodeSelector"])[NODE_GROUP_LABEL]);
  // import-spec keeps it only when the service's cluster has that node group.
  if (nodeGroup !== undefined) fields["scheduling"] = { nodeGroup };
  const serviceAccountName = str(podSpec["serviceAccountName"]) ?? str(podSpec["serviceAccount"]);
  return {
    service: nameOf(deployment),
    namespace: namespaceOf(deployment),
    deployment,
    podLabels,
    objects: [deployment],
    fields,
    ...(serviceAccountName !== undefined && serviceAccountName !== "default" ? { serviceAccountName } : {}),
    serviceNames: new Set(),
  };
}

/** The other kinds foundation writes for a service, in the order they are matched (an Ingress after the Services). */
export const KIND_IMPORTERS: Readonly<Record<string, KindImporter>> = {
  Service: {
    belongs: (o, w) => selects(record(record(o.value["spec"])["selector"]), w.podLabels),
    apply: (o, w) => void w.serviceNames.add(nameOf(o)),
  },
  ConfigMap: {
    belongs: (o, w) =>
      list(container(w.deployment)["envFrom"]).some((e) => record(record(e)["configMapRef"])["name"] === nameOf(o)),
    apply: (o, w) => {
      const data = Object.fromEntries(Object.entries(record(o.value["data"])).map(([k, v]) => [k, String(v)]));
      w.fields["config"] = { ...data, ...record(w.fields["config"]) };
    },
  },
  HorizontalPodAutoscaler: {
    belongs: (o, w) => {
      const target = record(record(o.value["spec"])["scaleTargetRef"]);
      return target["kind"] === "Deployment" && target["name"] === w.service;
    },
    apply: (o, w) => {
      const spec = record(o.value["spec"]);
      const cpu = list(spec["metrics"])
        .map(record)
        .map((m) => record(m["resource"]))
        .find((r) => r["name"] === "cpu");
      const utilization = num(record(cpu?.["target"])["averageUtilization"]) ?? num(spec["targetCPUUtilizationPercentage"]);
      const minReplicas = num(spec["minReplicas"]) ?? 1;
      // What compile takes replicas to be beside autoscaling; kept in every environment block as the reference spec does.
      if (num(record(w.deployment.value["spec"])["replicas"]) === undefined) w.fields["replicas"] = minReplicas;
      w.fields["autoscaling"] = {
        minReplicas,
        maxReplicas: num(spec["maxReplicas"]) ?? 1,
        ...(utilization !== undefined ? { targetCPUUtilization: utilization } : {}),
      };
    },
  },
  Ingress: {
    belongs: (o, w) =>
      list(record(o.value["spec"])["rules"]).some((rule) =>
        list(record(record(rule)["http"])["paths"]).some((p) => w.serviceNames.has(String(record(record(record(p)["backend"])["service"])["name"]))),
      ),
    apply: (o, w) => {
      const rule = record(list(record(o.value["spec"])["rules"])[0]);
      const path = record(list(record(rule["http"])["paths"])[0]);
      const annotations = record(meta(o)["annotations"]);
      const host = str(rule["host"]);
      // Without a host the spec has no ingress to say; the comparison lists the Ingress as not created.
      if (host === undefined) return;
      const ingress: Record<string, unknown> = { host };
      const routed = str(path["path"]);
      if (routed !== undefined && routed !== "/") ingress["path"] = routed;
      const scheme = str(annotations["alb.ingress.kubernetes.io/scheme"]);
      if (scheme !== undefined && scheme !== "internet-facing") ingress["scheme"] = scheme;
      const targetType = str(annotations["alb.ingress.kubernetes.io/target-type"]);
      if (targetType !== undefined && targetType !== "ip") ingress["targetType"] = targetType;
      const certificateArn = str(annotations["alb.ingress.kubernetes.io/certificate-arn"]);
      if (certificateArn !== undefined) ingress["certificateArn"] = certificateArn;
      // import-spec drops it where it is the default group of the environment and scheme.
      const group = str(annotations["alb.ingress.kubernetes.io/group.name"]);
      if (group !== undefined) ingress["group"] = group;
      w.fields["ingress"] = ingress;
    },
  },
  ServiceAccount: {
    belongs: (o, w) => w.serviceAccountName === nameOf(o),
    apply: () => {},
  },
  PodDisruptionBudget: {
    belongs: (o, w) => selects(record(record(record(o.value["spec"])["selector"])["matchLabels"]), w.podLabels),
    apply: () => {},
  },
};

/** Why foundation does not write some kinds, where there is more to say than that it does not. */
const UNWRITTEN_KINDS: Readonly<Record<string, string>> = {
  Secret: "Secrets stay outside git: a service refers to one by name and key (secrets:), the spec never holds its values",
};

/** What grouping made of the manifests: workloads, the Namespaces seen, and objects no workload claimed. */
export interface Grouping {
  readonly workloads: readonly Workload[];
  readonly namespaces: readonly InputObject[];
  readonly unclaimed: readonly { object: InputObject; reason: string }[];
}

/** Groups objects into workloads: a Deployment and, in its namespace, what selects its pods or refers to it. */
export function groupWorkloads(objects: readonly InputObject[]): Grouping {
  const unclaimed: { object: InputObject; reason: string }[] = [];
  const deployments = objects.filter((o) => o.value["kind"] === "Deployment");
  for (const d of deployments.filter((o) => !SERVICE_NAME.test(nameOf(o)))) {
    unclaimed.push({ object: d, reason: `${describeObject(d.value)}: "${nameOf(d)}" cannot name a service (a DNS-1035 label of at most 40 characters), so it is not imported` });
  }
  const workloads = deployments.filter((o) => SERVICE_NAME.test(nameOf(o))).map(importDeployment);
  const namespaces = objects.filter((o) => o.value["kind"] === "Namespace");
  for (const [kind, importer] of Object.entries(KIND_IMPORTERS)) {
    for (const object of objects.filter((o) => o.value["kind"] === kind)) {
      const owner = workloads.find((w) => w.namespace === namespaceOf(object) && importer.belongs(object, w));
      if (!owner) {
        unclaimed.push({ object, reason: `${describeObject(object.value)}: no Deployment in namespace ${namespaceOf(object)} selects or refers to it, so it is not part of any service` });
        continue;
      }
      owner.objects.push(object);
      importer.apply(object, owner);
    }
  }
  const known = new Set(["Deployment", "Namespace", ...Object.keys(KIND_IMPORTERS)]);
  for (const object of objects.filter((o) => !known.has(String(o.value["kind"])))) {
    const kind = String(object.value["kind"]);
    unclaimed.push({ object, reason: `${describeObject(object.value)}: ${UNWRITTEN_KINDS[kind] ?? `foundation does not write a ${kind}`}` });
  }
  return { workloads, namespaces, unclaimed };
}
