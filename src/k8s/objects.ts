import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { Project, ServiceInstance } from "../model/model.js";
import { buildConfigMap } from "./config-map.js";
import { buildDeployment } from "./deployment.js";
import { buildHorizontalPodAutoscaler } from "./horizontal-pod-autoscaler.js";
import { buildIngress } from "./ingress.js";
import { buildPodDisruptionBudget } from "./pod-disruption-budget.js";
import { buildService } from "./service.js";
import { buildServiceAccount } from "./service-account.js";

/**
 * Any Kubernetes object foundation generates for a service instance. Never a Namespace: namespaces belong
 * to the cluster (see `buildClusterNamespace`), so no service can create, adopt or delete one.
 */
export type KubernetesObject =
  | IServiceAccount
  | IConfigMap
  | IDeployment
  | IService
  | IHorizontalPodAutoscaler
  | IPodDisruptionBudget
  | IIngress;

export interface BuildOptions {
  /**
   * The IAM role ARN to annotate an application-created ServiceAccount with. Defaults to the static
   * ARN the model knows; a Pulumi program passes a placeholder it replaces with a stack output.
   */
  readonly roleArn?: string;
}

/**
 * Every Kubernetes object of one service in one environment, in apply order. The kubectl and Pulumi
 * application backends both render exactly this list, so the two cannot drift.
 */
export function buildObjects(project: Project, instance: ServiceInstance, options: BuildOptions = {}): KubernetesObject[] {
  const arnSource = instance.serviceAccount?.roleArn;
  const roleArn = options.roleArn ?? (arnSource?.kind === "static" ? arnSource.arn : "");
  const objects: (KubernetesObject | undefined)[] = [
    buildServiceAccount(project, instance, roleArn),
    buildConfigMap(project, instance),
    buildDeployment(project, instance, instance.serviceAccount?.createdBy === "application" ? roleArn : undefined),
    buildService(project, instance),
    buildHorizontalPodAutoscaler(project, instance),
    buildPodDisruptionBudget(project, instance),
    buildIngress(project, instance),
  ];
  return objects.filter((o): o is KubernetesObject => o !== undefined);
}
