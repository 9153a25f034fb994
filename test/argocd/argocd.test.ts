import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AppProject, Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ROOT_APPLICATION } from "../../backends/argocd/index.js";
import { filesOf, modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { editSpec } from "../helpers/spec-edit.js";

interface ArgoObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: {
    project?: string;
    source?: { repoURL: string; targetRevision: string; path: string };
    destination?: { server: string; namespace: string };
    syncPolicy?: { automated?: { prune?: boolean; selfHeal?: boolean }; syncOptions?: string[] };
    sourceRepos?: string[];
    destinations?: { server: string; namespace: string }[];
    clusterResourceWhitelist?: unknown[];
  };
}

const spec = readFileSync(join(ROOT, "test", "fixtures", "valid", "delivery.yaml"), "utf8");
const files = filesOf(spec);
const argo = [...files].filter(([path]) => path.startsWith("gitops/argocd/"));
const objects = (content: string) => parseAllDocuments(content).map((d) => d.toJS() as ArgoObject);
const argoObjects = argo.flatMap(([path, file]) => objects(file.content).map((o) => ({ path, object: o })));
const applications = argoObjects.filter((o) => o.object.kind === "Application");

describe("Argo CD backend", () => {
  it("writes a folder only for the clusters of delivery.argocd, and nothing without it", () => {
    expect([...new Set(argo.map(([path]) => path.split("/")[2]))]).toEqual(["gaal"]);
    expect([...filesOf(referenceSpecText())].filter(([path]) => path.startsWith("gitops/argocd/"))).toEqual([]);
  });

  it("validates against Argo CD's CRD schemas", () => {
    expect(argoObjects.length).toBeGreaterThan(3);
    for (const { path, object } of argoObjects) {
      if (object.kind === "Application") expect(() => new Application(object as never).validate(), path).not.toThrow();
      else if (object.kind === "AppProject") expect(() => new AppProject(object as never).validate(), path).not.toThrow();
      else throw new Error(`${path}: unexpected kind ${object.kind}`);
    }
    const broken = { ...(applications[0]?.object as ArgoObject), spec: { destination: "nowhere" } };
    expect(() => new Application(broken as never).validate()).toThrow();
  });

  it("has one Application per kubectl service and environment of the cluster, and the root one that syncs the folder", () => {
    const model = modelOf(spec);
    const pairs = model.services
      .filter((s) => s.cluster === "gaal" && s.deployWith === "kubectl")
      .flatMap((s) => s.instances.map((i) => `${s.name}-${i.environment}`));
    expect(pairs.length).toBe(3);
    expect(applications.map((a) => a.object.metadata.name).sort()).toEqual([...pairs, ROOT_APPLICATION].sort());
    const root = applications.find((a) => a.object.metadata.name === ROOT_APPLICATION)?.object;
    expect(root?.spec.source?.path).toBe("out/gitops/argocd/gaal");
  });

  it("syncs automatically with prune and self-heal, each service from its own folder, which exists under out/", () => {
    for (const { path, object } of applications) {
      expect(object.spec.syncPolicy?.automated, path).toEqual({ prune: true, selfHeal: true });
      expect(object.spec.source?.repoURL, path).toBe("https://github.com/seldon/platform.git");
      expect(object.spec.source?.targetRevision, path).toBe("main");
      const dir = (object.spec.source?.path as string).replace(/^out\//, "");
      expect([...files.keys()].filter((p) => p.startsWith(`${dir}/`) && p.endsWith(".yaml")).length, path).toBeGreaterThan(0);
      expect(object.spec.destination?.server, path).toBe("https://kubernetes.default.svc");
    }
  });

  it("never owns a Namespace: no CreateNamespace, and the project allows nothing cluster-scoped", () => {
    const project = argoObjects.find((o) => o.object.kind === "AppProject")?.object as ArgoObject;
    expect(project.spec.clusterResourceWhitelist).toEqual([]);
    expect(project.spec.sourceRepos).toEqual(["https://github.com/seldon/platform.git"]);
    expect(project.spec.destinations?.map((d) => d.namespace)).toEqual(["production", "staging"]);
    for (const { object } of applications) expect(JSON.stringify(object.spec.syncPolicy ?? {})).not.toContain("CreateNamespace");
    for (const { object } of applications) {
      if (object.metadata.name === ROOT_APPLICATION) continue;
      expect(object.spec.project).toBe(project.metadata.name);
      expect(project.spec.destinations).toContainEqual(object.spec.destination);
    }
  });

  const synced = () =>
    applications
      .filter((a) => a.object.metadata.name !== ROOT_APPLICATION)
      .map(({ object }) => {
        const dir = (object.spec.source?.path as string).replace(/^out\//, "");
        const inFolder = [...files].filter(([p]) => p.slice(0, p.lastIndexOf("/")) === dir).flatMap(([, file]) => objects(file.content));
        return { application: object, objects: inFolder };
      });

  it("gives every namespaced Kubernetes object to exactly one Application (cluster-scoped ones: see the next test)", () => {
    const owner = new Map<string, string>();
    const apps = [...synced(), { application: applications.find((a) => a.object.metadata.name === ROOT_APPLICATION)?.object as ArgoObject, objects: argoObjects.map((o) => o.object) }];
    for (const { application, objects: owned } of apps) {
      for (const o of owned.filter((x) => x.kind !== "Namespace")) {
        const namespace = o.metadata.namespace ?? application.spec.destination?.namespace;
        const key = `${o.apiVersion}/${o.kind}/${namespace}/${o.metadata.name}`;
        expect(owner.get(key), `${key} in ${application.metadata.name}`).toBeUndefined();
        owner.set(key, application.metadata.name);
      }
    }
    expect(owner.size).toBeGreaterThan(10);
  });

  // The cluster owns its namespaces, so no two Applications own one, and the AppProject (which allows
  // nothing cluster-scoped) can sync every folder.
  it("syncs folders that hold no Namespace (the cluster owns its namespaces; two services share one)", () => {
    for (const { application, objects: owned } of synced()) {
      expect(owned.length, application.metadata.name).toBeGreaterThan(0);
      expect(owned.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name), application.metadata.name).toEqual([]);
    }
  });

  it("takes its folders out of CI: those services' diff targets are synced, not applied", () => {
    const model = modelOf(editSpec(spec, [[["delivery", "argocd", "clusters"], ["gaal", "hari"]]]));
    expect(model.services.filter((s) => s.syncedBy === "argocd").map((s) => s.name)).toEqual(["archive", "ledger", "web"]);
    const everywhere = modelOf(editSpec(spec, [[["delivery", "argocd", "clusters"], undefined]]));
    expect(everywhere.argocd?.clusters).toEqual(["gaal", "hari", "salvor"]);
  });
});
