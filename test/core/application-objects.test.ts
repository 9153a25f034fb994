import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kubectlBackend } from "../../backends/kubectl/index.js";
import { modelFromText } from "../../src/compile/load-model.js";
import { formatError } from "../../src/errors/spec-error.js";
import { buildClusterNamespace, READINESS_GATE_LABEL } from "../../src/k8s/cluster-namespace.js";
import { ALB_PRESTOP_SECONDS, CLUSTER_PRESTOP_SECONDS, DEREGISTRATION_DELAY_SECONDS, SHUTDOWN_SECONDS } from "../../src/k8s/graceful-shutdown.js";
import { buildObjects, type KubernetesObject } from "../../src/k8s/objects.js";
import type { Model, ServiceInstance } from "../../src/model/model.js";
import { looksLikeSecretKey, looksLikeSecretValue } from "../../src/validate/secret-like-config.js";
import { filesOf, modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

const production = readFileSync(join(ROOT, "test", "fixtures", "valid", "production.yaml"), "utf8");

function instanceOf(model: Model, service: string, environment: string): ServiceInstance {
  const found = model.services.find((s) => s.name === service)?.instances.find((i) => i.environment === environment);
  if (!found) throw new Error(`no ${service}@${environment}`);
  return found;
}

function objectsOf(model: Model, service: string, environment: string): KubernetesObject[] {
  return buildObjects(model.project, instanceOf(model, service, environment));
}

function find<K extends KubernetesObject["kind"]>(objects: readonly KubernetesObject[], kind: K): Extract<KubernetesObject, { kind: K }> | undefined {
  return objects.find((o): o is Extract<KubernetesObject, { kind: K }> => o.kind === kind);
}

describe("namespaces belong to the cluster", () => {
  const reference = modelOf(referenceSpecText());

  it("no service object is a Namespace, and no service folder holds one", () => {
    for (const text of [referenceSpecText(), production]) {
      const model = modelOf(text);
      const kinds = model.services.flatMap((s) => s.instances.flatMap((i) => buildObjects(model.project, i).map((o) => o.kind as string)));
      expect(kinds).not.toContain("Namespace");
      const paths = [...filesOf(text, [kubectlBackend]).keys()];
      expect(paths.filter((p) => p.endsWith("namespace.yaml"))).toEqual([]);
      expect(paths.some((p) => p.endsWith("/pdb.yaml"))).toBe(true);
    }
  });

  it("each cluster holds one namespace per environment with services on it, at the strictest level they all meet", () => {
    const summary = (model: Model) =>
      model.clusters.map((c) => `${c.name}: ${c.namespaces.map((n) => `${n.name}/${n.environment} ${n.podSecurity}${n.albReadinessGate ? " gate" : ""}`).join(", ")}`);
    // Day runs as root (baseline) on Trantor; Dusk meets restricted on Terminus.
    expect(summary(reference)).toEqual(["terminus: production/prod restricted gate, rc/rc restricted gate", "trantor: production/prod baseline gate, rc/rc baseline gate"]);
    // Reports (baseline, instance targets) shares data's prod namespace with Ledger (ip targets); staging reports is restricted.
    expect(summary(modelOf(production))).toEqual([
      "data: prod/prod baseline gate, staging/staging restricted gate",
      "edge: dev/dev restricted gate, prod/prod baseline gate, staging/staging baseline gate",
      "tools: dev/dev restricted gate",
    ]);
  });

  it("a namespace without ALB ip targets gets no readiness gate, and a cluster without services no namespace", () => {
    const text = editSpec(production, [
      [["services", "console", "ingress"], undefined],
      [["services", "indexer", "cluster"], "tools"],
      [["services", "indexer", "scheduling"], undefined],
    ]);
    const tools = modelOf(text).clusters.find((c) => c.name === "tools");
    expect(tools?.namespaces).toEqual([
      { name: "dev", environment: "dev", podSecurity: "restricted", albReadinessGate: false },
      { name: "prod", environment: "prod", podSecurity: "baseline", albReadinessGate: false },
      { name: "staging", environment: "staging", podSecurity: "baseline", albReadinessGate: false },
    ]);
    const alone = editSpec(production, [[["services", "console"], undefined]]);
    expect(modelOf(alone).clusters.find((c) => c.name === "tools")?.namespaces).toEqual([]);
  });

  it("buildClusterNamespace labels it for Pod Security admission, pinned to the cluster's version, and for the ALB readiness gate", () => {
    const trantor = reference.clusters.find((c) => c.name === "trantor");
    const terminus = reference.clusters.find((c) => c.name === "terminus");
    if (!trantor || !terminus) throw new Error("reference clusters missing");
    const baseline = buildClusterNamespace(reference.project, trantor, { name: "rc", environment: "rc", podSecurity: "baseline", albReadinessGate: true });
    expect(baseline).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: "rc",
        labels: {
          "app.kubernetes.io/managed-by": "foundation",
          "app.kubernetes.io/part-of": "foundation",
          [READINESS_GATE_LABEL]: "enabled",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/audit-version": `v${trantor.kubernetesVersion}`,
          "pod-security.kubernetes.io/enforce": "baseline",
          "pod-security.kubernetes.io/enforce-version": `v${trantor.kubernetesVersion}`,
          "pod-security.kubernetes.io/warn": "baseline",
          "pod-security.kubernetes.io/warn-version": `v${trantor.kubernetesVersion}`,
        },
      },
    });
    const restricted = buildClusterNamespace(reference.project, terminus, { name: "production", environment: "prod", podSecurity: "restricted", albReadinessGate: false });
    expect(restricted.metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(restricted.metadata?.labels).not.toHaveProperty(READINESS_GATE_LABEL);
  });
});

