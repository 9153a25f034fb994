import { describe, expect, it } from "vitest";
import { formatError } from "../../src/errors/spec-error.js";
import { parseSource } from "../../src/load/source-document.js";
import { lower } from "../../src/lower/lower.js";
import { CLUSTER_AUTOSCALER_IMAGE_TAGS } from "../../src/model/addon-catalog.js";
import { EKS_VERSIONS, eksVersionStatus, offeredEksVersions, validationDay } from "../../src/model/eks-versions.js";
import { validateSpec } from "../../src/validate/validate-spec.js";
import { editSpec, type SpecEdit } from "../helpers/spec-edit.js";

const BASE = `apiVersion: foundation/v1alpha1
kind: Foundation
metadata: { name: acme, organization: acme-org }
environments:
  prod: { namespace: production, stackSuffix: production }
clusters:
  alpha:
    provisioner: eksctl
    region: eu-west-1
    kubernetesVersion: "1.35"
    vpc: { cidr: 10.10.0.0/16 }
    nodeGroups:
      workers: { instanceTypes: [t3.large], minSize: 1, desiredSize: 2, maxSize: 4 }
    addons:
      metricsServer: { chartVersion: 3.12.1 }
      clusterAutoscaler: { chartVersion: 9.37.0 }
services: {}
`;

function check(edits: readonly SpecEdit[], today: string) {
  const parsed = parseSource("spec.yaml", editSpec(BASE, edits));
  if (!parsed.ok) throw new Error("unparsable test spec");
  const result = validateSpec(parsed.document, { today });
  return result.ok
    ? { ok: true as const, messages: result.value.warnings.map(formatError), model: lower(result.value.spec, result.value.views) }
    : { ok: false as const, messages: result.errors.map(formatError) };
}

const version = (v: string): SpecEdit => [["clusters", "alpha", "kubernetesVersion"], v];

