/**
 * Name rules. Spec names become file names, namespaces, Pulumi stack names, AWS resource names and
 * shell arguments, so they are held to the strictest of those: Kubernetes DNS labels.
 */

/** RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1035 label: like RFC 1123 but starting with a letter (Kubernetes Service names). */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 subdomain: dot-separated labels, at most 253 (Secret names). */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An environment variable name that every shell and runtime accepts. */
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A key inside a Secret or ConfigMap. */
export const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** A container image repository without tag or digest: registry/path, lower-case. */
export const IMAGE_REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*$/;

/** A container image tag (OCI distribution spec). */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A Kubernetes label key: optional DNS-subdomain prefix of at most 253 characters, and a name of at most 63. */
export const LABEL_KEY = /^((?=[^/]{1,253}\/)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(?=[^/]{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A Kubernetes label value: empty, or at most 63 alphanumerics with '-', '_', '.' inside. */
export const LABEL_VALUE = /^(?=.{0,63}$)([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** An AWS region such as us-east-1 or us-gov-west-1. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** An EC2 instance type such as m5.large or c7g.metal-48xl. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

/** An IAM policy ARN in any partition. */
export const IAM_POLICY_ARN = /^arn:aws(-[a-z]+)*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;

/** An IAM role or user ARN in any partition (what an EKS access entry names). */
export const IAM_PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

/** A DNS host name for an Ingress rule (a wildcard first label is allowed). */
export const HOST_NAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** An HTTP path: starts with '/', no white space, quotes or shell metacharacters. */
export const HTTP_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** A Helm chart version (semantic version). */
export const CHART_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A Kubernetes minor version such as "1.31". */
export const KUBERNETES_VERSION = /^1\.\d{2}$/;

/** A twelve-digit AWS account id. */
export const AWS_ACCOUNT_ID = /^\d{12}$/;

/** An ACM certificate ARN in any partition: arn:aws:acm:<region>:<account>:certificate/<id>. */
export const ACM_CERTIFICATE_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z]{2}(-[a-z]+)+-\d):(\d{12}):certificate\/[A-Za-z0-9-]{1,128}$/;

/** An ALB IngressGroup name: lower-case alphanumerics, '-' or '.', starting and ending alphanumeric (the controller's rule). */
export const INGRESS_GROUP_NAME = /^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
