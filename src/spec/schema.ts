import { z } from "zod";
import {
  ACM_CERTIFICATE_ARN,
  AWS_ACCOUNT_ID,
  AWS_REGION,
  CHART_VERSION,
  DATA_KEY,
  DNS1035_LABEL,
  DNS1123_LABEL,
  DNS1123_SUBDOMAIN,
  ENV_VAR_NAME,
  HOST_NAME,
  HTTP_PATH,
  IAM_POLICY_ARN,
  IAM_PRINCIPAL_ARN,
  IMAGE_REPOSITORY,
  INGRESS_GROUP_NAME,
  IMAGE_TAG,
  INSTANCE_TYPE,
  KUBERNETES_VERSION,
  LABEL_KEY,
  LABEL_VALUE,
} from "./names.js";

/** The spec's apiVersion; the schema below is this version, whole. */
export const API_VERSION = "foundation/v1alpha1";

const label = (what: string, max = 63) =>
  z
    .string({ error: `${what} must be a string` })
    .max(max, { error: `${what} is at most ${max} characters` })
    .regex(DNS1123_LABEL, {
      error: `${what} must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    });

const name = (what: string, max = 40) => label(`a ${what} name`, max);

const intIn = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

const quantity = (what: string, examples: string) =>
  z
    .union([z.string(), z.number()], { error: `${what} must be a Kubernetes quantity such as ${examples}` })
    .describe(`${what} as a Kubernetes quantity, such as ${examples}.`);

const envVarMap = <T extends z.ZodType>(value: T) =>
  z.record(
    z
      .string()
      .max(253, { error: "a variable name is at most 253 characters (the limit of a ConfigMap key)" })
      .regex(ENV_VAR_NAME, {
        error: "must be an environment variable name: letters, digits and '_', not starting with a digit",
      }),
    value,
  );

// ---- metadata and environments ----

const metadata = z
  .strictObject({
    name: name("project", 40).describe(
      "Project name. The Pulumi projects are <name>-provisioning and <name>-deploy; also the part-of label.",
    ),
    organization: z
      .string({ error: "the organization must be a string" })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, {
        error: "the organization must be a Pulumi organization name: letters, digits, '_', '.', '-'",
      })
      .describe("Pulumi organization that owns the stacks; named in StackReferences."),
  })
  .describe("Who this foundation belongs to.");

const environment = z
  .strictObject({
    namespace: label("a namespace").describe("Kubernetes namespace the services of this environment run in."),
    stackSuffix: label("a stack suffix", 22).describe(
      "Suffix of the Pulumi application stacks of this environment: <service>-<stackSuffix>.",
    ),
  })
  .describe("An environment every service can be deployed in.");

// ---- clusters ----

const taint = z
  .strictObject({
    key: z.string().regex(LABEL_KEY, { error: "a taint key must be a valid label key: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.'" }).describe("Taint key."),
    value: z
      .string()
      .regex(LABEL_VALUE, { error: "a taint value must be a valid label value: at most 63 letters, digits, '-', '_' or '.'" })
      .optional()
      .describe("Taint value (optional)."),
    effect: z
      .enum(["NoSchedule", "PreferNoSchedule", "NoExecute"], {
        error: "effect must be NoSchedule, PreferNoSchedule or NoExecute",
      })
      .describe("What the taint does to pods that do not tolerate it."),
  })
  .describe("A Kubernetes taint put on every node of the group.");

const nodeGroup = z
  .strictObject({
    instanceTypes: z
      .array(z.string().regex(INSTANCE_TYPE, { error: "must be an EC2 instance type such as m5.large" }), {
        error: "instanceTypes must be a list of EC2 instance types",
      })
      .min(1, { error: "instanceTypes needs at least one instance type" })
      .describe("EC2 instance types; spot groups should list several of the same size."),
    capacityType: z
      .enum(["onDemand", "spot"], { error: "capacityType must be onDemand or spot" })
      .default("onDemand")
      .describe("On-demand or spot capacity."),
    minSize: intIn(0, 1000, "minSize").describe("Fewest nodes the autoscaler keeps."),
    desiredSize: intIn(0, 1000, "desiredSize").describe("Nodes at creation."),
    maxSize: intIn(1, 1000, "maxSize").describe("Most nodes the autoscaler may add."),
    volumeSizeGiB: intIn(20, 16384, "volumeSizeGiB").default(80).describe("Root volume size of each node, in GiB."),
    privateNetworking: z
      .boolean({ error: "privateNetworking must be true or false" })
      .default(true)
      .describe("Put the nodes in private subnets only."),
    labels: z
      .record(
        z.string().regex(LABEL_KEY, { error: "must be a valid Kubernetes label key: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.'" }),
        z.string({ error: "a label value must be a string" }).regex(LABEL_VALUE, {
          error: "must be a valid Kubernetes label value: at most 63 letters, digits, '-', '_' or '.'",
        }),
      )
      .default({})
      .describe("Kubernetes labels on every node of the group."),
    taints: z.array(taint).default([]).describe("Kubernetes taints on every node of the group."),
  })
  .describe("A managed node group.");

const addon = (what: string) =>
  z
    .strictObject({
      chartVersion: z
        .string({ error: 'chartVersion must be a string such as "1.8.1"' })
        .regex(CHART_VERSION, { error: "chartVersion must be a semantic version such as 1.8.1" })
        .describe(`Helm chart version of ${what}, pinned.`),
    })
    .describe(`Install ${what} with Helm.`);

const accessEntry = z
  .strictObject({
    principalArn: z
      .string({ error: "principalArn must be a string" })
      .regex(IAM_PRINCIPAL_ARN, { error: "principalArn must be the ARN of an IAM role or user, such as arn:aws:iam::123456789012:role/deployer" })
      .describe("IAM role or user that may reach the cluster."),
    policy: z
      .enum(["cluster-admin", "admin", "edit", "view"], { error: "policy must be cluster-admin, admin, edit or view" })
      .describe("EKS access policy: AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, AmazonEKSEditPolicy or AmazonEKSViewPolicy."),
    namespaces: z
      .array(label("a namespace"), { error: "namespaces must be a list of namespace names" })
      .min(1, { error: "namespaces needs at least one namespace; leave it out for the whole cluster" })
      .optional()
      .describe("Namespaces the policy applies in; omitted: the whole cluster."),
  })
  .describe("An EKS access entry: who may reach the cluster besides its creator.");

const cluster = z
  .strictObject({
    provisioner: z
      .enum(["eksctl", "pulumi"], { error: "provisioner must be eksctl or pulumi" })
      .describe("eksctl: a ClusterConfig and scripts; pulumi: a stack of the <name>-provisioning project."),
    stack: label("a stack name", 40)
      .optional()
      .describe("Stack of the <name>-provisioning Pulumi project that builds this cluster (pulumi clusters only)."),
    region: z
      .string({ error: "region must be a string" })
      .regex(AWS_REGION, { error: "region must be an AWS region such as us-east-1" })
      .describe("AWS region of the cluster; also the default region of its scripts."),
    accountId: z
      .string({ error: 'accountId must be a quoted string of twelve digits, such as "123456789012"' })
      .regex(AWS_ACCOUNT_ID, { error: "accountId must be twelve digits" })
      .optional()
      .describe(
        "AWS account of the cluster. Needed only to write IRSA role ARNs into plain YAML (kubectl services with a serviceAccount on a pulumi cluster).",
      ),
    kubernetesVersion: z
      .string({ error: 'kubernetesVersion must be a quoted string such as "1.35" (unquoted, 1.30 would read as 1.3)' })
      .regex(KUBERNETES_VERSION, { error: 'kubernetesVersion must be a Kubernetes minor version such as "1.35"' })
      .describe('Kubernetes version of the control plane, quoted: "1.35".'),
    tags: z
      .record(
        z.string().min(1, { error: "a tag key may not be empty" }).max(128, { error: "a tag key is at most 128 characters" }),
        z.string({ error: "a tag value must be a string" }).max(256, { error: "a tag value is at most 256 characters" }),
      )
      .default({})
      .describe("AWS tags on the cluster and everything created for it."),
    vpc: z
      .strictObject({
        cidr: z.string({ error: "cidr must be a string such as 10.0.0.0/16" }).describe("IPv4 CIDR of the VPC, /16 to /24."),
        natGateway: z
          .enum(["single", "highlyAvailable", "disable"], { error: "natGateway must be single, highlyAvailable or disable" })
          .default("single")
          .describe("NAT gateways: one for the VPC, one per availability zone, or none."),
      })
      .describe("The cluster's own VPC."),
    nodeGroups: z.record(name("node group", 40), nodeGroup).default({}).describe("Managed node groups, by name."),
    addons: z
      .strictObject({
        awsLoadBalancerController: addon("the AWS Load Balancer Controller").optional(),
        metricsServer: addon("metrics-server").optional(),
        clusterAutoscaler: addon("cluster-autoscaler").optional(),
      })
      .default({})
      .describe("Cluster add-ons installed by the infrastructure layer."),
    access: z
      .array(accessEntry, { error: "access must be a list of access entries" })
      .default([])
      .describe("EKS access entries: IAM principals besides the cluster's creator that may reach the cluster, with an EKS access policy."),
  })
  .describe("An EKS cluster.");

// ---- services ----

const healthCheck = z
  .strictObject({
    path: z
      .string()
      .regex(HTTP_PATH, { error: "path must start with '/' and contain no spaces or quotes" })
      .describe("HTTP path probed at startup, for readiness and by the ALB; also for liveness unless livenessPath is set."),
    livenessPath: z
      .string()
      .regex(HTTP_PATH, { error: "livenessPath must start with '/' and contain no spaces or quotes" })
      .optional()
      .describe("HTTP path of the liveness probe, one that checks the process and not its dependencies; defaults to path."),
    port: intIn(1, 65535, "port").optional().describe("Port probed; defaults to the service's port."),
    initialDelaySeconds: intIn(0, 3600, "initialDelaySeconds").default(5).describe("Seconds before the first probe."),
    periodSeconds: intIn(1, 3600, "periodSeconds").default(10).describe("Seconds between probes."),
    timeoutSeconds: intIn(1, 3600, "timeoutSeconds").default(2).describe("Seconds before a probe times out."),
    failureThreshold: intIn(1, 100, "failureThreshold")
      .default(3)
      .describe("Failed readiness probes before the pod leaves the load balancers; liveness restarts it after three times as many."),
  })
  .describe("HTTP health check: the startup, readiness and liveness probes and the ALB health check.");

const resourceList = z
  .strictObject({ cpu: quantity("CPU", `"250m" or "1"`).optional(), memory: quantity("Memory", `"512Mi" or "2Gi"`).optional() })
  .describe("CPU and memory.");

const resources = z
  .strictObject({
    requests: resourceList.optional().describe("What the scheduler reserves."),
    limits: resourceList.optional().describe("The most the container may use."),
  })
  .describe("Container resources.");

const secretRef = z
  .strictObject(
    {
      secretName: z
        .string({ error: "secretName must be a string" })
        .regex(DNS1123_SUBDOMAIN, { error: "secretName must be a Kubernetes Secret name" })
        .describe("Name of the Secret, kept outside git, in the environment's namespace."),
      key: z.string({ error: "key must be a string" }).regex(DATA_KEY, { error: "key must be a Secret data key" }).describe("Key in the Secret."),
    },
    { error: "a secret is a reference { secretName, key } to a Secret kept outside git; literal values are refused" },
  )
  .describe("Reference to one key of a Kubernetes Secret.");

const serviceAccount = z
  .strictObject({
    iamPolicyArns: z
      .array(z.string().regex(IAM_POLICY_ARN, { error: "must be an IAM policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }))
      .min(1, { error: "iamPolicyArns needs at least one policy" })
      .describe("IAM policies attached to the service's role."),
  })
  .describe("IRSA: a Kubernetes ServiceAccount named after the service, bound to an IAM role with these policies.");

const ingress = z
  .strictObject({
    host: z.string({ error: "host must be a string" }).regex(HOST_NAME, { error: "host must be a DNS name such as app.example.com" }).describe("Host name routed to the service."),
    path: z.string().regex(HTTP_PATH, { error: "path must start with '/' and contain no spaces or quotes" }).default("/").describe("Path prefix routed to the service."),
    scheme: z
      .enum(["internet-facing", "internal"], { error: "scheme must be internet-facing or internal" })
      .default("internet-facing")
      .describe("ALB scheme: internet-facing (public subnets) or internal (private subnets, reachable from the VPC)."),
    targetType: z.enum(["ip", "instance"], { error: "targetType must be ip or instance" }).default("ip").describe("ALB target type."),
    certificateArn: z
      .string({ error: "certificateArn must be a string" })
      .regex(ACM_CERTIFICATE_ARN, { error: "certificateArn must be an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-..." })
      .optional()
      .describe("ACM certificate (in the cluster's region) for the host: HTTPS on 443, HTTP on 80 redirected to it."),
    group: z
      .string({ error: "group must be a string" })
      .max(63, { error: "group is at most 63 characters" })
      .regex(INGRESS_GROUP_NAME, { error: "group must be lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" })
      .optional()
      .describe("ALB IngressGroup: Ingresses of one group share one ALB. Default: one ALB per cluster, environment and scheme."),
  })
  .describe("An ALB Ingress (needs the AWS Load Balancer Controller on the cluster).");

const scheduling = z
  .strictObject({
    nodeGroup: name("node group", 40).describe(
      "Node group of the service's cluster to run on: its labels become the nodeSelector, its taints the tolerations.",
    ),
  })
  .describe("Where the service's pods run.");

const podSecurity = z
  .enum(["restricted", "baseline"], { error: "podSecurity must be restricted or baseline" })
  .default("restricted")
  .describe(
    "Pod Security Standard the pods meet: restricted (non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp) or baseline (images that must run as root).",
  );

const autoscaling = z
  .strictObject({
    minReplicas: intIn(1, 1000, "minReplicas").default(1).describe("Fewest replicas."),
    maxReplicas: intIn(1, 1000, "maxReplicas").describe("Most replicas."),
    targetCPUUtilization: intIn(1, 100, "targetCPUUtilization").default(80).describe("Average CPU utilization (percent of requests) to scale at."),
  })
  .describe("A HorizontalPodAutoscaler on CPU (needs metrics-server on the cluster).");

const imageTag = z
  .string({ error: 'imageTag must be a quoted string such as "v1.2.3"' })
  .regex(IMAGE_TAG, { error: "imageTag must be a valid image tag: letters, digits, '_', '.', '-', at most 128" })
  .refine((tag) => tag !== "latest", { error: "imageTag may not be \"latest\": pin a version so deploys are reproducible" })
  .describe("Image tag; set per environment, never latest.");

/** The fields of a service that an environment block may override. */
const overridable = {
  image: z
    .string({ error: "image must be a string" })
    .regex(IMAGE_REPOSITORY, { error: "image must be a repository such as registry.example.com/team/app, without tag (use imageTag)" })
    .describe("Image repository, without tag."),
  imageTag: imageTag.optional(),
  replicas: intIn(0, 1000, "replicas")
    .optional()
    .describe("Number of pods, defaulting to 1. With autoscaling the HorizontalPodAutoscaler owns the count and replicas has no effect."),
  port: intIn(1, 65535, "port").describe("Port the container listens on; also the Service port."),
  healthCheck: healthCheck.optional(),
  resources: resources.optional(),
  config: envVarMap(z.string({ error: 'a config value must be a string (quote numbers and booleans: "300")' }))
    .default({})
    .describe("Plain configuration; becomes the service's ConfigMap and its environment."),
  secrets: envVarMap(secretRef).default({}).describe("Environment variables read from Secrets kept outside git."),
  serviceAccount: serviceAccount.optional(),
  ingress: ingress.optional(),
  autoscaling: autoscaling.optional(),
  scheduling: scheduling.optional(),
  podSecurity,
};

/** An environment block: any overridable field, objects partial (merged key by key). */
const environmentOverride = z
  .strictObject({
    image: overridable.image.optional(),
    imageTag: overridable.imageTag,
    replicas: overridable.replicas,
    port: overridable.port.optional(),
    healthCheck: healthCheck.partial().optional(),
    resources: z.strictObject({ requests: resourceList.optional(), limits: resourceList.optional() }).optional(),
    config: envVarMap(z.string({ error: 'a config value must be a string (quote numbers and booleans: "300")' })).optional(),
    secrets: envVarMap(secretRef).optional(),
    serviceAccount: serviceAccount.partial().optional(),
    ingress: ingress.partial().optional(),
    autoscaling: autoscaling.partial().optional(),
    scheduling: scheduling.partial().optional(),
    podSecurity: podSecurity.unwrap().optional().describe("Pod Security Standard for this environment: restricted or baseline."),
  })
  .describe("Overrides for one environment, merged over the service (objects key by key; lists and scalars replace).");

/** A service with every field an environment may have supplied: what a merged environment view must satisfy. */
export const resolvedServiceSchema = z.strictObject({ ...overridable });

const service = z
  .strictObject({
    cluster: z.string({ error: "cluster must be the name of a cluster" }).describe("Cluster the service runs on."),
    deployWith: z
      .enum(["kubectl", "pulumi"], { error: "deployWith must be kubectl or pulumi" })
      .describe("kubectl: plain YAML under gitops/manual_deploy; pulumi: stacks of the <name>-deploy project."),
    ...overridable,
    port: overridable.port,
    environments: z
      .record(name("environment", 40), environmentOverride)
      .refine((envs) => Object.keys(envs).length > 0, { error: "a service needs at least one environment" })
      .describe("The environments the service is deployed in, each with its overrides ({} for none)."),
  })
  .describe("A service: one Deployment (with Service, ConfigMap, HPA, Ingress) per environment.");

// ---- delivery ----

const argocd = z
  .strictObject({
    repoURL: z
      .string({ error: "repoURL must be a string" })
      .max(2048, { error: "repoURL is at most 2048 characters" })
      .regex(/^(https:\/\/|ssh:\/\/|git@)[A-Za-z0-9._~:/?#@!$&*+,;=%-]+$/, {
        error: "repoURL must be a git repository URL: https://..., ssh://... or git@host:path",
      })
      .describe("The git repository that holds the compiled output tree; Argo CD reads the service folders from it."),
    targetRevision: z
      .string({ error: "targetRevision must be a string" })
      .max(255, { error: "targetRevision is at most 255 characters" })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: "targetRevision must be a branch, tag or commit: letters, digits, '.', '_', '/', '-'" })
      .describe("The branch, tag or commit Argo CD follows, such as main."),
    path: z
      .string({ error: "path must be a string" })
      .max(255, { error: "path is at most 255 characters" })
      .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/, {
        error: "path must be a relative folder of the repository, such as out or deploy/out (no '..', no leading or trailing '/')",
      })
      .default("out")
      .describe("The folder of the repository that holds the compiled output tree (compile's --out). Default out."),
    namespace: label("the Argo CD namespace")
      .default("argocd")
      .describe("The namespace Argo CD runs in on each cluster, where its AppProject and Applications go. Default argocd."),
    clusters: z
      .array(z.string({ error: "a cluster name must be a string" }), { error: "clusters must be a list of cluster names" })
      .optional()
      .describe("Clusters whose kubectl services Argo CD syncs. Default: every cluster that runs kubectl services."),
  })
  .describe("Argo CD syncs the kubectl services' folders from git; CI no longer applies them.");

const delivery = z
  .strictObject({ argocd: argocd.optional() })
  .describe("How services reach their clusters besides CI: GitOps controllers.");

/** The whole `foundation/v1alpha1` spec. */
export const specSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON schema of the spec, for editors."),
    apiVersion: z.literal(API_VERSION, { error: `apiVersion must be ${API_VERSION}` }).describe("Spec version."),
    kind: z.literal("Foundation", { error: "kind must be Foundation" }).describe("Always Foundation."),
    metadata,
    environments: z
      .record(name("environment", 40), environment)
      .refine((envs) => Object.keys(envs).length > 0, { error: "declare at least one environment" })
      .describe("Environments, by name."),
    clusters: z
      .record(name("cluster", 40), cluster)
      .refine((c) => Object.keys(c).length > 0, { error: "declare at least one cluster" })
      .describe("EKS clusters, by name."),
    services: z.record(label("a service name", 40).regex(DNS1035_LABEL, { error: "a service name must start with a letter" }), service).default({}).describe("Services, by name."),
    delivery: delivery.optional(),
  })
  .describe("foundation: EKS clusters and the services on them, in one file.");

/** A spec that passed shape validation, defaults applied. */
export type Spec = z.output<typeof specSchema>;
export type SpecCluster = Spec["clusters"][string];
export type SpecNodeGroup = SpecCluster["nodeGroups"][string];
export type SpecService = Spec["services"][string];
export type SpecEnvironmentOverride = SpecService["environments"][string];
export type ResolvedServiceFields = z.output<typeof resolvedServiceSchema>;

/** The schemas of one entry of each section, to salvage the valid entries of a spec that has errors. */
export const sectionEntrySchemas = { environments: environment, clusters: cluster, services: service } as const;
export { metadata as metadataSchema };
