import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import { buildObjects, type KubernetesObject } from "../../src/k8s/objects.js";
import type { Model } from "../../src/model/model.js";
import { manualDeployDir } from "../../src/model/output-layout.js";
import { generatedHeader } from "../../src/render/header.js";
import { toYaml } from "../../src/render/yaml.js";

/** The file each kind of object is written to, in a service's folder. */
export const FILE_NAMES: Readonly<Record<KubernetesObject["kind"], string>> = {
  ServiceAccount: "serviceaccount.yaml",
  ConfigMap: "configmap.yaml",
  Deployment: "deployment.yaml",
  Service: "service.yaml",
  HorizontalPodAutoscaler: "hpa.yaml",
  PodDisruptionBudget: "pdb.yaml",
  Ingress: "ingress.yaml",
};

/** Plain manifests per service and environment, for `kubectl apply -f` or a GitOps controller. */
export const kubectlBackend: Backend = {
  name: "kubectl",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const header = generatedHeader(context.specName, "#");
    const files: GeneratedFile[] = [];
    for (const service of model.services) {
      if (service.deployWith !== "kubectl") continue;
      for (const instance of service.instances) {
        const dir = manualDeployDir(service.name, instance.environment);
        for (const object of buildObjects(model.project, instance)) {
          files.push({ path: `${dir}/${FILE_NAMES[object.kind]}`, content: header + toYaml(object) });
        }
      }
    }
    return files;
  },
};
