import type * as k8s from "@pulumi/kubernetes";
import type { StackData } from "./stack-data";

/** An object of a stack's data file: the `@pulumi/kubernetes` arguments of its kind, with its API version, kind and name set. */
type Manifest<ApiVersion extends string, Kind extends string, Args> = Omit<Args, "apiVersion" | "kind" | "metadata"> & {
  readonly apiVersion: ApiVersion;
  readonly kind: Kind;
  readonly metadata: k8s.types.input.meta.v1.ObjectMeta & { readonly name: string };
};

/** A Kubernetes object the program can create. */
export type KubernetesObject =
  | Manifest<"v1", "ServiceAccount", k8s.core.v1.ServiceAccountArgs>
  | Manifest<"v1", "ConfigMap", k8s.core.v1.ConfigMapArgs>
  | Manifest<"apps/v1", "Deployment", k8s.apps.v1.DeploymentArgs>
  | Manifest<"v1", "Service", k8s.core.v1.ServiceArgs>
  | Manifest<"autoscaling/v2", "HorizontalPodAutoscaler", k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>
  | Manifest<"networking.k8s.io/v1", "Ingress", k8s.networking.v1.IngressArgs>
  | Manifest<"policy/v1", "PodDisruptionBudget", k8s.policy.v1.PodDisruptionBudgetArgs>;

/** The data of one stack (`stacks/<stack>.ts`), its objects typed for their kinds. */
export type AppStack = StackData<KubernetesObject>;
