import { buildObjects } from "../k8s/objects.js";
import type { Project, ServiceInstance } from "../model/model.js";

/** One Kubernetes object of a service instance, as kubectl names it. */
export interface ServiceObject {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion: string;
  /** `deployment.apps/dawn`: what `kubectl get -o name` prints, unambiguous whatever CRDs a cluster has. */
  readonly ref: string;
}

/** The objects of a service instance, in apply order (the same list the kubectl and Pulumi backends render). */
export function serviceObjects(project: Project, instance: ServiceInstance): ServiceObject[] {
  return buildObjects(project, instance).map((object) => {
    const apiVersion = object.apiVersion;
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const name = object.metadata?.name ?? "";
    return { kind: object.kind, name, apiVersion, ref: `${object.kind.toLowerCase()}${group ? `.${group}` : ""}/${name}` };
  });
}
