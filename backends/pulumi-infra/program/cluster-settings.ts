/**
 * The shape of one stack's data file, `stacks/<stack>.ts`: the settings of the cluster the stack builds.
 * Free of Pulumi imports, so that foundation's compiler builds the same type.
 */

/** A managed node group, in the EKS API's vocabulary. */
export interface NodeGroupSettings {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly diskSizeGiB: number;
  /** Nodes in the private subnets (true) or the public ones (false). */
  readonly privateNetworking: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: "NO_SCHEDULE" | "PREFER_NO_SCHEDULE" | "NO_EXECUTE" }[];
  /** Auto Scaling group tags cluster-autoscaler reads to scale the group up from zero. */
  readonly autoscalerTags: Readonly<Record<string, string>>;
}

/** An IAM policy document, as the IAM API takes it. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly object[];
}

/** A Helm chart, pinned to a version. */
export interface HelmChart {
  readonly release: string;
  readonly chart: string;
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  /** Created by the chart, annotated with its IRSA role. */
  readonly serviceAccount?: string;
  /** The chart's `image.tag`: the image of the cluster's Kubernetes minor, for add-ons that support no other. */
  readonly imageTag?: string;
  /** The manifest of this chart version's CRDs, applied before the chart (Helm never upgrades a chart's CRDs). */
  readonly crdsUrl?: string;
}

/** The cluster add-ons the program installs with Helm. */
export type AddonKind = "awsLoadBalancerController" | "metricsServer" | "clusterAutoscaler";

/** What an IRSA role may do. */
export type RolePolicy =
  | { readonly kind: "awsLoadBalancerController" }
  | { readonly kind: "clusterAutoscaler"; readonly document: PolicyDocument }
  | { readonly kind: "managed"; readonly arns: readonly string[] };

/** An IAM role that exactly one Kubernetes ServiceAccount may assume (IRSA). */
export interface ServiceAccountRole {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName: string;
  /** Stack output holding the role ARN, for the application layer. */
  readonly output: string;
  readonly policy: RolePolicy;
}

/** A Kubernetes Namespace object, as foundation builds it for an environment on the cluster. */
export interface NamespaceObject {
  readonly apiVersion: "v1";
  readonly kind: "Namespace";
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
}

/** Where an access policy applies: the whole cluster, or some namespaces. */
export type AccessScope = { readonly type: "cluster" } | { readonly type: "namespace"; readonly namespaces: readonly string[] };

/** An EKS access entry: an IAM principal that may reach the cluster, with its access policies. */
export interface AccessEntry {
  /** Stable key of the entry among the cluster's (from its principal ARN): it names the entry's resources. */
  readonly key: string;
  readonly principalArn: string;
  readonly policies: readonly { readonly key: string; readonly policyArn: string; readonly scope: AccessScope }[];
}

/** One EKS cluster and everything around it: what one stack builds. */
export interface ClusterSettings {
  /** The cluster's name (in EKS and in every resource name). */
  readonly name: string;
  /** Of the control plane and the node groups; the EKS add-ons take their newest version for it. */
  readonly kubernetesVersion: string;
  /** The AWS partition of the cluster's region (`aws`, `aws-cn`, `aws-us-gov`, ...): the start of its ARNs. */
  readonly partition: string;
  /** Zone IDs of the region EKS cannot place a cluster in. */
  readonly excludedZoneIds: readonly string[];
  /** Who may reach the cluster besides its creator. */
  readonly access: readonly AccessEntry[];
  /** AWS tags on everything taggable. */
  readonly tags: Readonly<Record<string, string>>;
  readonly vpc: {
    readonly cidr: string;
    readonly natGateway: "single" | "highlyAvailable" | "disable";
    /** One subnet per availability zone, in zone order. */
    readonly publicSubnets: readonly string[];
    readonly privateSubnets: readonly string[];
  };
  readonly nodeGroups: readonly NodeGroupSettings[];
  readonly addons: { readonly [Kind in AddonKind]?: HelmChart };
  readonly serviceAccountRoles: readonly ServiceAccountRole[];
  /** The namespaces of the environments with services on the cluster, labelled for Pod Security and the ALB readiness gate. */
  readonly namespaces: readonly NamespaceObject[];
}
