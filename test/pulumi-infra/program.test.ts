import { basename } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pulumiInfraBackend } from "../../backends/pulumi-infra/index.js";
import { PROVISIONING_PULUMI_DIR } from "../../src/model/output-layout.js";
import type { Model } from "../../src/model/model.js";
import { buildClusterNamespace } from "../../src/k8s/cluster-namespace.js";
import { modelOf, modelPastChecks, referenceSpecText } from "../helpers/compile.js";
import { MOCK_ACCOUNT, mockAddonVersion, mockIssuer, mockZones } from "../../src/pulumi/mock-state.js";
import { clusterAutoscalerPolicy } from "../../src/model/autoscaler-policy.js";
import { CLUSTER_AUTOSCALER_IMAGE_TAGS } from "../../src/model/addon-catalog.js";
import { FOUNDATION_NODE_GROUP_LABEL } from "../../src/model/names.js";
import { eksctlBackend } from "../../backends/eksctl/index.js";
import { fixtureSpecText } from "../helpers/pulumi-app-specs.js";
import { MockProject, runAll, type StackRun } from "../../src/pulumi/run-under-mocks.js";
import { ofType, removeDir, resource, typeCheck, writeProject } from "../helpers/pulumi-projects.js";
import { editSpec } from "../helpers/spec-edit.js";

/** Terminus's add-on roles: the ALB controller's is past 48 characters before its region, so shortened with a hash. */
const ALB_ROLE = "terminus.kube-system.aws-load-balancer-672e60a2.us-east-1";
const AUTOSCALER_ROLE = "terminus.kube-system.cluster-autoscaler.us-east-1";

const TRICKY = 'say "hi" \\ ${process.exit(1)} `whoami`\nsecond line';
const TRICKY_KEY = 'team"\\${x}\n';

/**
 * Reference spec, plus IRSA for dusk and a second pulumi cluster (gaia, stack staging) with tags that AWS
 * (and so validation) refuses: the program must still carry them as inert literals.
 */
