import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { readdirSync } from "fs";
import { join } from "path";
import { AWS_LOAD_BALANCER_CONTROLLER_VERSION, awsLoadBalancerControllerPolicy } from "./aws-load-balancer-controller-policy";
import type { ClusterSettings, HelmChart } from "./cluster-settings";

/** The settings of the cluster stack `name` builds, from `stacks/<name>.ts`: the only stack file a run loads. */
function loadCluster(name: string): ClusterSettings {
  let path: string | undefined;
  try {
    path = /^[A-Za-z0-9_.-]+$/.test(name) ? require.resolve(`./stacks/${name}`) : undefined;
  } catch {
    path = undefined;
  }
  if (path === undefined) {
    const known = readdirSync(join(__dirname, "stacks")).map((f) => f.replace(/\.[jt]s$/, ""));
    throw new Error(`unknown stack "${name}": this project provisions the stacks ${known.sort().join(", ")}`);
  }
  return (require(path) as { cluster: ClusterSettings }).cluster;
}

const settings = loadCluster(pulumi.getStack());
const clusterName = settings.name;
const region = new pulumi.Config("aws").require("region");

/** The cluster's tags, with resource-specific ones on top. */
function tagged(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...settings.tags, Name: name, ...extra };
}

// ---- Network: a VPC with one public and one private subnet per availability zone ----

// Availability zones proper (no Local or Wavelength Zones, which opt-in-required regions list too), without
// the zone IDs where EKS cannot place a cluster.
const zones = aws.getAvailabilityZonesOutput({
  state: "available",
  filters: [
    { name: "zone-type", values: ["availability-zone"] },
    { name: "opt-in-status", values: ["opt-in-not-required"] },
  ],
  excludeZoneIds: [...settings.excludedZoneIds],
});

const vpc = new aws.ec2.Vpc(clusterName, {
  cidrBlock: settings.vpc.cidr,
  enableDnsHostnames: true,
  enableDnsSupport: true,
  tags: tagged(clusterName),
});

const internetGateway = new aws.ec2.InternetGateway(clusterName, {
  vpcId: vpc.id,
  tags: tagged(clusterName),
});

const publicRouteTable = new aws.ec2.RouteTable(`${clusterName}-public`, {
  vpcId: vpc.id,
  routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }],
  tags: tagged(`${clusterName}-public`),
});

const publicSubnets = settings.vpc.publicSubnets.map((cidrBlock, zone) => {
  const name = `${clusterName}-public-${zone}`;
  const subnet = new aws.ec2.Subnet(name, {
    vpcId: vpc.id,
    cidrBlock,
    availabilityZone: zones.names[zone],
    mapPublicIpOnLaunch: true,
    tags: tagged(name, { "kubernetes.io/role/elb": "1", [`kubernetes.io/cluster/${clusterName}`]: "shared" }),
  });
  new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: publicRouteTable.id });
  return subnet;
});

// NAT: "single" shares one gateway, "highlyAvailable" puts one in each zone, "disable" leaves private subnets without egress.
const natZones = { single: 1, highlyAvailable: publicSubnets.length, disable: 0 }[settings.vpc.natGateway];
const natGateways = publicSubnets.slice(0, natZones).map((subnet, zone) => {
  const name = `${clusterName}-nat-${zone}`;
  const address = new aws.ec2.Eip(name, { domain: "vpc", tags: tagged(name) });
  return new aws.ec2.NatGateway(
    name,
    { allocationId: address.id, subnetId: subnet.id, tags: tagged(name) },
    { dependsOn: [internetGateway] },
  );
});

const privateSubnets = settings.vpc.privateSubnets.map((cidrBlock, zone) => {
  const name = `${clusterName}-private-${zone}`;
  const subnet = new aws.ec2.Subnet(name, {
    vpcId: vpc.id,
    cidrBlock,
    availabilityZone: zones.names[zone],
    tags: tagged(name, { "kubernetes.io/role/internal-elb": "1", [`kubernetes.io/cluster/${clusterName}`]: "shared" }),
  });
  const natGateway = natGateways[zone] ?? natGateways[0];
  const routeTable = new aws.ec2.RouteTable(name, {
    vpcId: vpc.id,
    routes: natGateway ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: natGateway.id }] : [],
    tags: tagged(name),
  });
  new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: routeTable.id });
  return subnet;
});

