import { describe, expect, it } from "vitest";
import { formatError } from "../../src/errors/spec-error.js";
import { parseSource } from "../../src/load/source-document.js";
import type { Model } from "../../src/model/model.js";
import { AWS_REGION_NAME_MAX, irsaRoleName, kubeconfigContextName } from "../../src/model/names.js";
import { targetsOf } from "../../src/diff/revisions/targets.js";
import { validateSpec } from "../../src/validate/validate-spec.js";
import { filesOf, modelOf, referenceSpecText } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

/** The reference spec with both of its clusters (trantor on eksctl, terminus on Pulumi) moved to eu-west-1. */
const MOVED = editSpec(
  referenceSpecText()
    .replaceAll("arn:aws:acm:us-east-1:", "arn:aws:acm:eu-west-1:"),
  [
    [["clusters", "trantor", "region"], "eu-west-1"],
    [["clusters", "terminus", "region"], "eu-west-1"],
  ],
);

const roleNames = (model: Model) => model.clusters.flatMap((c) => c.irsa.map((b) => b.roleName));
const contexts = (model: Model) => model.clusters.map((c) => c.kubeconfigContext);
/** Every role name written anywhere in the output: ClusterConfigs (eksctl) and stack data (Pulumi). */
const writtenRoleNames = (text: string) =>
  new Set(
    [...filesOf(text).values()]
      .filter((f) => f.path.endsWith(".yaml") || f.path.includes("/stacks/"))
      .flatMap((f) => [...f.content.matchAll(/roleName: "?([\w+=,.@-]+)"?/g)].map((m) => m[1] as string)),
  );

