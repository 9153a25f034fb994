import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kubectlBackend } from "../../backends/kubectl/index.js";
import { filesOf, modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

const wide = readFileSync(join(ROOT, "test", "fixtures", "valid", "wide.yaml"), "utf8");
const instance = (text: string, service: string, env: string) => {
  const found = modelOf(text).services.find((s) => s.name === service)?.instances.find((i) => i.environment === env);
  if (!found) throw new Error(`no ${service}@${env}`);
  return found;
};

describe("environment merge", () => {
  it("merges objects key by key: rc overrides the bounds and keeps the service's CPU target", () => {
    expect(instance(referenceSpecText(), "dawn", "rc").autoscaling).toEqual({ minReplicas: 1, maxReplicas: 2, targetCPUUtilization: 70 });
    expect(instance(referenceSpecText(), "dawn", "rc").ingress).toEqual({
      host: "rc.dawn.example.com",
      path: "/",
      scheme: "internet-facing",
      targetType: "ip",
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c",
      group: "rc-internet-facing",
    });
  });

  it("merges maps key by key and replaces scalars", () => {
    const text = editSpec(referenceSpecText(), [[["services", "day", "environments", "rc", "config"], { LOG_LEVEL: "debug" }]]);
    expect(instance(text, "day", "rc").config).toEqual({ CACHE_TTL_SECONDS: "300", LOG_LEVEL: "debug" });
    expect(instance(text, "day", "prod").config).toEqual({ CACHE_TTL_SECONDS: "300", LOG_LEVEL: "info" });
  });

  it("replaces lists whole", () => {
    const text = editSpec(referenceSpecText(), [
      [["services", "day", "environments", "rc", "serviceAccount"], { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"] }],
    ]);
    expect(instance(text, "day", "rc").serviceAccount?.iamPolicyArns).toEqual(["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]);
    expect(instance(text, "day", "prod").serviceAccount?.iamPolicyArns).toEqual(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]);
  });

  it("applies defaults, and a nested default under an environment-only object", () => {
    const live = instance(wide, "checkout", "live");
    expect(live.healthCheck).toEqual({ path: "/health/ready", livenessPath: "/health/live", port: 9090, initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 5 });
    expect(live.resources).toEqual({ requests: { cpu: "0.5", memory: "256Mi" }, limits: { cpu: "4", memory: "1Gi" } });
    expect(instance(wide, "checkout", "dev").autoscaling).toEqual({ minReplicas: 1, maxReplicas: 12, targetCPUUtilization: 80 });
    expect(instance(wide, "checkout", "dev").replicas).toBe(1);
    expect(instance(wide, "ledger", "staging").imageTag).toBe("v3.0.0");
  });
});

describe("the model", () => {
  it("is read-only", () => {
    const model = modelOf(referenceSpecText());
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.services[0]?.instances[0]?.config)).toBe(true);
    expect(() => {
      (model.clusters as unknown as unknown[]).push({});
    }).toThrow();
  });

  it("lists everything sorted by name whatever the spec's order", () => {
    const model = modelOf(wide);
    expect(model.clusters.map((c) => c.name)).toEqual(["core", "east", "west"]);
    expect(model.services.map((s) => s.name)).toEqual(["checkout", "ledger", "mailer", "reports", "search"]);
    expect(model.environments.map((e) => e.name)).toEqual(["dev", "live", "staging"]);
  });

  it("derives IRSA bindings, with fixed role names, for add-ons and per-environment service accounts", () => {
    const west = modelOf(wide).clusters.find((c) => c.name === "west");
    expect(west?.irsa.map((b) => `${b.namespace}/${b.serviceAccount} ${b.roleName}`)).toEqual([
      "kube-system/aws-load-balancer-controller west.kube-system.aws-load-balancer-controller.us-west-2",
      "globex-dev/checkout west.globex-dev.checkout.us-west-2",
      "globex-live/checkout west.globex-live.checkout.us-west-2",
      "globex-staging/checkout west.globex-staging.checkout.us-west-2",
    ]);
  });

  it("knows where each service account and its role ARN come from", () => {
    expect(instance(wide, "checkout", "live").serviceAccount).toMatchObject({ createdBy: "infrastructure" });
    expect(instance(wide, "ledger", "live").serviceAccount).toMatchObject({
      createdBy: "application",
      roleArn: { kind: "static", arn: "arn:aws:iam::210987654321:role/core.globex-live.ledger.eu-central-1" },
    });
    expect(instance(wide, "search", "live").serviceAccount).toMatchObject({
      createdBy: "application",
      roleArn: { kind: "stackOutput", stackReference: "globex-platform/globex-provisioning/core-live", output: "irsa_role_arn__globex_live__search" },
    });
  });
});

describe("a spec unlike the reference one", () => {
  it("compiles every kubectl service in every environment it names, and nothing else", () => {
    const dirs = new Set([...filesOf(wide, [kubectlBackend]).keys()].map((p) => p.split("/").slice(0, 4).join("/")));
    expect([...dirs].sort()).toEqual([
      "gitops/manual_deploy/checkout/dev",
      "gitops/manual_deploy/checkout/live",
      "gitops/manual_deploy/checkout/staging",
      "gitops/manual_deploy/ledger/live",
      "gitops/manual_deploy/ledger/staging",
      "gitops/manual_deploy/reports/live",
    ]);
  });

  it("writes a ServiceAccount only where the application layer owns it", () => {
    const files = filesOf(wide, [kubectlBackend]);
    expect(files.has("gitops/manual_deploy/ledger/live/serviceaccount.yaml")).toBe(true);
    expect(files.has("gitops/manual_deploy/checkout/live/serviceaccount.yaml")).toBe(false);
    expect(files.get("gitops/manual_deploy/checkout/live/deployment.yaml")?.content).toContain("serviceAccountName: checkout");
  });
});
