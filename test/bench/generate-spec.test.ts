import { describe, expect, it } from "vitest";
import { generateSpec, generateSpecObject } from "../../bench/generate-spec.js";
import { modelFromText } from "../../src/compile/load-model.js";
import type { Model } from "../../src/model/model.js";

function modelOf(text: string): Model {
  const result = modelFromText("foundation.yaml", text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("\n"));
  expect(result.warnings.map((w) => `${w.path.join(".")}: ${w.message}`)).toEqual([]);
  return result.model;
}

describe("the benchmark's spec generator", () => {
  it.each([1, 10, 100, 1000])("generates a spec of %i services that validates without warnings", (services) => {
    const model = modelOf(generateSpec({ services }));
    expect(model.services).toHaveLength(services);
  });

  it("is deterministic", () => {
    expect(generateSpec({ services: 100 })).toBe(generateSpec({ services: 100 }));
    expect(generateSpec({ services: 100, seed: 2 })).not.toBe(generateSpec({ services: 100 }));
  });

  it("changes exactly one service when asked to", () => {
    const before = generateSpecObject({ services: 100 }).services as Record<string, unknown>;
    const after = generateSpecObject({ services: 100, changed: true }).services as Record<string, unknown>;
    const differing = Object.keys(before).filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
    expect(differing).toHaveLength(1);
    modelOf(generateSpec({ services: 100, changed: true }));
  });

  it("mixes provisioners, deploy methods and environments", () => {
    const model = modelOf(generateSpec({ services: 100 }));
    expect(new Set(model.clusters.map((c) => c.provisioner))).toEqual(new Set(["eksctl", "pulumi"]));
    expect(new Set(model.services.map((s) => s.deployWith))).toEqual(new Set(["kubectl", "pulumi"]));
    expect(new Set(model.services.flatMap((s) => s.instances.map((i) => i.environment)))).toEqual(new Set(["prod", "staging", "dev"]));
  });

  it("uses every optional field of the schema somewhere", () => {
    const spec = generateSpecObject({ services: 100 });
    const seen = new Set<string>();
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, `${path}[]`));
      else if (value !== null && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
      } else seen.add(path);
    };
    const clusters = Object.values(spec.clusters as Record<string, unknown>);
    const services = Object.values(spec.services as Record<string, Record<string, unknown>>);
    clusters.forEach((c) => walk(c, "cluster"));
    services.forEach((s) => {
      const { environments, ...rest } = s;
      walk(rest, "service");
      Object.values(environments as Record<string, unknown>).forEach((e) => walk(e, "override"));
    });
    const fields = (prefix: string) => new Set([...seen].filter((p) => p.startsWith(prefix)).map((p) => p.replace(/\.(general|batch)\./, ".*.").replace(/\.(labels|tags|config|secrets)\.[^.]+/, ".$1.*")));
    expect([...fields("cluster")].sort()).toEqual(
      expect.arrayContaining([
        "cluster.stack",
        "cluster.accountId",
        "cluster.tags.*",
        "cluster.vpc.natGateway",
        "cluster.nodeGroups.*.capacityType",
        "cluster.nodeGroups.*.volumeSizeGiB",
        "cluster.nodeGroups.*.privateNetworking",
        "cluster.nodeGroups.*.labels.*",
        "cluster.nodeGroups.*.taints[].value",
        "cluster.addons.awsLoadBalancerController.chartVersion",
        "cluster.addons.metricsServer.chartVersion",
        "cluster.addons.clusterAutoscaler.chartVersion",
      ]),
    );
    const serviceFields = [
      "imageTag",
      "replicas",
      "healthCheck.port",
      "healthCheck.initialDelaySeconds",
      "healthCheck.periodSeconds",
      "healthCheck.timeoutSeconds",
      "healthCheck.failureThreshold",
      "resources.requests.cpu",
      "resources.limits.memory",
      "config.*",
      "secrets.*.secretName",
      "serviceAccount.iamPolicyArns[]",
      "ingress.path",
      "ingress.scheme",
      "ingress.targetType",
      "autoscaling.minReplicas",
      "autoscaling.targetCPUUtilization",
    ];
    expect([...fields("service")]).toEqual(expect.arrayContaining(serviceFields.map((f) => `service.${f}`)));
    const overrideFields = ["image", "imageTag", "replicas", "port", "healthCheck.initialDelaySeconds", "resources.requests.memory", "config.*", "secrets.*.key", "serviceAccount.iamPolicyArns[]", "ingress.host", "ingress.path", "autoscaling.maxReplicas"];
    expect([...fields("override")]).toEqual(expect.arrayContaining(overrideFields.map((f) => `override.${f}`)));
  });
});