const TWO_CLUSTERS = editSpec(referenceSpecText(), [
  [["services", "dusk", "serviceAccount"], { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::123456789012:policy/team/dusk-queue"] }],
  [
    ["clusters", "gaia"],
    {
      provisioner: "pulumi",
      stack: "staging",
      region: "eu-west-1",
      kubernetesVersion: "1.34",
      tags: { [TRICKY_KEY]: TRICKY, owner: "platform" },
      vpc: { cidr: "10.4.0.0/20", natGateway: "highlyAvailable" },
      nodeGroups: {
        edge: {
          instanceTypes: ["t3.medium"],
          minSize: 1,
          desiredSize: 1,
          maxSize: 3,
          privateNetworking: false,
          labels: { tier: "edge" },
          taints: [{ key: "edge", effect: "PreferNoSchedule" }],
        },
      },
      addons: { metricsServer: { chartVersion: "3.12.2" }, clusterAutoscaler: { chartVersion: "9.38.0" } },
    },
  ],
  [
    ["services", "eve"],
    {
      cluster: "gaia",
      deployWith: "pulumi",
      image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/eve",
      port: 8080,
      serviceAccount: { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess"] },
      environments: { prod: { imageTag: "v1.0.0" } },
    },
  ],
]);

/** Terminus without the AWS Load Balancer Controller (and so without dusk's ingress). */
const NO_ALB = editSpec(referenceSpecText(), [
  [["clusters", "terminus", "addons", "awsLoadBalancerController"], undefined],
  [["services", "dusk", "ingress"], undefined],
  [["services", "dusk", "environments", "rc", "ingress"], undefined],
]);

const APPLICATION_KINDS = [
  "kubernetes:apps/v1:Deployment",
  "kubernetes:core/v1:Service",
  "kubernetes:core/v1:ConfigMap",
  "kubernetes:autoscaling/v1:HorizontalPodAutoscaler",
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  "kubernetes:networking.k8s.io/v1:Ingress",
];

/**
 * The zones of us-east-1 a stack must use: the mocks also list a Local Zone (first, as AWS sorts it) and
 * use1-az3 (us-east-1c), where EKS places no cluster.
 */
const MOCK_ZONES = ["us-east-1a", "us-east-1b", "us-east-1d"];

/** Edits of the reference spec whose production stack the tests compare with the reference's. */
const EDITS = [
  [[["clusters", "terminus", "nodeGroups", "batch", "maxSize"], 12], ["aws:eks/nodeGroup:NodeGroup::terminus-batch.scalingConfig.maxSize"]],
  [[["clusters", "terminus", "addons", "metricsServer", "chartVersion"], "3.12.2"], ["kubernetes:helm.sh/v3:Release::metrics-server.version"]],
  [
    [["clusters", "terminus", "kubernetesVersion"], "1.34"],
    [
      // The control plane, the node groups, the EKS add-ons (through the version lookup) and cluster-autoscaler's image move together.
      "aws:eks/addon:Addon::terminus-coredns.addonVersion",
      "aws:eks/addon:Addon::terminus-vpc-cni.addonVersion",
      "aws:eks/nodeGroup:NodeGroup::terminus-batch.version",
      "aws:eks/nodeGroup:NodeGroup::terminus-general.version",
      "eks:index:Cluster::terminus.version",
      // Pod Security admission is pinned to the cluster's version.
      "kubernetes:core/v1:Namespace::production.metadata.labels.pod-security.kubernetes.io/audit-version",
      "kubernetes:core/v1:Namespace::production.metadata.labels.pod-security.kubernetes.io/enforce-version",
      "kubernetes:core/v1:Namespace::production.metadata.labels.pod-security.kubernetes.io/warn-version",
      "kubernetes:core/v1:Namespace::rc.metadata.labels.pod-security.kubernetes.io/audit-version",
      "kubernetes:core/v1:Namespace::rc.metadata.labels.pod-security.kubernetes.io/enforce-version",
      "kubernetes:core/v1:Namespace::rc.metadata.labels.pod-security.kubernetes.io/warn-version",
      "kubernetes:helm.sh/v3:Release::cluster-autoscaler.values.image.tag",
    ],
  ],
  [[["clusters", "terminus", "nodeGroups", "general", "instanceTypes"], ["m5.xlarge"]], ["aws:eks/nodeGroup:NodeGroup::terminus-general.instanceTypes.0"]],
] as const;

/** Terminus without node groups (and so without dusk's scheduling, which validation would refuse). */
const NO_NODES = editSpec(referenceSpecText(), [
  [["clusters", "terminus", "nodeGroups"], {}],
  [["services", "dusk", "environments", "rc", "scheduling"], undefined],
]);

const NAT_DISABLE = editSpec(referenceSpecText(), [
  [["clusters", "terminus", "vpc", "natGateway"], "disable"],
  [["clusters", "terminus", "nodeGroups", "general", "privateNetworking"], false],
  [["clusters", "terminus", "nodeGroups", "batch", "privateNetworking"], false],
]);

const models = new Map<string, Model>();
const projects = new Map<string, MockProject>();
const dirs: string[] = [];
const diagnostics = new Map<string, string>();
const runs = new Map<string, StackRun>();

function editName(expected: readonly string[]): string {
  return `edit-${expected[0]!.replace(/[^a-z0-9]+/gi, "-")}`;
}

/** The provisioning project of a spec, ready to run; `pastChecks` lowers it even if validation refuses it. */
function project(name: string, spec: string, pastChecks = false): void {
  const model = pastChecks ? modelPastChecks(spec) : modelOf(spec);
  models.set(name, model);
  projects.set(name, MockProject.create(pulumiInfraBackend.generate(model, { specName: "foundation.yaml" }), PROVISIONING_PULUMI_DIR));
}

function run(name: string, stack: string): StackRun {
  const done = runs.get(`${name}/${stack}`);
  if (!done) throw new Error(`no run of ${name}/${stack}`);
  return done;
}

beforeAll(async () => {
  project("reference", referenceSpecText());
  project("two-clusters", TWO_CLUSTERS, true);
  project("no-alb", NO_ALB);
  project("nat-disable", NAT_DISABLE);
  project("no-nodes", NO_NODES, true);
  project("production", fixtureSpecText("production"));
  for (const [edit, expected] of EDITS) project(editName(expected), editSpec(referenceSpecText(), [edit as unknown as readonly [string[], unknown]]));
  const stacks = [...projects.keys()].flatMap((name) => models.get(name)!.clusters.flatMap((c) => (c.stack ? [{ name, stack: c.stack }] : [])));
  // One tsc over the checked projects (the generated programs against the real @pulumi packages),
  // while one child process runs every stack under the mocks.
  const checked = ["reference", "two-clusters", "no-alb", "production"];
  const generated = checked.map((name) => writeProject(pulumiInfraBackend.generate(models.get(name)!, { specName: "foundation.yaml" }), PROVISIONING_PULUMI_DIR, `infra-${name}`));
  dirs.push(...generated);
  const [typeChecked, done] = await Promise.all([
    typeCheck(generated),
    runAll(stacks.map(({ name, stack }) => ({ project: projects.get(name)!, stack }))),
  ]);
  const lines = typeChecked.split("\n");
  checked.forEach((name, index) => diagnostics.set(name, lines.filter((line) => line.includes(basename(generated[index]!))).join("\n")));
  diagnostics.set("all", typeChecked);
  stacks.forEach(({ name, stack }, index) => runs.set(`${name}/${stack}`, done[index]!));
});

afterAll(() => {
  for (const p of projects.values()) p.dispose();
  for (const dir of dirs) removeDir(dir);
});

describe("type-check with tsc (strict) against the pinned @pulumi packages", () => {
  test.each(["reference", "two-clusters", "no-alb", "production"])("%s", (name) => {
    expect(diagnostics.get(name)).toBe("");
  });

  test("one tsc run over the four: no diagnostics at all", () => {
    expect(diagnostics.get("all")).toBe("");
  });
});

/** Counts of resources by type. */
function counts(r: StackRun): Record<string, number> {
  const result: Record<string, number> = {};
  for (const res of r.resources) result[res.type] = (result[res.type] ?? 0) + 1;
  return result;
}

function policyDoc(value: unknown): any {
  return typeof value === "string" ? JSON.parse(value) : value;
}

describe("the reference spec's Terminus stack under mocks", () => {
  let r: StackRun;
  beforeAll(() => {
    r = run("reference", "production");
  });

  test("feeds the stack file's configuration", () => {
    expect(r.config).toEqual({ "aws:region": "us-east-1" });
  });

  test("resource types and counts", () => {
    expect(counts(r)).toEqual({
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/internetGateway:InternetGateway": 1,
      "aws:ec2/subnet:Subnet": 6,
      "aws:ec2/eip:Eip": 1,
      "aws:ec2/natGateway:NatGateway": 1,
      "aws:ec2/routeTable:RouteTable": 4,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 6,
      "eks:index:Cluster": 1,
      "aws:eks/addon:Addon": 2,
      "aws:iam/role:Role": 3,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 4,
      "aws:iam/policy:Policy": 1,
      "aws:iam/rolePolicy:RolePolicy": 1,
      "aws:eks/nodeGroup:NodeGroup": 2,
      // The batch group's label and taint, and foundation's node-group label of each group.
      "aws:autoscaling/tag:Tag": 4,
      "pulumi:providers:kubernetes": 2,
      "kubernetes:core/v1:Namespace": 2,
      "kubernetes:yaml/v2:ConfigFile": 1,
      "kubernetes:helm.sh/v3:Release": 3,
    });
  });

  test("the namespaces of its environments, labelled, through the cluster's provider, never deleted with the stack", () => {
    const model = models.get("reference")!;
    const terminus = model.clusters.find((c) => c.name === "terminus")!;
    const namespaces = ofType(r, "kubernetes:core/v1:Namespace");
    expect(namespaces.map((n) => ({ name: n.name, provider: n.provider, retainOnDelete: n.retainOnDelete, inputs: n.inputs }))).toEqual(
      terminus.namespaces.map((n) => ({ name: n.name, provider: "terminus", retainOnDelete: true, inputs: buildClusterNamespace(model.project, terminus, n) })),
    );
    expect(namespaces.map((n) => n.name)).toEqual(["production", "rc"]);
    for (const namespace of namespaces) {
      expect((namespace.inputs as { metadata: { labels: Record<string, string> } }).metadata.labels).toMatchObject({
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "v1.35",
        "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled",
      });
    }
  });

  test("VPC and subnets: the spec's CIDR, three zones, load balancer tags, one NAT gateway", () => {
    const cluster = models.get("reference")!.clusters.find((c) => c.name === "terminus")!;
    expect(resource(r, "aws:ec2/vpc:Vpc", "terminus").inputs.cidrBlock).toBe("10.2.0.0/16");
    cluster.vpc.publicSubnets.forEach((cidr, zone) => {
      const subnet = resource(r, "aws:ec2/subnet:Subnet", `terminus-public-${zone}`).inputs;
      expect(subnet).toMatchObject({ cidrBlock: cidr, availabilityZone: MOCK_ZONES[zone], mapPublicIpOnLaunch: true });
      expect(subnet.tags).toMatchObject({ "kubernetes.io/role/elb": "1", "kubernetes.io/cluster/terminus": "shared" });
    });
    cluster.vpc.privateSubnets.forEach((cidr, zone) => {
      const subnet = resource(r, "aws:ec2/subnet:Subnet", `terminus-private-${zone}`).inputs;
      expect(subnet).toMatchObject({ cidrBlock: cidr, availabilityZone: MOCK_ZONES[zone] });
      expect(subnet.tags).toMatchObject({ "kubernetes.io/role/internal-elb": "1", "kubernetes.io/cluster/terminus": "shared" });
      const routes = resource(r, "aws:ec2/routeTable:RouteTable", `terminus-private-${zone}`).inputs.routes;
      expect(routes).toEqual([{ cidrBlock: "0.0.0.0/0", natGatewayId: "terminus-nat-0" }]);
    });
    expect(resource(r, "aws:ec2/natGateway:NatGateway", "terminus-nat-0").inputs.subnetId).toBe("terminus-public-0");
  });

  test("the EKS cluster: OIDC on, no default node group, the spec's version", () => {
    expect(resource(r, "eks:index:Cluster", "terminus").inputs).toMatchObject({
      name: "terminus",
      version: "1.35",
      createOidcProvider: true,
      skipDefaultNodeGroup: true,
      authenticationMode: "API",
      vpcId: "terminus",
      publicSubnetIds: ["terminus-public-0", "terminus-public-1", "terminus-public-2"],
      privateSubnetIds: ["terminus-private-0", "terminus-private-1", "terminus-private-2"],
    });
  });

  test("node groups: scaling, capacity type, instance types, labels, taints, disk, private subnets", () => {
    const privateIds = ["terminus-private-0", "terminus-private-1", "terminus-private-2"];
    expect(resource(r, "aws:eks/nodeGroup:NodeGroup", "terminus-general").inputs).toMatchObject({
      clusterName: "terminus",
      labels: { [FOUNDATION_NODE_GROUP_LABEL]: "general" },
      nodeRoleArn: `arn:aws:iam::${MOCK_ACCOUNT}:role/terminus-node`,
      capacityType: "ON_DEMAND",
      instanceTypes: ["m5.large"],
      scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 5 },
      diskSize: 50,
      subnetIds: privateIds,
    });
    const batch = resource(r, "aws:eks/nodeGroup:NodeGroup", "terminus-batch").inputs;
    expect(batch).toMatchObject({
      capacityType: "SPOT",
      instanceTypes: ["c5.xlarge", "c5a.xlarge"],
      scalingConfig: { minSize: 0, desiredSize: 1, maxSize: 10 },
      diskSize: 80,
      labels: { workload: "batch", [FOUNDATION_NODE_GROUP_LABEL]: "batch" },
      taints: [{ key: "workload", value: "batch", effect: "NO_SCHEDULE" }],
      subnetIds: privateIds,
    });
    const nodePolicies = ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.inputs.role === "terminus-node")
      .map((a) => a.inputs.policyArn)
      .sort();
    expect(nodePolicies).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    ]);
  });

  test("cluster-autoscaler node-template tags reach each group's Auto Scaling group", () => {
    const tags = ofType(r, "aws:autoscaling/tag:Tag").map((t) => t.inputs as { autoscalingGroupName: string; tag: { key: string; value: string } });
    for (const group of models.get("reference")!.clusters.find((c) => c.name === "terminus")!.nodeGroups) {
      const own = tags.filter((t) => t.autoscalingGroupName === `eks-${group.name}-asg`);
      expect(Object.fromEntries(own.map((t) => [t.tag.key, t.tag.value]))).toEqual(group.autoscalerTags);
    }
    expect(tags).toHaveLength(4);
  });

  test("node groups survive their replacement: named by a prefix, created before the old one is deleted (pulumi/pulumi-eks#294)", () => {
    for (const group of ofType(r, "aws:eks/nodeGroup:NodeGroup")) {
      expect(group.inputs.nodeGroupName).toBeUndefined();
      expect(group.inputs.nodeGroupNamePrefix).toBe(`${group.name.replace(/^terminus-/, "")}-`);
    }
    for (const name of ["reference/production", "two-clusters/staging", "production/data", "production/tools"]) {
      const [project, stack] = name.split("/") as [string, string];
      expect(run(project, stack).resources.filter((res) => res.deleteBeforeReplace)).toEqual([]);
    }
  });

  test("upgrades in EKS's order: control plane, then the VPC CNI (kube-proxy is eks.Cluster's), then the node groups at its version, then CoreDNS", () => {
    const eks = resource(r, "eks:index:Cluster", "terminus").inputs;
    expect(eks.corednsAddonOptions).toMatchObject({ enabled: false });
    expect(eks.kubeProxyAddonOptions).toBeUndefined();
    const addon = (name: string) => resource(r, "aws:eks/addon:Addon", `terminus-${name}`);
    for (const name of ["vpc-cni", "coredns"]) {
      expect(addon(name).inputs).toEqual({
        clusterName: "terminus",
        addonName: name,
        addonVersion: mockAddonVersion(name, "1.35"),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        preserve: true,
        tags: { Name: `terminus-${name}` },
      });
    }
    expect(addon("vpc-cni").dependsOn).toContain("eks:index:Cluster::terminus");
    for (const group of ofType(r, "aws:eks/nodeGroup:NodeGroup")) {
      expect(group.inputs.version).toBe("1.35");
      expect(group.dependsOn).toEqual(expect.arrayContaining(["eks:index:Cluster::terminus", "aws:eks/addon:Addon::terminus-vpc-cni"]));
    }
    expect(addon("coredns").dependsOn).toEqual(expect.arrayContaining(["aws:eks/nodeGroup:NodeGroup::terminus-batch", "aws:eks/nodeGroup:NodeGroup::terminus-general"]));
  });

  test("Helm releases at the spec's chart versions, through the cluster's own provider", () => {
    const releases = Object.fromEntries(ofType(r, "kubernetes:helm.sh/v3:Release").map((rel) => [rel.name, rel.inputs]));
    expect(releases["aws-load-balancer-controller"]).toMatchObject({
      chart: "aws-load-balancer-controller",
      version: "1.8.1",
      namespace: "kube-system",
      repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
      values: {
        clusterName: "terminus",
        region: "us-east-1",
        vpcId: "terminus",
        serviceAccount: {
          create: true,
          name: "aws-load-balancer-controller",
          annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${MOCK_ACCOUNT}:role/${ALB_ROLE}` },
        },
      },
    });
    expect(releases["metrics-server"]).toMatchObject({ chart: "metrics-server", version: "3.12.1", namespace: "kube-system" });
    expect(releases["cluster-autoscaler"]).toMatchObject({
      chart: "cluster-autoscaler",
      version: "9.37.0",
      repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" },
      values: {
        autoDiscovery: { clusterName: "terminus" },
        awsRegion: "us-east-1",
        rbac: {
          serviceAccount: {
            create: true,
            name: "cluster-autoscaler",
            annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${MOCK_ACCOUNT}:role/${AUTOSCALER_ROLE}` },
          },
        },
      },
    });
    expect(resource(r, "pulumi:providers:kubernetes", "terminus").inputs.kubeconfig).toContain("terminus");
  });

  test("an add-on with an IRSA role carries its ARN on its pods, so a new role rolls them before the old one is deleted", () => {
    const podAnnotations = (name: string) => resource(r, "kubernetes:helm.sh/v3:Release", name).inputs.values.podAnnotations;
    expect(podAnnotations("aws-load-balancer-controller")).toEqual({ "foundation.dev/irsa-role-arn": `arn:aws:iam::${MOCK_ACCOUNT}:role/${ALB_ROLE}` });
    expect(podAnnotations("cluster-autoscaler")).toEqual({ "foundation.dev/irsa-role-arn": `arn:aws:iam::${MOCK_ACCOUNT}:role/${AUTOSCALER_ROLE}` });
    expect(podAnnotations("metrics-server")).toBeUndefined();
  });

  test("cluster-autoscaler runs the image of the cluster's Kubernetes minor, from the add-on catalog", () => {
    expect(resource(r, "kubernetes:helm.sh/v3:Release", "cluster-autoscaler").inputs.values.image).toEqual({ tag: CLUSTER_AUTOSCALER_IMAGE_TAGS["1.35"] });
    expect(CLUSTER_AUTOSCALER_IMAGE_TAGS["1.35"]).toMatch(/^v1\.35\./);
    for (const name of ["aws-load-balancer-controller", "metrics-server"]) expect(resource(r, "kubernetes:helm.sh/v3:Release", name).inputs.values.image).toBeUndefined();
  });

  test("add-on order: every release after the node groups and CoreDNS; the Service-creating charts after the ALB controller's release is ready (#4140)", () => {
    const releases = ofType(r, "kubernetes:helm.sh/v3:Release");
    for (const release of releases) {
      expect(release.dependsOn).toEqual(
        expect.arrayContaining(["aws:eks/nodeGroup:NodeGroup::terminus-batch", "aws:eks/nodeGroup:NodeGroup::terminus-general", "aws:eks/addon:Addon::terminus-coredns"]),
      );
      expect(release.inputs.skipAwait).toBeUndefined();
    }
    for (const name of ["metrics-server", "cluster-autoscaler"]) {
      expect(resource(r, "kubernetes:helm.sh/v3:Release", name).dependsOn).toContain("kubernetes:helm.sh/v3:Release::aws-load-balancer-controller");
    }
    expect(resource(r, "kubernetes:helm.sh/v3:Release", "aws-load-balancer-controller").dependsOn?.filter((d) => d.includes("Release"))).toEqual([]);
  });

  test("the ALB controller's CRDs: applied before its chart from the manifest the eksctl script applies, taking them over from Helm", () => {
    const model = models.get("reference")!;
    const url = model.clusters.find((c) => c.name === "terminus")!.addons.find((a) => a.kind === "awsLoadBalancerController")!.crdsUrl;
    expect(url).toBe("https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.8.1/helm/aws-load-balancer-controller/crds/crds.yaml");
    const eksctlCrds = eksctlBackend.eksctlPlan!(model).find((p) => p.cluster === "trantor")!.helmInstalls.find((h) => h.kind === "awsLoadBalancerController")!.crdsUrl;
    expect(eksctlCrds).toBe(url);
    const crds = resource(r, "kubernetes:yaml/v2:ConfigFile", "aws-load-balancer-controller-crds");
    expect(crds.inputs).toMatchObject({ file: url });
    expect(crds.provider).toBe("terminus-crds");
    expect(resource(r, "pulumi:providers:kubernetes", "terminus-crds").inputs).toMatchObject({ upsertExistingObjects: "true", enablePatchForce: "true" });
    const alb = resource(r, "kubernetes:helm.sh/v3:Release", "aws-load-balancer-controller");
    expect(alb.inputs.skipCrds).toBe(true);
    expect(alb.dependsOn).toContain("kubernetes:yaml/v2:ConfigFile::aws-load-balancer-controller-crds");
    for (const name of ["metrics-server", "cluster-autoscaler"]) expect(resource(r, "kubernetes:helm.sh/v3:Release", name).inputs.skipCrds).toBeUndefined();
  });

  test("IRSA roles: fixed names, trust scoped to exactly one ServiceAccount", () => {
    const issuer = mockIssuer("terminus");
    for (const binding of models.get("reference")!.clusters.find((c) => c.name === "terminus")!.irsa) {
      const role = resource(r, "aws:iam/role:Role", binding.roleName).inputs;
      expect(role.name).toBe(binding.roleName);
      expect(policyDoc(role.assumeRolePolicy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${issuer}` },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                [`${issuer}:sub`]: `system:serviceaccount:${binding.namespace}:${binding.serviceAccount}`,
                [`${issuer}:aud`]: "sts.amazonaws.com",
              },
            },
          },
        ],
      });
    }
  });

  test("add-on permissions: the pinned ALB controller policy, and an autoscaler policy scoped to its cluster", () => {
    const alb = resource(r, "aws:iam/policy:Policy", ALB_ROLE).inputs;
    const doc = policyDoc(alb.policy);
    const actions = doc.Statement.flatMap((s: { Action: string | string[] }) => s.Action);
    expect(actions).toEqual(expect.arrayContaining(["elasticloadbalancing:CreateLoadBalancer", "ec2:CreateSecurityGroup", "iam:CreateServiceLinkedRole"]));
    expect(alb.description).toContain("v2.8.1");
    expect(resource(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", ALB_ROLE).inputs).toMatchObject({
      role: ALB_ROLE,
      policyArn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${ALB_ROLE}`,
    });
    // The model's document (the one the eksctl ClusterConfig attaches too), from the stack's data.
    const autoscaler = policyDoc(resource(r, "aws:iam/rolePolicy:RolePolicy", AUTOSCALER_ROLE).inputs.policy);
    expect(autoscaler).toEqual(clusterAutoscalerPolicy("terminus"));
    const scoped = autoscaler.Statement.find((s: { Action: string[] }) => s.Action.includes("autoscaling:SetDesiredCapacity"));
    expect(scoped.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true", "aws:ResourceTag/k8s.io/cluster-autoscaler/terminus": "owned" },
    });
  });

  test("exports exactly what the application layer needs, kubeconfig as a secret", () => {
    const irsa = models.get("reference")!.clusters.find((c) => c.name === "terminus")!.irsa;
    expect(Object.keys(r.outputs).sort()).toEqual(["cluster_name", "kubeconfig", "oidc_provider_arn", ...irsa.map((b) => b.roleArnOutput)].sort());
    expect(r.secretOutputs).toEqual(["kubeconfig"]);
    expect(r.outputs.cluster_name).toBe("terminus");
    expect(r.outputs.oidc_provider_arn).toBe(`arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${mockIssuer("terminus")}`);
    expect(JSON.parse(r.outputs.kubeconfig as string)).toMatchObject({ kind: "Config" });
    for (const b of irsa) expect(r.outputs[b.roleArnOutput]).toBe(`arn:aws:iam::${MOCK_ACCOUNT}:role/${b.roleName}`);
  });
});

