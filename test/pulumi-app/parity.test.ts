import { describe, expect, test } from "vitest";
import { kubectlBackend } from "../../backends/kubectl/index.js";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import type { Model } from "../../src/model/model.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { MockProject, runAll } from "../../src/pulumi/run-under-mocks.js";
import { kubernetesObjects } from "../helpers/pulumi-projects.js";
import { fixtureSpecText, flipDeployWith, instancesOf, kubectlObjects, provisioningOutputs, richSpecText, sortObjects } from "../helpers/pulumi-app-specs.js";
import { editSpec } from "../helpers/spec-edit.js";

type Registered = Map<string, Record<string, unknown>[]>;

/**
 * The objects every Pulumi stack of each model registers under the mocks, by `<service>/<environment>`: the
 * stacks of all the models run in one child process.
 */
async function pulumiObjects(models: readonly Model[]): Promise<Registered[]> {
  const withStacks = (model: Model) => instancesOf(model).some((i) => i.deployWith === "pulumi");
  const projects = models.map((model) => (withStacks(model) ? MockProject.create(pulumiAppBackend.generate(model, { specName: "foundation.yaml" }), PULUMI_DEPLOY_DIR) : undefined));
  try {
    const stacks = models.flatMap((model, index) =>
      instancesOf(model)
        .filter((i) => i.deployWith === "pulumi")
        .map((instance) => {
          const cluster = model.clusters.find((c) => c.name === instance.cluster);
          const stackOutputs = cluster?.stackReference ? { [cluster.stackReference]: provisioningOutputs(model, cluster.name) } : {};
          return { index, instance, project: projects[index] as MockProject, stack: instance.stackName, stackOutputs };
        }),
    );
    const runs = await runAll(stacks);
    const registered = models.map((): Registered => new Map());
    stacks.forEach(({ index, instance }, at) => registered[index]?.set(`${instance.service}/${instance.environment}`, kubernetesObjects(runs[at]?.resources ?? [])));
    return registered;
  } finally {
    for (const project of projects) project?.dispose();
  }
}

/** The specs the parity tests run (each with its flip). */
const SPECS = [referenceSpecText(), richSpecText(), fixtureSpecText("wide"), fixtureSpecText("minimal"), fixtureSpecText("production")];
let everySpec: Promise<Registered[]> | undefined;

/**
 * `pulumiObjects` of a spec and of the spec with every `deployWith` flipped. The stacks of every spec in
 * `SPECS` run together in one child process, once, the first time one is asked for.
 */
async function registeredObjects(text: string): Promise<Registered[]> {
  const at = SPECS.indexOf(text);
  if (at === -1) throw new Error("internal: a parity spec missing from SPECS");
  everySpec ??= pulumiObjects(SPECS.flatMap((spec) => [modelOf(spec), modelOf(flipDeployWith(spec))]));
  return (await everySpec).slice(2 * at, 2 * at + 2);
}

/**
 * Runs every Pulumi stack of the spec and of the spec with every `deployWith` flipped, and checks that each
 * service instance's registered objects equal the kubectl backend's manifests of the same instance.
 */
async function expectParity(text: string): Promise<void> {
  const models = [modelOf(text), modelOf(flipDeployWith(text))];
  const pulumi = await registeredObjects(text);
  for (const [side, model] of models.entries()) {
    const other = models[1 - side] as Model;
    for (const instance of instancesOf(model)) {
      const id = `${instance.service}/${instance.environment}`;
      const [pulumiModel, kubectlModel] = instance.deployWith === "pulumi" ? [side, 1 - side] : [1 - side, side];
      const registered = pulumi[pulumiModel]?.get(id);
      const manifests = kubectlObjects(models[kubectlModel] as Model, instance.service, instance.environment);
      expect(registered, `${id}: no Pulumi stack registered it`).toBeDefined();
      expect(manifests.length, `${id}: no kubectl manifests`).toBeGreaterThan(0);
      expect(sortObjects(registered ?? []), id).toEqual(sortObjects(manifests));
    }
    expect(other.services.map((s) => s.name)).toEqual(model.services.map((s) => s.name));
  }
}

describe("a service's Pulumi stacks register exactly the objects of its kubectl manifests", () => {
  test("over the reference spec and the reference spec with every deployWith flipped", async () => {
    await expectParity(referenceSpecText());
  });

  test("over a spec with a ServiceAccount on the Pulumi cluster, optional objects left out and hostile config values, and its flip", async () => {
    await expectParity(richSpecText());
  });

  test.each(["wide", "minimal", "production"] as const)("over the %s fixture spec and its flip", async (name) => {
    await expectParity(fixtureSpecText(name));
  });

  test("changing Day's deployWith to kubectl moves it to manual_deploy/day/ with the objects its stacks registered", async () => {
    const [registered = new Map()] = await registeredObjects(referenceSpecText());
    const moved = modelOf(editSpec(referenceSpecText(), [[["services", "day", "deployWith"], "kubectl"]]));
    const appFiles = pulumiAppBackend.generate(moved, { specName: "foundation.yaml" }).map((f) => f.path);
    expect(appFiles.filter((p) => p.includes("Pulumi.day-"))).toEqual([]);
    expect(appFiles).toContain(`${PULUMI_DEPLOY_DIR}/Pulumi.dusk-production.yaml`);
    const kubectlFiles = kubectlBackend.generate(moved, { specName: "foundation.yaml" }).map((f) => f.path);
    for (const environment of ["prod", "rc"]) {
      expect(kubectlFiles).toContain(`gitops/manual_deploy/day/${environment}/deployment.yaml`);
      expect(sortObjects(kubectlObjects(moved, "day", environment))).toEqual(sortObjects(registered.get(`day/${environment}`) ?? []));
    }
  });
});
