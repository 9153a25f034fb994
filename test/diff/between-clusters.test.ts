import { describe, expect, test } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { diffClusters } from "../../src/diff/between/between-clusters.js";
import type { BetweenDifference } from "../../src/diff/between/between-result.js";
import { REFERENCE_SPEC, referenceSpecText } from "../helpers/compile.js";
import { runCli } from "../helpers/cli.js";
import { fixtureSpecText } from "../helpers/pulumi-app-specs.js";

const EXPECTED_TRANTOR = [
  "Cluster/trantor authenticationMode",
  "IrsaRole/kube-system/aws-load-balancer-controller policy",
  "IrsaRole/kube-system/aws-load-balancer-controller serviceAccountCreatedBy",
  "IrsaRole/kube-system/cluster-autoscaler serviceAccountCreatedBy",
  "IrsaRole/production/day serviceAccountCreatedBy",
  "IrsaRole/rc/day serviceAccountCreatedBy",
  'NodeGroup/general labels["foundation.dev/node-group"]',
  'NodeGroup/general autoscalerTags["k8s.io/cluster-autoscaler/enabled"]',
  'NodeGroup/general autoscalerTags["k8s.io/cluster-autoscaler/trantor"]',
  'NodeGroup/general autoscalerTags["k8s.io/cluster-autoscaler/node-template/label/foundation.dev/node-group"]',
  "Vpc/trantor publicSubnets",
  "Vpc/trantor privateSubnets",
];

/** The unedited comparison of Trantor, run once for the tests that read it. */
let trantor: ReturnType<typeof diffClusters> | undefined;
const plainTrantor = () => (trantor ??= diffClusters("foundation.yaml", referenceSpecText(), "trantor", { backends: BACKENDS }));

/**
 * Trantor compared with both sides tampered with at once (each test reads the differences of its own
 * tampering; they touch different objects), run once: the eksctl side's node group size, its rc
 * Namespace's enforce label and metrics-server's chart version; the Pulumi side's Namespaces no longer
 * retained on delete and its Kubernetes version.
 */
let tampered: ReturnType<typeof diffClusters> | undefined;
const tamperedTrantor = () =>
  (tampered ??= diffClusters("foundation.yaml", referenceSpecText(), "trantor", {
    backends: BACKENDS,
    adjustEksctlPlan: (plan) => ({
      ...plan,
      config: { ...plan.config, managedNodeGroups: plan.config.managedNodeGroups?.map((g) => (g.name === "general" ? { ...g, desiredCapacity: 4 } : g)) },
      namespaces: plan.namespaces.map((n) =>
        n.metadata?.name === "rc" ? { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, "pod-security.kubernetes.io/enforce": "privileged" } } } : n,
      ),
      helmInstalls: plan.helmInstalls.map((h) => (h.release === "metrics-server" ? { ...h, version: "3.13.0" } : h)),
    }),
    adjust: (side, files) =>
      files.map((f) => {
        if (side !== "pulumi") return f;
        if (f.path === "provisioning/pulumi/index.ts") return { ...f, content: f.content.replace("retainOnDelete: true", "retainOnDelete: false") };
        if (f.path.startsWith("provisioning/pulumi/stacks/") && f.content.includes('\n  name: "trantor",\n')) {
          return { ...f, content: f.content.replace(/(\n  kubernetesVersion: )"1\.35"/, '$1"1.34"') };
        }
        return f;
      }),
  }));

/** The unexplained differences of objects whose name starts with `prefix`. */
const unexplained = (differences: readonly BetweenDifference[] | undefined, prefix: string) =>
  (differences ?? []).filter((d) => d.explanation === undefined && d.object.startsWith(prefix));