describe("two pulumi clusters: one project, two stacks, each building only its own cluster", () => {
  let production: StackRun;
  let staging: StackRun;
  beforeAll(() => {
    production = run("two-clusters", "production");
    staging = run("two-clusters", "staging");
  });

  test("each stack builds the one cluster of its data file", () => {
    expect(ofType(production, "eks:index:Cluster").map((c) => c.inputs.name)).toEqual(["terminus"]);
    expect(ofType(staging, "eks:index:Cluster").map((c) => c.inputs.name)).toEqual(["gaia"]);
    expect(production.resources.filter((r) => r.name.includes("gaia"))).toEqual([]);
    expect(staging.resources.filter((r) => r.name.includes("terminus"))).toEqual([]);
    expect(staging.config).toEqual({ "aws:region": "eu-west-1" });
    expect(resource(staging, "eks:index:Cluster", "gaia").inputs.version).toBe("1.34");
  });

  test("a service's roles: one per environment namespace, with its managed policies", () => {
    const issuer = mockIssuer("terminus");
    for (const [namespace, output] of [
      ["production", "irsa_role_arn__production__dusk"],
      ["rc", "irsa_role_arn__rc__dusk"],
    ] as const) {
      const roleName = `terminus.${namespace}.dusk.us-east-1`;
      const trust = policyDoc(resource(production, "aws:iam/role:Role", roleName).inputs.assumeRolePolicy);
      expect(trust.Statement[0].Condition.StringEquals[`${issuer}:sub`]).toBe(`system:serviceaccount:${namespace}:dusk`);
      const attached = ofType(production, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((a) => a.inputs.role === roleName)
        .map((a) => a.inputs.policyArn);
      expect(attached).toEqual(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::123456789012:policy/team/dusk-queue"]);
      expect(production.outputs[output]).toBe(`arn:aws:iam::${MOCK_ACCOUNT}:role/${roleName}`);
    }
    expect(staging.outputs).toHaveProperty("irsa_role_arn__production__eve");
    expect(Object.keys(staging.outputs).filter((k) => k.includes("dusk"))).toEqual([]);
  });

  test("highly available NAT: one gateway per zone, each private subnet routed through its own", () => {
    expect(ofType(staging, "aws:ec2/natGateway:NatGateway")).toHaveLength(3);
    for (const zone of [0, 1, 2]) {
      expect(resource(staging, "aws:ec2/routeTable:RouteTable", `gaia-private-${zone}`).inputs.routes).toEqual([
        { cidrBlock: "0.0.0.0/0", natGatewayId: `gaia-nat-${zone}` },
      ]);
    }
  });

  test("a public node group runs in the public subnets; the stack's region reaches the autoscaler", () => {
    expect(resource(staging, "aws:eks/nodeGroup:NodeGroup", "gaia-edge").inputs).toMatchObject({
      subnetIds: ["gaia-public-0", "gaia-public-1", "gaia-public-2"],
      taints: [{ key: "edge", effect: "PREFER_NO_SCHEDULE" }],
      labels: { tier: "edge" },
    });
    expect(resource(staging, "kubernetes:helm.sh/v3:Release", "cluster-autoscaler").inputs.values.awsRegion).toBe("eu-west-1");
    expect(ofType(staging, "kubernetes:helm.sh/v3:Release").map((rel) => rel.name)).toEqual(["metrics-server", "cluster-autoscaler"]);
  });

  test("tags with quotes, backslashes, ${...} and newlines come through verbatim", () => {
    const taggable = staging.resources.filter((r) => r.inputs.tags !== undefined);
    expect(taggable.length).toBeGreaterThan(20);
    for (const r of taggable) expect(r.inputs.tags).toMatchObject({ [TRICKY_KEY]: TRICKY, owner: "platform" });
  });
});

describe("the production fixture: two Pulumi clusters in two regions, every stack under mocks", () => {
  test("each stack in its region, in that region's availability zones only", () => {
    for (const [stack, region] of [
      ["data", "eu-west-1"],
      ["tools", "us-west-2"],
    ] as const) {
      const r = run("production", stack);
      expect(r.config).toEqual({ "aws:region": region });
      const zones = ofType(r, "aws:ec2/subnet:Subnet").map((subnet) => subnet.inputs.availabilityZone);
      expect(new Set(zones)).toEqual(new Set(["a", "b", "c"].map((z) => `${region}${z}`)));
      // The mocks list a Local Zone first: a program that did not filter would have put a subnet there.
      expect(mockZones(region)[0]!.zoneType).toBe("local-zone");
    }
  });

  test("access entries: one per principal, each policy with its scope, in an authentication mode that allows them", () => {
    const data = resource(run("production", "data"), "eks:index:Cluster", "data").inputs;
    expect(data.authenticationMode).toBe("API");
    expect(data.accessEntries).toEqual({
      "111122223333-role-platform-admins": {
        principalArn: "arn:aws:iam::111122223333:role/platform-admins",
        accessPolicies: {
          "cluster-admin": { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
        },
      },
      "111122223333-role-ledger-deployer": {
        principalArn: "arn:aws:iam::111122223333:role/ledger-deployer",
        accessPolicies: {
          edit: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", accessScope: { type: "namespace", namespaces: ["staging", "prod"] } },
          view: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "cluster" } },
        },
      },
    });
    const tools = resource(run("production", "tools"), "eks:index:Cluster", "tools").inputs;
    expect(tools.accessEntries).toEqual({
      "111122223333-user-ops-oncall": {
        principalArn: "arn:aws:iam::111122223333:user/ops/oncall",
        accessPolicies: { view: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "cluster" } } },
      },
    });
    expect(resource(run("reference", "production"), "eks:index:Cluster", "terminus").inputs.accessEntries).toEqual({});
  });

  test("IAM names, one per account: each named role and policy is the model's, ending in its stack's region; every other role is auto-named", () => {
    const model = models.get("production")!;
    const named = new Set<string>();
    for (const [stack, region] of [
      ["data", "eu-west-1"],
      ["tools", "us-west-2"],
    ] as const) {
      const r = run("production", stack);
      const bindings = model.clusters.find((c) => c.stack === stack)!.irsa.map((b) => b.roleName);
      expect(bindings.length).toBeGreaterThan(0);
      const roles = ofType(r, "aws:iam/role:Role");
      // The node role has no name: Pulumi gives it a random suffix, so it cannot collide in any region.
      expect(roles.filter((role) => role.inputs.name === undefined).map((role) => role.name)).toEqual([`${stack}-node`]);
      const names = [...roles, ...ofType(r, "aws:iam/policy:Policy")].flatMap((x) => (x.inputs.name === undefined ? [] : [x.inputs.name as string]));
      for (const name of names) {
        expect(bindings).toContain(name);
        expect(name.endsWith(`.${region}`), name).toBe(true);
      }
      expect(names.filter((name) => named.has(name))).toEqual([]);
      for (const name of names) named.add(name);
      // pulumi-eks names the cluster's own role and instance profile itself (auto-named) unless given one: none is.
      const cluster = resource(r, "eks:index:Cluster", stack).inputs;
      for (const key of ["serviceRole", "instanceRole", "instanceRoles", "instanceProfileName", "roleMappings"]) expect(cluster[key], key).toBeUndefined();
    }
  });

  test("the data cluster's add-ons follow its Kubernetes 1.34: autoscaler image, EKS add-ons, node groups", () => {
    const r = run("production", "data");
    expect(resource(r, "kubernetes:helm.sh/v3:Release", "cluster-autoscaler").inputs.values.image).toEqual({ tag: CLUSTER_AUTOSCALER_IMAGE_TAGS["1.34"] });
    expect(resource(r, "aws:eks/addon:Addon", "data-coredns").inputs.addonVersion).toBe(mockAddonVersion("coredns", "1.34"));
    expect(ofType(r, "aws:eks/nodeGroup:NodeGroup").map((g) => g.inputs.version)).toEqual(["1.34", "1.34"]);
    expect(resource(r, "kubernetes:helm.sh/v3:Release", "metrics-server").dependsOn).toContain("kubernetes:helm.sh/v3:Release::aws-load-balancer-controller");
  });
});

