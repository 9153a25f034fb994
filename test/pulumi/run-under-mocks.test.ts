import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { PROVISIONING_PULUMI_DIR, PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { findPulumiModules, MockProject, PulumiUnavailableError, runAllSettled, type RegisteredResource, type StackRun } from "../../src/pulumi/run-under-mocks.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";

const files = generate(modelOf(referenceSpecText()), "foundation.yaml", BACKENDS);

describe("MockProject: generated Pulumi projects run stack by stack in a child process", () => {
  const app = MockProject.create(files, PULUMI_DEPLOY_DIR);
  const infra = MockProject.create(files, PROVISIONING_PULUMI_DIR);
  const OVERRIDE = { "foundation-deploy:replicas": "4", "foundation-deploy:image_tag": "v9" };
  let results: (StackRun | Error)[] = [];
  const resourcesOf = (index: number): RegisteredResource[] => {
    const result = results[index];
    if (result === undefined || result instanceof Error) throw result ?? new Error(`no run ${index}`);
    return [...result.resources];
  };

  beforeAll(async () => {
    // One child process runs them all, one after the other: two projects, a failing stack among them.
    results = await runAllSettled([
      { project: app, stack: "day-rc" },
      { project: app, stack: "day-rc", config: OVERRIDE },
      { project: app, stack: "dusk-production", stackOutputs: { "organization/foundation-provisioning/production": { kubeconfig: "KUBE" } } },
      { project: infra, stack: "production" },
      { project: app, stack: "nobody-prod", config: { "foundation-deploy:image_tag": "x", "foundation-deploy:replicas": "1" } },
      { project: app, stack: "day-rc" },
      { project: app, stack: "dusk-rc", stackOutputs: { "organization/foundation-provisioning/production": { kubeconfig: "KUBE" } }, absent: ["rc/dusk-api"] },
    ]);
  });
  afterAll(() => {
    app.dispose();
    infra.dispose();
    expect(existsSync(app.dir)).toBe(false);
  });

  test("the application project registers the stack's Kubernetes objects, with its config and overrides", () => {
    expect(app.project).toBe("foundation-deploy");
    expect(app.stackConfig("day-rc")).toEqual({ "foundation-deploy:image_tag": "v2.5.0-rc.2" });
    const [plain, overridden] = [resourcesOf(0), resourcesOf(1)];
    const deployment = (resources: typeof plain) => resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")?.inputs as any;
    expect(deployment(plain).spec.replicas).toBeUndefined();
    expect(deployment(plain).spec.template.spec.containers[0].image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v2.5.0-rc.2");
    // The HorizontalPodAutoscaler owns the scale: no replicas config reaches the Deployment.
    expect(deployment(overridden).spec.replicas).toBeUndefined();
    expect(deployment(overridden).spec.template.spec.containers[0].image).toMatch(/:v9$/);
    expect(plain.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.provider)).toEqual(Array(5).fill("trantor"));
    expect(plain.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "trantor")?.inputs).toEqual({ context: "trantor.us-east-1" });
    expect((results[1] as StackRun).config).toEqual(OVERRIDE);
  });

  test("a stack reads the Secrets its pods reference; a missing one fails the run at once, naming it", () => {
    expect(resourcesOf(2).filter((r) => r.readId !== undefined && r.type.startsWith("kubernetes:")).map((r) => `${r.type} ${r.name} ${r.readId}`)).toEqual([
      "kubernetes:core/v1:Secret dusk-secret-dusk-api production/dusk-api",
    ]);
    expect(results[6]).toBeInstanceOf(Error);
    expect((results[6] as Error).message).toMatch(/resource 'rc\/dusk-api' does not exist/);
  });

  test("a StackReference reads the fake outputs it is given", () => {
    const resources = resourcesOf(2);
    expect(resources.find((r) => r.type === "pulumi:pulumi:StackReference")?.name).toBe("organization/foundation-provisioning/production");
    expect(resources.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "terminus")?.inputs).toEqual({ kubeconfig: "KUBE" });
  });

  test("the provisioning project registers the cluster, its node groups and add-ons, and exports its outputs", () => {
    const resources = resourcesOf(3);
    const types = new Set(resources.map((r) => r.type));
    for (const type of ["eks:index:Cluster", "aws:ec2/vpc:Vpc", "aws:eks/nodeGroup:NodeGroup", "kubernetes:helm.sh/v3:Release", "aws:iam/role:Role"]) expect(types).toContain(type);
    expect(resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup").map((r) => r.name).sort()).toEqual(["terminus-batch", "terminus-general"]);
    expect((results[3] as StackRun).secretOutputs).toEqual(["kubeconfig"]);
  });

  test("a program that fails reports its error, not a stack trace, and the runs after it are not affected", () => {
    const failed = results[4];
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/^stack nobody-prod of foundation-deploy failed under mocks: unknown stack "nobody-prod"/);
    expect((failed as Error).message).not.toMatch(/\n\s+at /);
    expect(resourcesOf(5)).toEqual(resourcesOf(0));
  });

  test("missing Pulumi packages are named, with how to install them", () => {
    expect(findPulumiModules(["@pulumi/pulumi"])).toMatch(/node_modules$/);
    expect(() => findPulumiModules(["@pulumi/pulumi", "@pulumi/not-installed"], "/")).toThrow(PulumiUnavailableError);
    expect(() => findPulumiModules(["@pulumi/not-installed"], "/")).toThrow(/npm install --no-save @pulumi\/not-installed/);
  });
});

describe("typeCheck: the program loaded as pulumi up loads it (Pulumi's ts-node, type-checking on)", () => {
  test("a stack's run type-checks index.ts and its own data file only", async () => {
    const broken = files.map((f) =>
      f.path === `${PULUMI_DEPLOY_DIR}/stacks/day-rc.ts` ? { ...f, content: f.content.replace("containerPort:", "containerPortt:") } : f,
    );
    const project = MockProject.create(broken, PULUMI_DEPLOY_DIR);
    try {
      const [fine, failed] = await runAllSettled(
        [
          { project, stack: "day-production" },
          { project, stack: "day-rc" },
        ],
        { typeCheck: true },
      );
      expect(fine).not.toBeInstanceOf(Error);
      expect((fine as StackRun).resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")?.name).toBe("day-deployment");
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toMatch(/stacks\/day-rc\.ts\(\d+,\d+\): error TS\d+: .*containerPortt/);
    } finally {
      project.dispose();
    }
  });
});