// ---- The EKS cluster, with its OIDC provider for IRSA and no default node group ----

const cluster = new eks.Cluster(clusterName, {
  name: clusterName,
  version: settings.kubernetesVersion,
  vpcId: vpc.id,
  publicSubnetIds: publicSubnets.map((subnet) => subnet.id),
  privateSubnetIds: privateSubnets.map((subnet) => subnet.id),
  skipDefaultNodeGroup: true,
  createOidcProvider: true,
  // Access entries only: EKS itself authorizes the node role of each managed node group, the creator keeps
  // cluster-admin (eks.Cluster bootstraps it), and everyone else is an entry of `settings.access`.
  authenticationMode: eks.AuthenticationMode.Api,
  accessEntries: Object.fromEntries(
    settings.access.map((entry) => [
      entry.key,
      {
        principalArn: entry.principalArn,
        accessPolicies: Object.fromEntries(
          entry.policies.map((policy) => [
            policy.key,
            { policyArn: policy.policyArn, accessScope: policy.scope.type === "cluster" ? { type: "cluster" } : { type: "namespace", namespaces: [...policy.scope.namespaces] } },
          ]),
        ),
      },
    ]),
  ),
  // eks.Cluster installs kube-proxy as an EKS add-on, at the newest version for the control plane's. It
  // would install CoreDNS only with its default node group: this program adds it after the node groups.
  corednsAddonOptions: { enabled: false },
  tags: settings.tags,
});
const eksClusterName = cluster.eksCluster.name;

/**
 * An EKS managed add-on at the newest version EKS offers for the control plane's Kubernetes version (what
 * eksctl's `version: latest` picks), adopting the copy EKS bootstrapped; deleting it leaves the software running.
 */
function eksAddon(addonName: string, dependsOn: pulumi.Resource[]): aws.eks.Addon {
  const name = `${clusterName}-${addonName}`;
  const version = aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion: cluster.eksCluster.version, mostRecent: true });
  return new aws.eks.Addon(
    name,
    {
      clusterName: eksClusterName,
      addonName,
      addonVersion: version.version,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      preserve: true,
      tags: tagged(name),
    },
    { dependsOn },
  );
}

// The VPC CNI before the nodes (they are not Ready without it); on an upgrade, after the control plane.
const vpcCni = eksAddon("vpc-cni", [cluster]);

// ---- Managed node groups ----

const nodeRole = new aws.iam.Role(`${clusterName}-node`, {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ec2.amazonaws.com" }),
  tags: tagged(`${clusterName}-node`),
});
// AWS-managed policies, in the cluster's partition (aws.iam.ManagedPolicy holds the commercial ARNs only).
const nodeRolePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"].map(
  (policy) =>
    new aws.iam.RolePolicyAttachment(`${clusterName}-node-${policy}`, { role: nodeRole.name, policyArn: `arn:${settings.partition}:iam::aws:policy/${policy}` }),
);

// A change EKS cannot make in place (instance types, capacity type, disk, subnets) replaces a node group:
// Pulumi creates the new group before it deletes the old one, so the group has no fixed name (EKS refuses
// a second group of the same name; pulumi/pulumi-eks#294), only a prefix. Its nodes carry the spec's name
// in foundation's node-group label instead.
const nodeGroups = settings.nodeGroups.map((group) => {
  const name = `${clusterName}-${group.name}`;
  const nodeGroup = new aws.eks.NodeGroup(
    name,
    {
      clusterName: eksClusterName,
      nodeGroupNamePrefix: `${group.name}-`,
      // Upgraded in place (nodes replaced one by one) after the control plane and the VPC CNI and kube-proxy add-ons.
      version: settings.kubernetesVersion,
      nodeRoleArn: nodeRole.arn,
      subnetIds: (group.privateNetworking ? privateSubnets : publicSubnets).map((subnet) => subnet.id),
      instanceTypes: [...group.instanceTypes],
      capacityType: group.capacityType,
      diskSize: group.diskSizeGiB,
      scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
      labels: group.labels,
      taints: [...group.taints],
      tags: tagged(name),
    },
    // cluster-autoscaler owns the desired size once the group exists.
    { dependsOn: [cluster, vpcCni, ...nodeRolePolicies], ignoreChanges: ["scalingConfig.desiredSize"] },
  );
  // Managed node groups do not pass their tags on to their Auto Scaling group: tag it directly.
  const autoScalingGroupName = nodeGroup.resources.apply((resources) => {
    const autoScalingGroup = resources[0]?.autoscalingGroups[0]?.name;
    if (autoScalingGroup === undefined) throw new Error(`node group ${name} reports no Auto Scaling group`);
    return autoScalingGroup;
  });
  for (const [key, value] of Object.entries(group.autoscalerTags)) {
    new aws.autoscaling.Tag(`${name}-${key}`, {
      autoscalingGroupName: autoScalingGroupName,
      tag: { key, value, propagateAtLaunch: false },
    });
  }
  return nodeGroup;
});