describe("layering: the infrastructure program holds no application resources", () => {
  test.each([
    ["reference", "production"],
    ["two-clusters", "production"],
    ["two-clusters", "staging"],
    ["no-alb", "production"],
    ["production", "data"],
    ["production", "tools"],
  ])("%s, stack %s", (name, stack) => {
    const r = run(name, stack);
    expect(r.resources.length).toBeGreaterThan(0);
    expect(r.resources.filter((res) => APPLICATION_KINDS.includes(res.type) || /HorizontalPodAutoscaler/.test(res.type))).toEqual([]);
  });
});

test("without the ALB controller: no release, role, policy or CRDs for it, and nothing waits for it", () => {
  const r = run("no-alb", "production");
  expect(ofType(r, "kubernetes:helm.sh/v3:Release").map((rel) => rel.name)).toEqual(["metrics-server", "cluster-autoscaler"]);
  expect(ofType(r, "kubernetes:yaml/v2:ConfigFile")).toEqual([]);
  for (const release of ofType(r, "kubernetes:helm.sh/v3:Release")) expect(release.dependsOn?.filter((d) => d.includes("Release"))).toEqual([]);
  expect(ofType(r, "aws:iam/policy:Policy")).toEqual([]);
  expect(Object.keys(r.outputs)).not.toContain("irsa_role_arn__kube_system__aws_load_balancer_controller");
});

