import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import type { Model } from "../../src/model/model.js";
import { PROVISIONING_MANUAL_DIR } from "../../src/model/output-layout.js";
import { generatedHeader } from "../../src/render/header.js";
import { toYaml } from "../../src/render/yaml.js";
import { buildClusterConfig } from "./cluster-config.js";
import { createClusterScript } from "./create-cluster-script.js";
import { installAddonScript } from "./install-addon-script.js";
import { clusterConfigFile, createClusterScriptFile, installAddonScriptFile } from "./paths.js";

/**
 * Clusters with `provisioner: eksctl`: per cluster an eksctl ClusterConfig, the script that creates or
 * updates the cluster from it, and one Helm install script per add-on.
 */
export const eksctlBackend: Backend = {
  name: "eksctl",
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const files: GeneratedFile[] = [];
    const at = (file: string) => `${PROVISIONING_MANUAL_DIR}/${file}`;
    for (const cluster of model.clusters) {
      if (cluster.provisioner !== "eksctl") continue;
      const config =
        generatedHeader(context.specName, "#") +
        `# Create or update the cluster with ./${createClusterScriptFile(cluster)} [region].\n` +
        toYaml(buildClusterConfig(cluster));
      files.push({ path: at(clusterConfigFile(cluster)), content: config });
      files.push({ path: at(createClusterScriptFile(cluster)), content: createClusterScript(cluster, context.specName), executable: true });
      for (const addon of cluster.addons) {
        files.push({ path: at(installAddonScriptFile(cluster, addon)), content: installAddonScript(cluster, addon, context.specName), executable: true });
      }
    }
    return files;
  },
};