describe("foundation diff --between eksctl,pulumi --cluster C", () => {
  test("Trantor: only the differences that follow from how the tools work, each explained", async () => {
    const diff = await plainTrantor();
    const [trantor] = diff.targets;
    expect(trantor?.status).toBe("explained");
    expect(trantor?.differences.map((d) => `${d.object} ${d.field}`)).toEqual(EXPECTED_TRANTOR);
    for (const d of trantor?.differences ?? []) expect(d.explanation, `${d.object} ${d.field}`).toMatch(/\w/);
    // what both must agree on: version, VPC, node group sizes, add-on charts, their images and CRDs, the EKS add-ons, IRSA role names
    const fields = new Set(trantor?.differences.map((d) => d.field));
    for (const field of ["kubernetesVersion", "cidr", "natGateway", "desiredSize", "chartVersion", "imageTag", "crdsAppliedFirst", "version", "resolveConflicts", "roleName"]) {
      expect(fields.has(field)).toBe(false);
    }
    expect(trantor?.differences.filter((d) => d.object.startsWith("EksAddon/") || d.object.startsWith("Addon/"))).toEqual([]);
  });

  test("a tampered ClusterConfig (node group size) gives an unexplained difference, named", async () => {
    const [trantor] = (await tamperedTrantor()).targets;
    expect(trantor?.status).toBe("different");
    expect(unexplained(trantor?.differences, "NodeGroup/")).toEqual([{ object: "NodeGroup/general", field: "desiredSize", left: 4, right: 3 }]);
  });

  test("both describe the cluster's namespaces, the same labels, kept when removed from the spec; a change to either side is found", async () => {
    const same = await plainTrantor();
    expect(same.targets[0]?.differences.filter((d) => d.object.startsWith("Namespace/"))).toEqual([]);
    expect(unexplained((await tamperedTrantor()).targets[0]?.differences, "Namespace/")).toEqual([
      { object: "Namespace/production", field: "keptWhenRemovedFromSpec", left: true, right: false },
      { object: "Namespace/rc", field: 'labels["pod-security.kubernetes.io/enforce"]', left: "privileged", right: "baseline" },
      { object: "Namespace/rc", field: "keptWhenRemovedFromSpec", left: true, right: false },
    ]);
  });

  test("a tampered add-on install (chart version) and Pulumi program (Kubernetes version) are found", async () => {
    const differences = (await tamperedTrantor()).targets[0]?.differences;
    expect([...unexplained(differences, "Addon/"), ...unexplained(differences, "Cluster/")]).toEqual([
      { object: "Addon/metrics-server", field: "chartVersion", left: "3.13.0", right: "3.12.1" },
      { object: "Cluster/trantor", field: "kubernetesVersion", left: "1.35", right: "1.34" },
    ]);
    // Each tampering is found, and nothing else is unexplained.
    expect(unexplained(differences, "").map((d) => d.object).sort()).toEqual(
      ["Addon/metrics-server", "Cluster/trantor", "Namespace/production", "Namespace/rc", "Namespace/rc", "NodeGroup/general"],
    );
  });

  test("access entries: both describe each principal's policies and scopes (production fixture, cluster data); a tampered one is found", async () => {
    const EDIT = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
    const diff = await diffClusters("production.yaml", fixtureSpecText("production"), "data", {
      backends: BACKENDS,
      adjust: (side, files) =>
        files.map((f) => (side === "pulumi" && f.path === "provisioning/pulumi/stacks/data.ts" ? { ...f, content: f.content.replace("AmazonEKSViewPolicy", "AmazonEKSAdminPolicy") } : f)),
    });
    expect(diff.targets[0]?.differences.filter((d) => d.explanation === undefined)).toEqual([
      {
        object: "AccessEntry/arn:aws:iam::111122223333:role/ledger-deployer",
        field: "policies",
        left: [`${EDIT} in namespaces staging, prod`, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy cluster-wide"],
        right: [`${EDIT} in namespaces staging, prod`, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy cluster-wide"],
      },
    ]);
  });

  test("Terminus (a Pulumi cluster, flipped to eksctl), through the CLI: explained only, so --exit-code exits 0", async () => {
    const run = await runCli(["diff", "--between", "eksctl,pulumi", "--cluster", "terminus", "--exit-code", "--spec", REFERENCE_SPEC]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("foundation diff --between eksctl,pulumi --cluster terminus (reference.yaml)");
    expect(run.stdout).toMatch(/terminus: 14 differences, all explained/);
    expect(run.stdout).toContain("NodeGroup/batch autoscalerTags[\"k8s.io/cluster-autoscaler/terminus\"]: eksctl owned, pulumi (none)");
    expect(run.stdout).not.toContain("NOT EXPLAINED");
  });
});

describe("foundation diff --between: usage errors exit 2", () => {
  test.each([
    [["--between", "eksctl,pulumi"], /needs --cluster/],
    [["--between", "kubectl,eksctl"], /--between takes kubectl,pulumi .* or eksctl,pulumi/],
    [["--between", "kubectl"], /--between takes/],
    [["--between", "kubectl,pulumi", "--cluster", "trantor"], /--cluster goes with --between eksctl,pulumi/],
    [["--between", "eksctl,pulumi", "--cluster", "trantor", "--service", "day"], /--service goes with --between kubectl,pulumi/],
    [["--between", "kubectl,pulumi", "--service", "noon"], /no service "noon" .* it has dawn, day, dusk/],
    [["--between", "eksctl,pulumi", "--cluster", "gaia"], /no cluster "gaia" .* it has terminus, trantor/],
    [["--between", "kubectl,pulumi", "--base", "HEAD"], /takes no --base/],
    [["--service", "day", "--base-spec", "foundation.yaml"], /--service and --cluster go with --between/],
  ])("diff %j", async (args, message) => {
    const run = await runCli(["diff", ...args, ...(args.includes("--base-spec") ? [] : ["--spec", REFERENCE_SPEC])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
