import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { Project, ServiceInstance } from "../model/model.js";
import { instanceLabels } from "./labels.js";

/** The annotation that binds a ServiceAccount to an IAM role (IRSA). */
export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * On the pod template of a service whose ServiceAccount the application layer annotates: the role's ARN. EKS
 * gives a pod its role when the pod starts, so a new ARN (a renamed or replaced role) must roll the pods.
 */
export const POD_ROLE_ARN_ANNOTATION = "foundation.dev/irsa-role-arn";

/** The service's ServiceAccount, annotated with its IAM role, when the application layer creates it. */
export function buildServiceAccount(project: Project, instance: ServiceInstance, roleArn: string): IServiceAccount | undefined {
  const account = instance.serviceAccount;
  if (!account || account.createdBy !== "application") return undefined;
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: account.name,
      namespace: instance.namespace,
      labels: instanceLabels(project, instance),
      annotations: { [ROLE_ARN_ANNOTATION]: roleArn },
    },
  };
}
