import type { Backend, BackendContext, GeneratedFile } from "../../src/backend.js";
import type { Cluster, Model } from "../../src/model/model.js";
import { PROVISIONING_MANUAL_DIR } from "../../src/model/output-layout.js";
import { generatedHeader } from "../../src/render/header.js";
import { toYaml } from "../../src/render/yaml.js";
import { createClusterScript } from "./create-cluster-script.js";
import { installAddonScript } from "./install-addon-script.js";
import { installAddonsScript } from "./install-addons-script.js";
import { clusterConfigFile, createClusterScriptFile, installAddonScriptFile, installAddonsScriptFile, namespacesFile } from "./paths.js";
import { eksctlPlan } from "./plan.js";

/**
 * Clusters with `provisioner: eksctl`: per cluster an eksctl ClusterConfig, the script that creates or
 * updates the cluster from it and then applies the manifest of the cluster's namespaces, one Helm install script per add-on and the script that runs them in order, all rendered from the cluster's
 * plan (`eksctlPlan`), which `foundation diff --between eksctl,pulumi` reads too.
 */
export const eksctlBackend: Backend = {
  name: "eksctl",
  eksctlPlan,
  generate(model: Model, context: BackendContext): GeneratedFile[] {
    const files: GeneratedFile[] = [];
    const at = (file: string) => `${PROVISIONING_MANUAL_DIR}/${file}`;
    const clusters = new Map(model.clusters.map((c) => [c.name, c]));
    for (const plan of eksctlPlan(model)) {
      const cluster = clusters.get(plan.cluster) as Cluster;
      const config =
        generatedHeader(context.specName, "#") +
        `# Create or update the cluster with ./${createClusterScriptFile(cluster)} [region].\n` +
        toYaml(plan.config);
      files.push({ path: at(clusterConfigFile(cluster)), content: config });
      if (plan.namespaces.length > 0) {
        const manifest =
          generatedHeader(context.specName, "#") +
          `# The namespaces cluster ${cluster.name} owns, applied by ./${createClusterScriptFile(cluster)}; never deleted by foundation.\n` +
          plan.namespaces.map((namespace) => toYaml(namespace)).join("---\n");
        files.push({ path: at(namespacesFile(cluster)), content: manifest });
      }
      files.push({ path: at(createClusterScriptFile(cluster)), content: createClusterScript(cluster, plan, context.specName), executable: true });
      for (const install of plan.helmInstalls) {
        files.push({ path: at(installAddonScriptFile(cluster, install)), content: installAddonScript(cluster, plan, install, context.specName), executable: true });
      }
      if (plan.helmInstalls.length > 0) {
        files.push({ path: at(installAddonsScriptFile(cluster)), content: installAddonsScript(cluster, plan, context.specName), executable: true });
      }
    }
    return files;
  },
};
