import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { eksctlBackend } from "../../backends/eksctl/index.js";
import { buildClusterNamespace } from "../../src/k8s/cluster-namespace.js";
import { eksctlNamespacesFile } from "../../src/model/output-layout.js";
import { generatedNotice } from "../../src/render/header.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { schemaErrors, unknownFieldErrors } from "../helpers/kubernetes-schema.js";
import { editSpec } from "../helpers/spec-edit.js";
import { eksctlFiles, twoEksctlClustersSpec, validFixtureSpecs } from "./support.js";

const reference = referenceSpecText();
/** The two eksctl clusters, plus a third one no service runs on: it owns no namespace. */
const threeClusters = editSpec(twoEksctlClustersSpec(reference), [
  [
    ["clusters", "hollow"],
    {
      provisioner: "eksctl",
      region: "us-west-2",
      kubernetesVersion: "1.34",
      vpc: { cidr: "10.9.0.0/16" },
      nodeGroups: { general: { instanceTypes: ["m5.large"], minSize: 1, desiredSize: 1, maxSize: 2 } },
    },
  ],
]);
const specs = [reference, threeClusters, ...validFixtureSpecs()];

/** The objects of a multi-document manifest. */
function documents(content: string): unknown[] {
  return parseAllDocuments(content).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJSON() as unknown;
  });
}

describe("the namespaces an eksctl cluster owns", () => {
  it.each(specs.map((text, i) => [i, text] as const))(
    "spec %i: namespaces-<cluster>.yaml holds exactly the cluster's Namespace objects, and the create script applies exactly that file",
    (_i, text) => {
      const model = modelOf(text);
      const files = eksctlFiles(text);
      for (const plan of eksctlBackend.eksctlPlan?.(model) ?? []) {
        const cluster = model.clusters.find((c) => c.name === plan.cluster);
        if (!cluster) throw new Error(`no cluster ${plan.cluster}`);
        expect(plan.namespaces).toEqual(cluster.namespaces.map((n) => buildClusterNamespace(model.project, cluster, n)));
        const manifest = files.get(eksctlNamespacesFile(cluster.name));
        const script = files.get(`provisioning/manual/create-${cluster.name}-cluster.sh`)?.content ?? "";
        const apply = script.match(/^kubectl apply .*$/gm) ?? [];
        if (cluster.namespaces.length === 0) {
          expect(manifest, cluster.name).toBeUndefined();
          expect(apply, cluster.name).toEqual([]);
          continue;
        }
        expect(manifest?.content.split("\n")[0]).toBe(`# ${generatedNotice("foundation.yaml")}`);
        expect(documents(manifest?.content ?? "")).toEqual(plan.namespaces);
        expect(script).toContain(`namespaces="$here/"'namespaces-${cluster.name}.yaml'\n`);
        expect(apply).toEqual([`kubectl apply --server-side --context "$context" -f "$namespaces"`]);
      }
    },
  );

  it("gives the cluster with no services no namespace, and the others one per environment on them", () => {
    const files = eksctlFiles(threeClusters);
    expect([...files.keys()].filter((p) => p.includes("/namespaces-")).sort()).toEqual([eksctlNamespacesFile("gaia"), eksctlNamespacesFile("trantor")]);
    const names = (cluster: string) => documents(files.get(eksctlNamespacesFile(cluster))?.content ?? "").map((n) => (n as { metadata: { name: string } }).metadata.name);
    expect(names("gaia")).toEqual(["production", "rc"]);
    expect(names("trantor")).toEqual(["production", "rc"]);
  });

  it("pass the Kubernetes schemas with no unknown field", async () => {
    const manifests = specs.flatMap((text) =>
      [...eksctlFiles(text).values()].filter((f) => f.path.includes("/namespaces-")).flatMap((f) => documents(f.content) as { apiVersion: string; kind: string }[]),
    );
    expect(manifests.length).toBeGreaterThan(3);
    expect(await schemaErrors(manifests)).toEqual([]);
    expect(unknownFieldErrors(manifests)).toEqual([]);
  });

  it("are never deleted or pruned by any eksctl script", () => {
    for (const [path, file] of eksctlFiles(threeClusters)) {
      if (!path.endsWith(".sh")) continue;
      expect(file.content, path).not.toMatch(/kubectl\s+delete|--prune|eksctl\s+delete/);
    }
  });
});