describe("the HorizontalPodAutoscaler owns the scale", () => {
  const model = modelOf(production);

  it("an autoscaled Deployment has no spec.replicas; a fixed one has the spec's count", () => {
    expect(find(objectsOf(model, "storefront", "prod"), "Deployment")?.spec).not.toHaveProperty("replicas");
    expect(find(objectsOf(model, "indexer", "prod"), "Deployment")?.spec?.replicas).toBe(4);
    expect(find(objectsOf(model, "indexer", "staging"), "Deployment")?.spec?.replicas).toBe(1);
  });

  it("warns, located, where replicas has no effect", () => {
    const result = modelFromText("foundation.yaml", referenceSpecText());
    if (!result.ok) throw new Error("the reference spec must validate");
    const warnings = result.warnings.map(formatError).filter((w) => w.includes("replicas has no effect"));
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toMatch(/^foundation\.yaml:\d+:19: services\.dawn\.environments\.prod\.replicas: warning: replicas has no effect with autoscaling: .* keeps 2 to 10 pods/);
  });
});

describe("availability", () => {
  const model = modelOf(production);

  it("a PodDisruptionBudget for two or more replicas at minimum, that never blocks a drain; none below", () => {
    const pdb = find(objectsOf(model, "storefront", "staging"), "PodDisruptionBudget");
    expect(pdb?.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/instance": "storefront-staging", "app.kubernetes.io/name": "storefront" } },
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    });
    expect(pdb?.spec).not.toHaveProperty("minAvailable");
    expect(find(objectsOf(model, "storefront", "dev"), "PodDisruptionBudget")).toBeUndefined(); // autoscaling from 1
    expect(find(objectsOf(model, "indexer", "staging"), "PodDisruptionBudget")).toBeUndefined(); // replicas 1
    expect(find(objectsOf(model, "indexer", "prod"), "PodDisruptionBudget")).toBeDefined(); // replicas 4
    expect(find(objectsOf(model, "reports", "staging"), "PodDisruptionBudget")).toBeUndefined(); // default 1
    expect(find(objectsOf(model, "reports", "prod"), "PodDisruptionBudget")).toBeDefined(); // replicas 2
  });

  it("spreads each revision's pods over zones and nodes, softly", () => {
    const spread = find(objectsOf(model, "ledger", "prod"), "Deployment")?.spec?.template.spec?.topologySpreadConstraints;
    expect(spread?.map((c) => [c.topologyKey, c.maxSkew, c.whenUnsatisfiable, c.matchLabelKeys])).toEqual([
      ["topology.kubernetes.io/zone", 1, "ScheduleAnyway", ["pod-template-hash"]],
      ["kubernetes.io/hostname", 1, "ScheduleAnyway", ["pod-template-hash"]],
    ]);
    expect(spread?.[0]?.labelSelector).toEqual({ matchLabels: { "app.kubernetes.io/instance": "ledger-prod", "app.kubernetes.io/name": "ledger" } });
  });
});