describe("EKS version lifecycle", () => {
  it("has dates in order for every version: released < end of standard < end of extended support", () => {
    for (const v of EKS_VERSIONS) {
      expect(v.released < v.endOfStandardSupport && v.endOfStandardSupport < v.endOfExtendedSupport, v.version).toBe(true);
    }
    expect(eksVersionStatus("1.31", "2025-11-25").kind).toBe("standard");
    expect(eksVersionStatus("1.31", "2025-11-26").kind).toBe("extended");
    expect(eksVersionStatus("1.31", "2026-11-25").kind).toBe("extended");
    expect(eksVersionStatus("1.31", "2026-11-26").kind).toBe("retired");
    expect(offeredEksVersions("2026-11-26")).toEqual(["1.32", "1.33", "1.34", "1.35"]);
  });

  it("a version past standard support is a located warning naming the date and the cost, and compiles", () => {
    const result = check([version("1.33")], "2026-11-26");
    expect(result.ok).toBe(true);
    expect(result.messages).toEqual([
      "spec.yaml:10:24: clusters.alpha.kubernetesVersion: warning: Kubernetes 1.33 left EKS standard support on 2026-07-29: the cluster runs on extended support, " +
        "billed at $0.60 per cluster-hour instead of $0.10, until 2027-07-29, when EKS upgrades it itself (fix: upgrade one minor version at a time towards 1.35)",
    ]);
    expect(check([version("1.33")], "2026-07-28").messages).toEqual([]);
  });

  it("a version EKS no longer offers, or one it never offered, is an error", () => {
    expect(check([version("1.31")], "2026-11-26").messages).toEqual([
      "spec.yaml:10:24: clusters.alpha.kubernetesVersion: EKS no longer offers Kubernetes 1.31: its extended support ended on 2026-11-26, and EKS upgrades such clusters itself (fix: upgrade one minor version at a time towards 1.35)",
    ]);
    const unknown = check([version("1.40")], "2026-11-26");
    expect(unknown.ok).toBe(false);
    expect(unknown.messages[0]).toContain("Kubernetes 1.40 is not in foundation's table of EKS versions");
  });

  it("the day changes only what is reported, never the model", () => {
    const early = check([version("1.34")], "2026-11-26");
    const late = check([version("1.34")], "2027-01-15");
    expect(early.messages).toEqual([]);
    expect(late.messages).toHaveLength(1);
    expect(early.ok && late.ok && JSON.stringify(early.model) === JSON.stringify(late.model)).toBe(true);
  });

  it("FOUNDATION_TODAY pins the day; anything but YYYY-MM-DD is ignored", () => {
    expect(validationDay({ FOUNDATION_TODAY: "2026-01-02" })).toBe("2026-01-02");
    expect(validationDay({ FOUNDATION_TODAY: "tomorrow" })).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("cluster-autoscaler follows the cluster's minor", () => {
  it("sets the image tag of the cluster's minor", () => {
    for (const v of ["1.32", "1.35"]) {
      const result = check([version(v)], "2026-11-26");
      if (!result.ok) throw new Error(result.messages.join("\n"));
      const addon = result.model.clusters[0]?.addons.find((a) => a.kind === "clusterAutoscaler");
      expect(addon?.imageTag).toBe(CLUSTER_AUTOSCALER_IMAGE_TAGS[v]);
      expect(addon?.imageTag?.startsWith(`v${v}.`)).toBe(true);
      expect(result.model.clusters[0]?.addons.find((a) => a.kind === "metricsServer")?.imageTag).toBeUndefined();
    }
  });

  it("a version with no autoscaler release is a located error; without the add-on it is fine", () => {
    const result = check([version("1.31")], "2026-06-01");
    expect(result.messages).toContain(
      "spec.yaml:10:24: clusters.alpha.kubernetesVersion: cluster-autoscaler supports only its own Kubernetes minor, and foundation knows no cluster-autoscaler release for 1.31 (it knows 1.32, 1.33, 1.34, 1.35, 1.36) (fix: use one of those versions, or add 1.31 to the image table of cluster-autoscaler in src/model/addon-catalog.ts)",
    );
    const without = check([version("1.31"), [["clusters", "alpha", "addons", "clusterAutoscaler"], undefined]], "2026-06-01");
    expect(without.ok).toBe(true);
  });
});

describe("access entries", () => {
  const admins = "arn:aws:iam::123456789012:role/platform-admins";
  const deployer = "arn:aws:iam::123456789012:role/deployer";

  it("lowers one entry per principal with the EKS access policies and their scopes", () => {
    const result = check(
      [
        [
          ["clusters", "alpha", "access"],
          [
            { principalArn: admins, policy: "cluster-admin" },
            { principalArn: deployer, policy: "edit", namespaces: ["production", "rc"] },
            { principalArn: deployer, policy: "view" },
          ],
        ],
      ],
      "2026-11-26",
    );
    if (!result.ok) throw new Error(result.messages.join("\n"));
    expect(result.model.clusters[0]?.access).toEqual([
      { principalArn: admins, policies: [{ policy: "cluster-admin", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", scope: { type: "cluster" } }] },
      {
        principalArn: deployer,
        policies: [
          { policy: "edit", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["production", "rc"] } },
          { policy: "view", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", scope: { type: "cluster" } },
        ],
      },
    ]);
  });

  it("refuses what EKS refuses, located", () => {
    const result = check(
      [
        [
          ["clusters", "alpha", "access"],
          [
            { principalArn: admins, policy: "cluster-admin", namespaces: ["production"] },
            { principalArn: "arn:aws:iam::123456789012:group/devs", policy: "view" },
            { principalArn: deployer, policy: "edit" },
            { principalArn: deployer, policy: "edit", namespaces: ["rc", "rc"] },
            { principalArn: deployer, policy: "owner" },
          ],
        ],
      ],
      "2026-11-26",
    );
    expect(result.messages).toEqual([
      "spec.yaml:22:23: clusters.alpha.access[1].principalArn: principalArn must be the ARN of an IAM role or user, such as arn:aws:iam::123456789012:role/deployer",
      "spec.yaml:32:17: clusters.alpha.access[4].policy: policy must be cluster-admin, admin, edit or view",
    ]);
    const semantic = check(
      [
        [
          ["clusters", "alpha", "access"],
          [
            { principalArn: admins, policy: "cluster-admin", namespaces: ["production"] },
            { principalArn: deployer, policy: "edit" },
            { principalArn: deployer, policy: "edit", namespaces: ["rc", "rc"] },
          ],
        ],
      ],
      "2026-11-26",
    );
    expect(semantic.messages).toEqual([
      "spec.yaml:21:11: clusters.alpha.access[0].namespaces: cluster-admin is a cluster-wide policy and cannot be limited to namespaces (fix: use policy admin for full access within namespaces, or drop namespaces)",
      "spec.yaml:24:23: clusters.alpha.access[2].principalArn: arn:aws:iam::123456789012:role/deployer already has policy edit at access[1]; an access entry associates each policy once (fix: list every namespace in access[1].namespaces)",
      "spec.yaml:28:13: clusters.alpha.access[2].namespaces[1]: namespace \"rc\" is listed twice",
    ]);
  });
});

describe("availability zones", () => {
  it("names the zone IDs EKS rejects in the cluster's region, and none elsewhere", () => {
    const result = check([[["clusters", "alpha", "region"], "us-east-1"]], "2026-11-26");
    if (!result.ok) throw new Error(result.messages.join("\n"));
    expect(result.model.clusters[0]?.excludedZoneIds).toEqual(["use1-az3"]);
    const other = check([], "2026-11-26");
    expect(other.ok && other.model.clusters[0]?.excludedZoneIds).toEqual([]);
  });
});