// CoreDNS runs on the nodes: as an EKS add-on once they are there (on an upgrade, after the node groups). EKS
// reports the add-on degraded, and its creation fails, while no node can run it: a cluster without node groups
// keeps the copy EKS bootstrapped.
const coreDns = nodeGroups.length > 0 ? [eksAddon("coredns", [...nodeGroups])] : [];

// ---- IAM roles for service accounts (IRSA) ----

/** Lets exactly `system:serviceaccount:<namespace>:<serviceAccount>` assume a role, through the cluster's OIDC provider. */
function serviceAccountTrustPolicy(namespace: string, serviceAccount: string): pulumi.Output<string> {
  return pulumi.all([cluster.oidcProviderArn, cluster.oidcIssuer]).apply(([providerArn, issuer]) => {
    const trust: aws.iam.PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: providerArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
              [`${issuer}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    };
    return JSON.stringify(trust);
  });
}

const roleArns: Record<string, pulumi.Output<string>> = {};
const roleArnsByServiceAccount = new Map<string, pulumi.Output<string>>();
for (const binding of settings.serviceAccountRoles) {
  const role = new aws.iam.Role(binding.roleName, {
    name: binding.roleName,
    assumeRolePolicy: serviceAccountTrustPolicy(binding.namespace, binding.serviceAccount),
    tags: tagged(binding.roleName),
  });
  switch (binding.policy.kind) {
    case "awsLoadBalancerController": {
      const policy = new aws.iam.Policy(binding.roleName, {
        name: binding.roleName,
        description: `AWS Load Balancer Controller ${AWS_LOAD_BALANCER_CONTROLLER_VERSION} of cluster ${clusterName}`,
        policy: awsLoadBalancerControllerPolicy(settings.partition),
        tags: tagged(binding.roleName),
      });
      new aws.iam.RolePolicyAttachment(binding.roleName, { role: role.name, policyArn: policy.arn });
      break;
    }
    case "clusterAutoscaler":
      // foundation's document, scoped to this cluster's Auto Scaling groups (the eksctl path attaches the same).
      new aws.iam.RolePolicy(binding.roleName, { role: role.id, policy: JSON.stringify(binding.policy.document) });
      break;
    case "managed":
      for (const policyArn of binding.policy.arns) {
        new aws.iam.RolePolicyAttachment(`${binding.roleName}-${policyArn.split("/").pop()}`, { role: role.name, policyArn });
      }
      break;
  }
  roleArns[binding.output] = role.arn;
  roleArnsByServiceAccount.set(`${binding.namespace}/${binding.serviceAccount}`, role.arn);
}

/** The IRSA role ARN of a chart's ServiceAccount. */
/** On an add-on's pods: the IRSA role they were started with. */
const IRSA_ROLE_ANNOTATION = "foundation.dev/irsa-role-arn";

function roleArnOf(chart: HelmChart): pulumi.Output<string> {
  const arn = roleArnsByServiceAccount.get(`${chart.namespace}/${chart.serviceAccount}`);
  if (!arn) throw new Error(`no IRSA role for ServiceAccount ${chart.namespace}/${chart.serviceAccount}`);
  return arn;
}

const kubernetes = new k8s.Provider(clusterName, { kubeconfig: cluster.kubeconfigJson });

// ---- The namespaces of the environments with services on the cluster (application stacks never create one) ----

// retainOnDelete: when an environment leaves the cluster, its namespace leaves the stack but stays on the
// cluster, so no update ever deletes a namespace (and every workload still in it); delete it by hand.
for (const namespace of settings.namespaces) {
  new k8s.core.v1.Namespace(namespace.metadata.name, namespace, { provider: kubernetes, retainOnDelete: true });
}

// ---- Cluster add-ons, installed with Helm through the new cluster's kubeconfig ----

/**
 * Applies CRDs that Helm installed first: it adopts an object that exists (`upsertExistingObjects`) and takes
 * its fields over from Helm (`enablePatchForce`, as `kubectl apply --server-side --force-conflicts` does).
 */
const crdProvider = new k8s.Provider(`${clusterName}-crds`, { kubeconfig: cluster.kubeconfigJson, upsertExistingObjects: true, enablePatchForce: true });

/**
 * A pinned Helm release of an add-on, once the cluster has nodes and DNS to run it and after `after`. A
 * release is ready only when its workloads are (Pulumi waits as `helm --wait` does). A chart with a CRD
 * manifest gets its CRDs from it, applied (server-side, taking over from Helm) before the chart: Helm
 * installs a chart's CRDs once and never upgrades them.
 */
function helmRelease(chart: HelmChart, values: Record<string, unknown>, after: pulumi.Resource[] = []): k8s.helm.v3.Release {
  const crds =
    chart.crdsUrl === undefined
      ? []
      : [
          new k8s.yaml.v2.ConfigFile(`${chart.release}-crds`, { file: chart.crdsUrl }, { provider: crdProvider }),
        ];
  return new k8s.helm.v3.Release(
    chart.release,
    {
      name: chart.release,
      chart: chart.chart,
      version: chart.version,
      namespace: chart.namespace,
      repositoryOpts: { repo: chart.repository },
      ...(crds.length > 0 ? { skipCrds: true } : {}),
      values: {
        ...values,
        ...(chart.imageTag === undefined ? {} : { image: { tag: chart.imageTag } }),
        // The pods get their role's ARN when they start: a new role (renamed, or replaced) rolls them within this
        // update, before the old role is deleted at its end, instead of leaving them on a role that is gone.
        ...(chart.serviceAccount === undefined ? {} : { podAnnotations: { [IRSA_ROLE_ANNOTATION]: roleArnOf(chart) } }),
      },
    },
    { provider: kubernetes, dependsOn: [...nodeGroups, ...coreDns, ...crds, ...after] },
  );
}

/** Values that make a chart create its ServiceAccount, annotated with its IRSA role. */
function irsaServiceAccount(chart: HelmChart): Record<string, unknown> {
  return { create: true, name: chart.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": roleArnOf(chart) } };
}

const { awsLoadBalancerController, metricsServer, clusterAutoscaler } = settings.addons;
// The controller's webhook rejects every new Service while its pods are not ready (failurePolicy: Fail,
// aws-load-balancer-controller#4140): the charts that create Services come after its release is ready.
const serviceWebhook = awsLoadBalancerController
  ? [
      helmRelease(awsLoadBalancerController, {
        clusterName: eksClusterName,
        region,
        vpcId: vpc.id,
        serviceAccount: irsaServiceAccount(awsLoadBalancerController),
      }),
    ]
  : [];
if (metricsServer) {
  helmRelease(metricsServer, {}, serviceWebhook);
}
if (clusterAutoscaler) {
  helmRelease(
    clusterAutoscaler,
    {
      autoDiscovery: { clusterName: eksClusterName },
      awsRegion: region,
      rbac: { serviceAccount: irsaServiceAccount(clusterAutoscaler) },
    },
    serviceWebhook,
  );
}

// ---- Stack outputs: what the application layer reads through a StackReference ----

export = {
  kubeconfig: pulumi.secret(cluster.kubeconfigJson),
  cluster_name: eksClusterName,
  oidc_provider_arn: cluster.oidcProviderArn,
  ...roleArns,
};