describe("pod security", () => {
  const model = modelOf(production);
  const pod = (service: string, environment: string) => find(objectsOf(model, service, environment), "Deployment")?.spec?.template.spec;

  it("restricted by default: non-root, RuntimeDefault seccomp, no privilege escalation, every capability dropped", () => {
    const spec = pod("storefront", "prod");
    expect(spec?.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(spec?.containers[0]?.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
  });

  it("baseline lets the image run as root, keeps RuntimeDefault seccomp, and is overridable per environment", () => {
    const spec = pod("reports", "prod");
    expect(spec?.securityContext).toEqual({ seccompProfile: { type: "RuntimeDefault" } });
    expect(spec?.containers[0]?.securityContext).toBeUndefined();
    expect(pod("reports", "staging")?.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
  });
});

describe("probes and rollouts", () => {
  const model = modelOf(production);
  const container = (service: string, environment: string) => find(objectsOf(model, service, environment), "Deployment")?.spec?.template.spec?.containers[0];

  it("a startup probe holds back the others; liveness is not a copy of readiness", () => {
    const c = container("storefront", "prod");
    expect(c?.startupProbe).toMatchObject({ httpGet: { path: "/ready", port: "http" }, failureThreshold: 60, periodSeconds: 5 });
    expect(c?.readinessProbe).toMatchObject({ httpGet: { path: "/ready", port: "http" }, failureThreshold: 3 });
    expect(c?.livenessProbe).toMatchObject({ httpGet: { path: "/live", port: "http" }, failureThreshold: 9 });
    const ledger = container("ledger", "prod");
    expect(ledger?.livenessProbe?.httpGet).toEqual(ledger?.readinessProbe?.httpGet);
    expect(ledger?.livenessProbe?.failureThreshold).toBeGreaterThan(ledger?.readinessProbe?.failureThreshold ?? Infinity);
    expect(ledger?.livenessProbe).not.toEqual(ledger?.readinessProbe);
  });

  it("a pod behind an ALB keeps serving while the ALB deregisters it, within a grace period that covers the sleep and the shutdown", () => {
    const behindAlb = find(objectsOf(model, "storefront", "prod"), "Deployment")?.spec?.template.spec;
    expect(behindAlb?.containers[0]?.lifecycle).toEqual({ preStop: { sleep: { seconds: ALB_PRESTOP_SECONDS } } });
    expect(behindAlb?.terminationGracePeriodSeconds).toBe(ALB_PRESTOP_SECONDS + SHUTDOWN_SECONDS);
    const inCluster = find(objectsOf(model, "indexer", "prod"), "Deployment")?.spec?.template.spec;
    expect(inCluster?.containers[0]?.lifecycle).toEqual({ preStop: { sleep: { seconds: CLUSTER_PRESTOP_SECONDS } } });
    expect(inCluster?.terminationGracePeriodSeconds).toBe(CLUSTER_PRESTOP_SECONDS + SHUTDOWN_SECONDS);
    // The target group drains no longer than the pod still lives after its deregistration starts.
    expect(DEREGISTRATION_DELAY_SECONDS).toBeLessThanOrEqual(ALB_PRESTOP_SECONDS + SHUTDOWN_SECONDS);
    const ingress = find(objectsOf(model, "storefront", "prod"), "Ingress");
    expect(ingress?.metadata?.annotations?.["alb.ingress.kubernetes.io/target-group-attributes"]).toBe(`deregistration_delay.timeout_seconds=${DEREGISTRATION_DELAY_SECONDS}`);
  });
});

describe("Ingress", () => {
  const model = modelOf(production);
  const annotations = (service: string, environment: string) => find(objectsOf(model, service, environment), "Ingress")?.metadata?.annotations ?? {};

  it("with a certificate: HTTPS on 443 and HTTP redirected to it; without, plain HTTP", () => {
    expect(annotations("storefront", "prod")).toMatchObject({
      "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-west-2:111122223333:certificate/6f1c0a52-1b7e-4c4e-9d1f-2a3b4c5d6e7f",
      "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP": 80}, {"HTTPS": 443}]',
      "alb.ingress.kubernetes.io/ssl-redirect": "443",
    });
    expect(JSON.parse(annotations("storefront", "prod")["alb.ingress.kubernetes.io/listen-ports"] ?? "")).toEqual([{ HTTP: 80 }, { HTTPS: 443 }]);
    for (const key of ["certificate-arn", "listen-ports", "ssl-redirect"]) expect(annotations("ledger", "prod")).not.toHaveProperty(`alb.ingress.kubernetes.io/${key}`);
  });

  it("one ALB per cluster, environment and scheme unless the spec names a group; scheme and certificate overridable per environment", () => {
    const group = (service: string, environment: string) => {
      const a = annotations(service, environment);
      return `${a["alb.ingress.kubernetes.io/group.name"]} ${a["alb.ingress.kubernetes.io/scheme"]}`;
    };
    expect(group("storefront", "prod")).toBe("prod-internet-facing internet-facing");
    expect(group("storefront", "dev")).toBe("dev-internal internal");
    expect(annotations("storefront", "dev")["alb.ingress.kubernetes.io/certificate-arn"]).toMatch(/certificate\/0d9e8f7a/);
    expect(group("ledger", "staging")).toBe("ledger internal");
    expect(group("ledger", "prod")).toBe("ledger-prod internal");
    expect(group("reports", "prod")).toBe("prod-internet-facing internet-facing");
  });
});

describe("node-group scheduling", () => {
  const model = modelOf(production);

  it("the group's EKS label and its own labels select its nodes; its taints become tolerations", () => {
    const spec = find(objectsOf(model, "indexer", "prod"), "Deployment")?.spec?.template.spec;
    expect(spec?.nodeSelector).toEqual({ "eks.amazonaws.com/nodegroup": "jobs", lifecycle: "spot", role: "jobs" });
    expect(spec?.tolerations).toEqual([
      { key: "role", operator: "Equal", value: "jobs", effect: "NoSchedule" },
      { key: "spot", operator: "Exists", effect: "NoExecute" },
    ]);
    const untainted = find(objectsOf(model, "storefront", "prod"), "Deployment")?.spec?.template.spec;
    expect(untainted?.nodeSelector).toEqual({ "eks.amazonaws.com/nodegroup": "web", role: "web" });
    expect(untainted).not.toHaveProperty("tolerations");
  });

  it("per environment: only the environment that names a node group is pinned to it (on a Pulumi cluster, by foundation's node-group label)", () => {
    // EKS's label holds a Pulumi node group's generated name (memory-<suffix>): foundation's holds the spec's.
    expect(find(objectsOf(model, "ledger", "prod"), "Deployment")?.spec?.template.spec?.nodeSelector).toEqual({
      "foundation.dev/node-group": "memory",
      workload: "memory",
    });
    expect(model.clusters.find((c) => c.name === "data")?.nodeGroups.find((g) => g.name === "memory")?.labels).toEqual({ "foundation.dev/node-group": "memory", workload: "memory" });
    expect(find(objectsOf(model, "ledger", "staging"), "Deployment")?.spec?.template.spec).not.toHaveProperty("nodeSelector");
  });

  it("a cluster whose every group is tainted is usable by a service that names one", () => {
    const text = editSpec(production, [[["clusters", "data", "nodeGroups", "general"], undefined], [["services", "ledger", "scheduling"], { nodeGroup: "memory" }]]);
    const result = modelFromText("production.yaml", text);
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([]);
  });
});

describe("secrets hygiene", () => {
  it("recognises secret-looking config keys and values, and leaves ordinary ones alone", () => {
    for (const key of ["DB_PASSWORD", "dbPassword", "GITHUB_TOKEN", "STRIPE_API_KEY", "apiKey", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN", "TLS_PRIVATE_KEY", "GOOGLE_CREDENTIALS", "OAUTH_CLIENT_SECRET"]) {
      expect(looksLikeSecretKey(key), key).toBe(true);
    }
    for (const key of ["LOG_LEVEL", "CACHE_TTL_SECONDS", "PASSTHROUGH_MODE", "BYPASS_CACHE", "KEYBOARD_LAYOUT", "TOKENIZER", "PUBLIC_KEY_URL"]) {
      expect(looksLikeSecretKey(key), key).toBe(false);
    }
    expect(looksLikeSecretValue("postgres://app:hunter2@db.internal:5432/app")).toBe(true);
    expect(looksLikeSecretValue("-----BEGIN RSA PRIVATE KEY-----\nMIIE")).toBe(true);
    expect(looksLikeSecretValue("https://example.com/path")).toBe(false);
  });

  it("a secret-looking config entry gets a located warning pointing to secrets:, and still compiles", () => {
    const text = editSpec(referenceSpecText(), [
      [["services", "dawn", "config", "DB_PASSWORD"], "hunter2"],
      [["services", "dusk", "environments", "rc", "config"], { UPSTREAM: "https://svc:s3cr3t@upstream.example.com/" }],
    ]);
    const result = modelFromText("foundation.yaml", text);
    if (!result.ok) throw new Error(result.errors.map(formatError).join("\n"));
    const warnings = result.warnings.map(formatError).filter((w) => w.includes("config."));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^foundation\.yaml:\d+:\d+: services\.dawn\.config\.DB_PASSWORD: warning: "DB_PASSWORD" looks like a secret, .* \(fix: keep it in a Secret outside git and reference it under secrets: DB_PASSWORD: \{ secretName: \.\.\., key: \.\.\. \}\)$/,
    );
    expect(warnings[1]).toMatch(/services\.dusk\.environments\.rc\.config\.UPSTREAM: warning: the value of "UPSTREAM" looks like it holds a credential/);
    const line = Number(warnings[0]?.split(":")[1]);
    expect(text.split("\n")[line - 1]).toContain("DB_PASSWORD");
  });
});
