import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { AddonKind } from "../model/model.js";
import type { ClusterConfig } from "./eksctl-cluster-config.generated.js";

/** A value an install script only knows when it runs: the cluster's name, the region it was given, the VPC's id. */
export type RunTimeValue = "clusterName" | "region" | "vpcId";

/** One chart value, `--set key=value`: a literal, or a value the script fills in when it runs. */
export interface HelmValue {
  readonly key: string;
  readonly value: string | boolean | { readonly atRunTime: RunTimeValue };
}

/** One `helm upgrade --install` an eksctl cluster's add-on script runs. */
export interface HelmInstall {
  readonly kind: AddonKind;
  readonly release: string;
  readonly chart: string;
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  /** The ServiceAccount the chart runs as, which eksctl made with its IAM role (`iam.serviceAccounts`); the chart does not create it. */
  readonly serviceAccount?: string;
  /** The CRD manifest the script applies before upgrading (`helm upgrade` never updates a chart's CRDs): the model's `Addon.crdsUrl`. */
  readonly crdsUrl?: string;
  readonly values: readonly HelmValue[];
}

/**
 * What the eksctl backend does for one cluster, as data: the ClusterConfig its create script runs eksctl
 * with, the namespaces it applies once the cluster exists, and the Helm installs of its add-on scripts. The backend renders its files from it, and
 * `foundation diff --between eksctl,pulumi` reads it (through `Backend.eksctlPlan`).
 */
export interface EksctlClusterPlan {
  readonly cluster: string;
  readonly config: ClusterConfig;
  readonly helmInstalls: readonly HelmInstall[];
  /** The environments' namespaces the cluster owns (`namespaces-<cluster>.yaml`), applied by its create script, never deleted. */
  readonly namespaces: readonly INamespace[];
}
