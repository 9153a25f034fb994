/**
 * The resolved model every backend reads: defaults applied, environments merged, names derived,
 * lists sorted. Backends see only this, never the raw spec.
 */

/** The spec's metadata and the Pulumi project names derived from it. */
export interface Project {
  readonly name: string;
  readonly organization: string;
  /** `<name>-provisioning`: the Pulumi project of the pulumi clusters. */
  readonly provisioningProject: string;
  /** `<name>-deploy`: the Pulumi project of the pulumi services. */
  readonly deployProject: string;
}

export interface Environment {
  readonly name: string;
  readonly namespace: string;
  readonly stackSuffix: string;
}

export type Provisioner = "eksctl" | "pulumi";
export type DeployWith = "kubectl" | "pulumi";
export type NatGateway = "single" | "highlyAvailable" | "disable";
export type CapacityType = "onDemand" | "spot";
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface Vpc {
  readonly cidr: string;
  readonly natGateway: NatGateway;
  /** Subnet CIDRs, one public and one private per availability zone, in zone order. */
  readonly publicSubnets: readonly string[];
  readonly privateSubnets: readonly string[];
}

export interface NodeGroup {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType: CapacityType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly volumeSizeGiB: number;
  readonly privateNetworking: boolean;
  /** Sorted by key. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /**
   * Auto Scaling group tags cluster-autoscaler reads to scale this group from zero
   * (`k8s.io/cluster-autoscaler/node-template/...`), sorted by key.
   */
  readonly autoscalerTags: Readonly<Record<string, string>>;
}

export type AddonKind = "awsLoadBalancerController" | "metricsServer" | "clusterAutoscaler";

/** A Helm-installed cluster add-on, pinned to the spec's chart version. */
export interface Addon {
  readonly kind: AddonKind;
  readonly release: string;
  readonly chart: string;
  readonly repository: string;
  readonly chartVersion: string;
  readonly namespace: string;
  /** The add-on's ServiceAccount when it needs AWS permissions (IRSA). */
  readonly serviceAccount?: string;
  /** The chart's `image.tag`, for add-ons whose image must follow the cluster's Kubernetes minor. */
  readonly imageTag?: string;
  /**
   * The manifest of the chart version's CRDs, which both provisioners apply (server-side) before installing
   * or upgrading the chart: `helm upgrade` never updates a chart's CRDs.
   */
  readonly crdsUrl?: string;
}

/** The EKS access policies an access entry can be associated with. */
export type AccessPolicyName = "cluster-admin" | "admin" | "edit" | "view";

/** Where an access policy applies: the whole cluster, or some namespaces. */
export type AccessScope = { readonly type: "cluster" } | { readonly type: "namespace"; readonly namespaces: readonly string[] };

/** One EKS access policy association of an access entry. */
export interface AccessPolicy {
  readonly policy: AccessPolicyName;
  /** `arn:<partition>:eks::aws:cluster-access-policy/AmazonEKS...Policy`. */
  readonly policyArn: string;
  readonly scope: AccessScope;
}

/**
 * An EKS access entry: an IAM principal besides the cluster's creator that may reach the cluster, with
 * the access policies it is associated with (one entry per principal, as EKS requires).
 */
export interface AccessEntry {
  readonly principalArn: string;
  /** In spec order. */
  readonly policies: readonly AccessPolicy[];
}

/** The IAM permissions of an IRSA role: eksctl's well-known policies, or managed policy ARNs. */
export type IrsaPolicy =
  | { readonly kind: "wellKnown"; readonly name: "awsLoadBalancerController" | "autoScaler" }
  | { readonly kind: "managed"; readonly arns: readonly string[] };

/** Who an IRSA binding is for. */
export type IrsaOwner =
  | { readonly kind: "addon"; readonly addon: AddonKind }
  | { readonly kind: "service"; readonly service: string; readonly environment: string };

/**
 * An IAM role trusted by exactly one Kubernetes ServiceAccount
 * (`system:serviceaccount:<namespace>:<serviceAccount>`) through the cluster's OIDC provider.
 */
export interface IrsaBinding {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Deterministic IAM role name carrying the cluster's region (at most 64 characters; see `irsaRoleName`). */
  readonly roleName: string;
  readonly policy: IrsaPolicy;
  readonly owner: IrsaOwner;
  /** Pulumi stack output holding the role ARN (pulumi clusters). */
  readonly roleArnOutput: string;
}

/** A Pod Security Standard level (Pod Security admission). */
export type PodSecurityLevel = "restricted" | "baseline";

/**
 * A namespace the infrastructure layer creates on a cluster: one per environment that has services
 * there. Services never create, adopt or delete it, so removing one can never take its neighbours down.
 */
export interface ClusterNamespace {
  readonly name: string;
  /** The environment whose services run in it. */
  readonly environment: string;
  /** The level Pod Security admission enforces: the strictest one every service in it meets. */
  readonly podSecurity: PodSecurityLevel;
  /** ALB `ip` targets run in it, so the ALB controller must inject its pod readiness gate there. */
  readonly albReadinessGate: boolean;
}

