import { describe, expect, it } from "vitest";
import { modelFromText } from "../../src/compile/load-model.js";
import { formatPath } from "../../src/errors/spec-error.js";
import { referenceSpecText } from "../helpers/compile.js";
import { editSpec, type SpecEdit } from "../helpers/spec-edit.js";

const reference = referenceSpecText();

/** The formatted paths and messages of a spec's errors (warnings left out). */
function errorsOf(edits: readonly SpecEdit[]): string[] {
  const result = modelFromText("foundation.yaml", editSpec(reference, edits));
  if (result.ok) return [];
  return result.errors.filter((e) => e.severity !== "warning").map((e) => `${formatPath(e.path)}: ${e.message}`);
}

const extraCluster = (overrides: Record<string, unknown> = {}) => ({
  provisioner: "eksctl",
  region: "us-west-2",
  kubernetesVersion: "1.35",
  vpc: { cidr: "10.9.0.0/16" },
  nodeGroups: { general: { instanceTypes: ["m5.large"], minSize: 1, desiredSize: 1, maxSize: 2 } },
  ...overrides,
});

describe("validation of what reaches the eksctl scripts", () => {
  it.each(["a;b", "$(touch-x)", "a b", "-a", "a'b", "Trantor", "a`b`"])("refuses %j as a cluster name", (name) => {
    expect(errorsOf([[["clusters", name], extraCluster()]]).some((e) => e.startsWith(`clusters.${name}`))).toBe(true);
  });

  it.each(["a;b", "x'y", "g$(id)", "a b"])("refuses %j as a node group name", (name) => {
    const errors = errorsOf([[["clusters", "trantor", "nodeGroups", name], { instanceTypes: ["m5.large"], minSize: 1, desiredSize: 1, maxSize: 2 }]]);
    expect(errors.some((e) => e.startsWith(`clusters.trantor.nodeGroups.${name}`))).toBe(true);
  });

  it.each(["a;b", "s$(id)", "a'b", "a b"])("refuses %j as a service name", (name) => {
    const errors = errorsOf([[["services", name], { cluster: "trantor", deployWith: "kubectl", image: "r/x", port: 80, environments: { prod: { imageTag: "v1" } } }]]);
    expect(errors.some((e) => e.startsWith(`services.${name}`))).toBe(true);
  });

  it.each([
    [["clusters", "trantor", "region"], "us-east-1; touch x"],
    [["clusters", "trantor", "region"], "$(touch x)"],
    [["clusters", "trantor", "accountId"], "12345678901'"],
    [["clusters", "trantor", "addons", "metricsServer", "chartVersion"], "3.12.1;touch x"],
    [["clusters", "trantor", "addons", "metricsServer", "chartVersion"], "3.12.1 --set x=y"],
    [["clusters", "trantor", "kubernetesVersion"], "1.31'"],
  ] as const)("refuses %j = %j", (path, value) => {
    expect(errorsOf([[path, value]]).some((e) => e.startsWith(formatPath(path)))).toBe(true);
  });
});

describe("validation of what an eksctl ClusterConfig cannot express", () => {
  const group = (extra: Record<string, unknown>) => ({ instanceTypes: ["m5.large"], minSize: 1, desiredSize: 1, maxSize: 2, ...extra });
  const longKey = `${"a".repeat(40)}.example.com/${"b".repeat(20)}`;

  it("refuses node group label keys longer than EKS's 63 characters, and empty label values", () => {
    expect(errorsOf([[["clusters", "trantor", "nodeGroups", "general"], group({ labels: { [longKey]: "x", empty: "" } })]])).toEqual([
      `clusters.trantor.nodeGroups.general.labels.${longKey}: label key "${longKey}" is longer than the 63 characters EKS allows on a node group`,
      "clusters.trantor.nodeGroups.general.labels.empty: EKS node group labels need a value; an empty one is refused",
    ]);
  });

  it("refuses a Pulumi cluster's node group names longer than 36 characters (EKS adds a 26-character suffix within 63); eksctl's may be 40", () => {
    const long = "g".repeat(37);
    expect(errorsOf([[["clusters", "terminus", "nodeGroups", long], group({})]])).toEqual([
      `clusters.terminus.nodeGroups.${long}: node group name "${long}" is longer than the 36 characters a Pulumi cluster's can have: EKS names the group ${long}-<26-character suffix>, within 63 characters`,
    ]);
    expect(errorsOf([[["clusters", "terminus", "nodeGroups", "g".repeat(36)], group({})], [["clusters", "trantor", "nodeGroups", "g".repeat(40)], group({})]])).toEqual([]);
  });

  it("refuses taint keys longer than EKS's 63 characters", () => {
    expect(errorsOf([[["clusters", "trantor", "nodeGroups", "general"], group({ taints: [{ key: longKey, effect: "NoSchedule" }] })], [["clusters", "trantor", "nodeGroups", "spare"], group({})]])).toEqual([
      `clusters.trantor.nodeGroups.general.taints[0].key: taint key "${longKey}" is longer than the 63 characters EKS allows on a node group`,
    ]);
  });

  it("refuses tags AWS refuses: the aws: prefix, characters outside AWS's set", () => {
    expect(errorsOf([[["clusters", "trantor", "tags"], { "aws:owner": "x", "bad!key": "y", team: "$(touch x)", fine: "Team A: ops/infra+1@example.com" }]])).toEqual([
      'clusters.trantor.tags.aws:owner: tag key "aws:owner": the aws: prefix is reserved for AWS',
      'clusters.trantor.tags.bad!key: tag key "bad!key": AWS allows only letters, digits, spaces and _ . : / = + - @',
      "clusters.trantor.tags.team: AWS tag values allow only letters, digits, spaces and _ . : / = + - @",
    ]);
  });

  it("accepts the reference spec and the values these rules allow", () => {
    expect(errorsOf([[["clusters", "trantor", "nodeGroups", "general", "labels"], { "example.com/tier": "2" }]])).toEqual([]);
  });
});
