/**
 * The kubectl backend's layout, shared by the benchmark's comparison programs: one folder per
 * service and environment, one file per object.
 */
import { FILE_NAMES } from "../dist/backends/kubectl/index.js";
import { buildObjects } from "../dist/src/k8s/objects.js";
import { manualDeployDir } from "../dist/src/model/output-layout.js";

/** The folder of the kubectl services' manifests, as the kubectl backend writes it. */
export const MANUAL_DEPLOY_DIR = "gitops/manual_deploy";

export { FILE_NAMES };

/**
 * Each kubectl service instance of the model with its folder (relative to the output) and its
 * Kubernetes objects, built by the same shared builder the kubectl backend calls.
 * @param {import("../src/model/model.js").Model} model
 * @returns {Generator<{ dir: string, objects: Record<string, unknown>[] }>}
 */
export function* kubectlInstances(model) {
  for (const service of model.services) {
    if (service.deployWith !== "kubectl") continue;
    for (const instance of service.instances) {
      yield { dir: manualDeployDir(service.name, instance.environment), objects: buildObjects(model.project, instance) };
    }
  }
}