test("without node groups: no CoreDNS add-on (EKS would report it degraded with no node to run it), the VPC CNI still", () => {
  const r = run("no-nodes", "production");
  expect(ofType(r, "aws:eks/nodeGroup:NodeGroup")).toEqual([]);
  expect(ofType(r, "aws:eks/addon:Addon").map((a) => a.inputs.addonName)).toEqual(["vpc-cni"]);
});

/** Every (resource, input path) whose value differs between two runs, and resources only in one. */
function changes(a: StackRun, b: StackRun): string[] {
  const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
  const left = new Map(a.resources.map((r) => [key(r), r.inputs]));
  const right = new Map(b.resources.map((r) => [key(r), r.inputs]));
  const found: string[] = [];
  const walk = (at: string, x: unknown, y: unknown) => {
    if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(`${at}.${k}`, (x as any)[k], (y as any)[k]);
    } else if (x !== y) found.push(at);
  };
  for (const k of new Set([...left.keys(), ...right.keys()])) {
    if (!left.has(k) || !right.has(k)) found.push(`${k} ${left.has(k) ? "removed" : "added"}`);
    else walk(k, left.get(k), right.get(k));
  }
  return found.sort();
}

describe("a change to one spec value changes exactly the matching input", () => {
  test.each(EDITS)("%j", (_edit, expected) => {
    expect(changes(run("reference", "production"), run(editName(expected), "production"))).toEqual(expected);
  });

  test("natGateway disable: no NAT gateways, private subnets without a default route", () => {
    const r = run("nat-disable", "production");
    expect(ofType(r, "aws:ec2/natGateway:NatGateway")).toEqual([]);
    expect(ofType(r, "aws:ec2/eip:Eip")).toEqual([]);
    for (const zone of [0, 1, 2]) expect(resource(r, "aws:ec2/routeTable:RouteTable", `terminus-private-${zone}`).inputs.routes).toEqual([]);
  });
});