export interface Cluster {
  readonly name: string;
  readonly provisioner: Provisioner;
  /** Stack of the provisioning project (pulumi clusters). */
  readonly stack?: string;
  /** `<organization>/<name>-provisioning/<stack>` (pulumi clusters). */
  readonly stackReference?: string;
  readonly region: string;
  /** The AWS partition of the region (`aws`, `aws-cn`, `aws-us-gov`, ...): what the cluster's ARNs start with. */
  readonly partition: string;
  readonly accountId?: string;
  readonly kubernetesVersion: string;
  /** Sorted by key. */
  readonly tags: Readonly<Record<string, string>>;
  readonly vpc: Vpc;
  readonly nodeGroups: readonly NodeGroup[];
  /** In install order: ALB controller, metrics-server, cluster-autoscaler. */
  readonly addons: readonly Addon[];
  /** Add-on bindings first, then services' bindings by service and environment. */
  readonly irsa: readonly IrsaBinding[];
  /** kubeconfig context name `<cluster>.<region>` the eksctl scripts and CI write and the application layer pins. */
  readonly kubeconfigContext: string;
  /** Who may reach the cluster besides its creator, by principal ARN. */
  readonly access: readonly AccessEntry[];
  /**
   * Zone IDs of the region EKS rejects: the VPC's zones are chosen among the region's `available` zones of
   * type `availability-zone` (no Local or Wavelength Zones), without these.
   */
  readonly excludedZoneIds: readonly string[];
  /** The namespaces of the environments with services on this cluster, by name. */
  readonly namespaces: readonly ClusterNamespace[];
}

export interface HealthCheck {
  readonly path: string;
  /** Path of the liveness probe: the health-check path unless the spec names a dependency-free one. */
  readonly livenessPath: string;
  readonly port: number;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

export interface ResourceList {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface SecretEnv {
  readonly env: string;
  readonly secretName: string;
  readonly key: string;
}

/** How a service's pods get their ServiceAccount's IAM role ARN. */
export type RoleArnSource =
  /** Read from the provisioning stack's outputs (pulumi service on a pulumi cluster). */
  | { readonly kind: "stackOutput"; readonly stackReference: string; readonly output: string }
  /** Known when compiling (kubectl service on a pulumi cluster with accountId). */
  | { readonly kind: "static"; readonly arn: string };

export interface ServiceAccount {
  readonly name: string;
  readonly roleName: string;
  readonly iamPolicyArns: readonly string[];
  /**
   * `infrastructure`: eksctl creates the annotated ServiceAccount with the role (eksctl clusters), and the
   * application layer only refers to it. `application`: the application layer creates it, annotated with
   * the role the provisioning stack made (pulumi clusters).
   */
  readonly createdBy: "infrastructure" | "application";
  readonly roleArn?: RoleArnSource;
}

export interface Ingress {
  readonly host: string;
  readonly path: string;
  readonly scheme: "internet-facing" | "internal";
  readonly targetType: "ip" | "instance";
  /** ACM certificate: HTTPS on 443, HTTP on 80 redirected to it. */
  readonly certificateArn?: string;
  /** ALB IngressGroup: the spec's, or `<environment>-<scheme>` (one ALB per cluster, environment and scheme). */
  readonly group: string;
}

/** Pods pinned to one node group of the service's cluster. */
export interface Scheduling {
  readonly nodeGroup: string;
  /** The group's EKS node-group label and its own labels, sorted by key. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** One per taint of the group. */
  readonly tolerations: readonly Taint[];
}

export interface Autoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCPUUtilization: number;
}

/** One service in one environment: everything needed to render its Kubernetes objects. */
export interface ServiceInstance {
  readonly service: string;
  readonly environment: string;
  readonly namespace: string;
  /** `<service>-<stackSuffix>`: its Pulumi stack when deployed with Pulumi. */
  readonly stackName: string;
  readonly cluster: string;
  readonly provisioner: Provisioner;
  readonly deployWith: DeployWith;
  readonly image: string;
  readonly imageTag: string;
  /**
   * Pods the Deployment asks for. With autoscaling it is `autoscaling.minReplicas` and the Deployment
   * carries no `spec.replicas`: the HorizontalPodAutoscaler owns the scale.
   */
  readonly replicas: number;
  readonly port: number;
  readonly healthCheck?: HealthCheck;
  readonly resources: { readonly requests: ResourceList; readonly limits: ResourceList };
  /** Sorted by key. */
  readonly config: Readonly<Record<string, string>>;
  /** Sorted by env. */
  readonly secrets: readonly SecretEnv[];
  readonly serviceAccount?: ServiceAccount;
  readonly ingress?: Ingress;
  readonly autoscaling?: Autoscaling;
  readonly scheduling?: Scheduling;
  readonly podSecurity: PodSecurityLevel;
}

export interface Service {
  readonly name: string;
  readonly cluster: string;
  readonly deployWith: DeployWith;
  /** One per environment the service is deployed in, in environment order. */
  readonly instances: readonly ServiceInstance[];
  /** Set when a GitOps controller on its cluster applies the service's folders instead of CI (kubectl services). */
  readonly syncedBy?: "argocd";
}

/** Argo CD on some clusters: it syncs their kubectl services' folders from git. */
export interface ArgoCd {
  readonly repoURL: string;
  readonly targetRevision: string;
  /** The folder of the repository that holds the output tree. */
  readonly path: string;
  /** Where Argo CD runs on each cluster: its AppProject and Applications go there. */
  readonly namespace: string;
  /** The clusters whose kubectl services it syncs, sorted. */
  readonly clusters: readonly string[];
}

/** The whole resolved foundation. Every list is sorted by name. */
export interface Model {
  readonly project: Project;
  readonly environments: readonly Environment[];
  readonly clusters: readonly Cluster[];
  readonly services: readonly Service[];
  readonly argocd?: ArgoCd;
}