describe("IAM role names and kubeconfig contexts carry the cluster's region", () => {
  const home = modelOf(referenceSpecText());
  const moved = modelOf(MOVED);

  it("names them <cluster>.<namespace>.<serviceAccount>.<region> and <cluster>.<region>", () => {
    const trantor = home.clusters.find((c) => c.name === "trantor")!;
    expect(trantor.kubeconfigContext).toBe("trantor.us-east-1");
    expect(trantor.irsa.map((b) => b.roleName)).toEqual([
      "trantor.kube-system.aws-load-balancer-controller.us-east-1",
      "trantor.kube-system.cluster-autoscaler.us-east-1",
      "trantor.production.day.us-east-1",
      "trantor.rc.day.us-east-1",
    ]);
    expect(home.clusters.find((c) => c.name === "terminus")!.kubeconfigContext).toBe("terminus.us-east-1");
  });

  it("the same clusters in another region share no role name and no context with them, and differ only in the region", () => {
    expect(roleNames(home).length).toBeGreaterThan(4);
    expect(roleNames(moved).filter((name) => roleNames(home).includes(name))).toEqual([]);
    expect(roleNames(moved)).toEqual(roleNames(home).map((name) => name.replace(/\.us-east-1$/, ".eu-west-1")));
    expect(contexts(moved).filter((c) => contexts(home).includes(c))).toEqual([]);
    expect(contexts(moved)).toEqual(["terminus.eu-west-1", "trantor.eu-west-1"]);
  });

  it("every backend writes the model's role names, so the output of the two regions shares none either", () => {
    const written = writtenRoleNames(referenceSpecText());
    expect(written).toEqual(new Set(roleNames(home)));
    expect([...writtenRoleNames(MOVED)].filter((name) => written.has(name))).toEqual([]);
  });

  it("CI deploys, the application stacks and diff advice use the model's context", () => {
    const targets = [...targetsOf(home).values()].flatMap((t) => ("context" in t.location && t.location.context ? [[t.cluster, t.location.context]] : []));
    expect(targets.length).toBeGreaterThan(3);
    for (const [cluster, context] of targets) expect(context).toBe(home.clusters.find((c) => c.name === cluster)!.kubeconfigContext);
    const stacks = [...filesOf(referenceSpecText()).values()].filter((f) => f.path.includes("pulumi_deploy/stacks/"));
    const pinned = new Set(stacks.flatMap((f) => [...f.content.matchAll(/kubeconfigContext: "([^"]+)"/g)].map((m) => m[1])));
    expect(pinned).toEqual(new Set(["trantor.us-east-1"]));
  });
});

describe("irsaRoleName", () => {
  it("never makes one name of two sets of parts that only hyphens would have told apart", () => {
    expect(irsaRoleName("a-b", "us-east-1", "c", "x")).not.toBe(irsaRoleName("a", "us-east-1", "b-c", "x"));
    expect(irsaRoleName("a", "us-east-1", "b", "c-x")).not.toBe(irsaRoleName("a", "us-east-1", "b-c", "x"));
  });

  it("keeps a long name within 64 characters, readable, unique and deterministic, never a bare truncation", () => {
    const long = (sa: string) => irsaRoleName("a-cluster-name-of-forty-characters-xxxxx", "us-isof-south-1", "a-namespace-long-enough", sa);
    const one = long("service-one");
    const two = long("service-two");
    expect(one).toHaveLength(64);
    expect(one).toMatch(/^a-cluster-name-of-forty-characters-xxxx-[0-9a-f]{8}\.us-isof-south-1$/);
    expect(two).not.toBe(one);
    expect(long("service-one")).toBe(one);
    expect(irsaRoleName("trantor", "us-east-1", "kube-system", "aws-load-balancer-controller")).toBe("trantor.kube-system.aws-load-balancer-controller.us-east-1");
  });

  it("makes the part before the region the same in every region, so that a script can swap the region alone", () => {
    for (const cluster of ["trantor", "terminus-with-a-longer-name"]) {
      const base = (region: string) => irsaRoleName(cluster, region, "kube-system", "aws-load-balancer-controller").slice(0, -region.length);
      expect(base("us-isof-south-1")).toBe(base("us-east-1"));
      expect(irsaRoleName(cluster, "us-isof-south-1", "kube-system", "aws-load-balancer-controller").length).toBeLessThanOrEqual(64);
    }
    expect("us-isof-south-1").toHaveLength(AWS_REGION_NAME_MAX);
  });

  it("the context of a cluster is one per region", () => {
    expect(kubeconfigContextName("trantor", "us-east-1")).not.toBe(kubeconfigContextName("trantor", "eu-west-1"));
  });
});

describe("validation of regional names", () => {
  const BASE = `apiVersion: foundation/v1alpha1
kind: Foundation
metadata: { name: acme, organization: acme-org }
environments:
  prod: { namespace: production, stackSuffix: production }
  ops: { namespace: kube-system, stackSuffix: ops }
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
  /** A service named like cluster-autoscaler's ServiceAccount, with a serviceAccount in an environment in kube-system. */
  const COLLIDING = `${BASE.replace("services: {}\n", "services:\n")}  cluster-autoscaler:
    cluster: alpha
    deployWith: kubectl
    image: example.com/scaler
    port: 8080
    environments:
      prod: { imageTag: v1 }
      ops:
        imageTag: v1
        serviceAccount: { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }
`;
  const errorsOf = (text: string) => {
    const parsed = parseSource("spec.yaml", text);
    if (!parsed.ok) throw new Error("unparsable test spec");
    const result = validateSpec(parsed.document, { today: "2026-11-26" });
    return result.ok ? [] : result.errors.map(formatError);
  };

  it("a service whose ServiceAccount is an add-on's would share its IAM role: a located error", () => {
    expect(errorsOf(COLLIDING)).toEqual([
      'spec.yaml:28:25: services.cluster-autoscaler.environments.ops.serviceAccount: its IAM role alpha.kube-system.cluster-autoscaler.eu-west-1 would also be the role of the add-on clusterAutoscaler of cluster "alpha": IAM role names are one per account',
    ]);
    // The same service account in another namespace has a role of its own.
    expect(errorsOf(COLLIDING.replace("      prod: { imageTag: v1 }\n      ops:", "      ops: { imageTag: v1 }\n      prod:"))).toEqual([]);
  });

  it("a region longer than any AWS region leaves no room in role names: a located error", () => {
    expect(errorsOf(BASE.replace("region: eu-west-1", "region: ap-southeasterly-1"))).toEqual([
      'spec.yaml:10:13: clusters.alpha.region: region "ap-southeasterly-1" is longer than 15 characters, as no AWS region is (IAM role names keep 15 for it)',
    ]);
    expect(errorsOf(BASE.replace("region: eu-west-1", "region: us-isof-south-1"))).toEqual([]);
  });
});
