import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awsLoadBalancerControllerPolicy } from "../../backends/pulumi-infra/program/aws-load-balancer-controller-policy.js";
import { clusterSettings } from "../../backends/pulumi-infra/cluster-settings.js";
import { awsPartition } from "../../src/model/aws-partition.js";
import { modelOf, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

const wide = readFileSync(join(ROOT, "test", "fixtures", "valid", "wide.yaml"), "utf8");

describe("ARNs in the partition of the cluster's region", () => {
  it("knows each partition by its regions", () => {
    expect(
      ["us-east-1", "eu-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1"].map(
        awsPartition,
      ),
    ).toEqual(["aws", "aws", "aws-cn", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"]);
  });

  it("builds access policy and IRSA role ARNs of a China cluster under arn:aws-cn", () => {
    const spec = editSpec(wide, [
      [["clusters", "core", "region"], "cn-north-1"],
      [["services", "search", "ingress", "certificateArn"], undefined],
      [["services", "search", "environments", "live", "ingress", "certificateArn"], undefined],
      [["clusters", "core", "access"], [{ principalArn: "arn:aws-cn:iam::210987654321:role/deployer", policy: "edit", namespaces: ["globex-live"] }]],
    ]);
    const model = modelOf(spec);
    const core = model.clusters.find((c) => c.name === "core");
    expect(core?.access.flatMap((entry) => entry.policies.map((p) => p.policyArn))).toEqual(["arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"]);
    const ledger = model.services.find((s) => s.name === "ledger")?.instances.find((i) => i.environment === "live");
    expect(ledger?.serviceAccount?.roleArn).toEqual({ kind: "static", arn: "arn:aws-cn:iam::210987654321:role/core.globex-live.ledger.cn-north-1" });
    expect(core?.partition).toBe("aws-cn");
    expect(core && clusterSettings(model.project, core).partition).toBe("aws-cn");
  });

  it("keeps commercial ARNs for commercial regions", () => {
    const model = modelOf(wide);
    const core = model.clusters.find((c) => c.name === "core");
    expect(core?.partition).toBe("aws");
    expect(core && clusterSettings(model.project, core).partition).toBe("aws");
  });

  it("gives the AWS Load Balancer Controller's policy the cluster's partition, as upstream's GovCloud and China policies do", () => {
    const commercial = JSON.stringify(awsLoadBalancerControllerPolicy("aws"));
    const govCloud = JSON.stringify(awsLoadBalancerControllerPolicy("aws-us-gov"));
    expect(commercial).toContain('"arn:aws:ec2:*:*:security-group/*"');
    expect(govCloud).not.toContain("arn:aws:");
    expect(govCloud).toContain('"arn:aws-us-gov:elasticloadbalancing:*:*:targetgroup/*/*"');
    expect(govCloud.replaceAll("arn:aws-us-gov:", "arn:aws:")).toBe(commercial);
  });
});
