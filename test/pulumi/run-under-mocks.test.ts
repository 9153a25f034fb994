import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { PROVISIONING_PULUMI_DIR, PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { findPulumiModules, MockProject, PulumiUnavailableError, runAllSettled, type RegisteredResource, type StackRun } from "../../src/pulumi/run-under-mocks.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";

const files = generate(modelOf(referenceSpecText()), "foundation.yaml", BACKENDS);

describe("runUnderMocks: a generated Pulumi project run stack by stack in a child process", () => {
  test("the application project registers the stack's Kubernetes objects, with its config and overrides", async () => {
    const project = MockProject.create(files, PULUMI_DEPLOY_DIR);
    try {
      expect(project.project).toBe("foundation-deploy");
      expect(project.stackConfig("day-rc")).toEqual({ "foundation-deploy:image_tag": "v2.5.0-rc.2", "foundation-deploy:replicas": "1" });
      const [plain, overridden] = (
        await project.runMany([{ stack: "day-rc" }, { stack: "day-rc", config: { "foundation-deploy:replicas": "4", "foundation-deploy:image_tag": "v9" } }])
      ).map((run) => [...run.resources]) as [RegisteredResource[], RegisteredResource[]];
      const deployment = (resources: typeof plain) => resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")?.inputs as any;
      expect(deployment(plain).spec.replicas).toBe(1);
      expect(deployment(plain).spec.template.spec.containers[0].image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v2.5.0-rc.2");
      expect(deployment(overridden).spec.replicas).toBe(4);
      expect(deployment(overridden).spec.template.spec.containers[0].image).toMatch(/:v9$/);
      expect(plain.find((r) => r.type === "kubernetes:core/v1:Namespace")?.provider).toBe("trantor-shared");
      expect(plain.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "trantor")?.inputs).toEqual({ context: "trantor" });
    } finally {
      project.dispose();
    }
    expect(existsSync(project.dir)).toBe(false);
  });

  test("a StackReference reads the fake outputs it is given", async () => {
    const project = MockProject.create(files, PULUMI_DEPLOY_DIR);
    try {
      const resources = await project.run("dusk-production", { stackOutputs: { "organization/foundation-provisioning/production": { kubeconfig: "KUBE" } } });
      expect(resources.find((r) => r.type === "pulumi:pulumi:StackReference")?.name).toBe("organization/foundation-provisioning/production");
      expect(resources.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "terminus")?.inputs).toEqual({ kubeconfig: "KUBE" });
    } finally {
      project.dispose();
    }
  });

  test("the provisioning project registers the cluster, its node groups and add-ons", async () => {
    const project = MockProject.create(files, PROVISIONING_PULUMI_DIR);
    try {
      const resources = await project.run("production");
      const types = new Set(resources.map((r) => r.type));
      for (const type of ["eks:index:Cluster", "aws:ec2/vpc:Vpc", "aws:eks/nodeGroup:NodeGroup", "kubernetes:helm.sh/v3:Release", "aws:iam/role:Role"]) expect(types).toContain(type);
      expect(resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup").map((r) => r.name).sort()).toEqual(["terminus-batch", "terminus-general"]);
    } finally {
      project.dispose();
    }
  });

  test("a program that fails reports its error, not a stack trace", async () => {
    const project = MockProject.create(files, PULUMI_DEPLOY_DIR);
    try {
      await expect(project.run("nobody-prod", { config: { "foundation-deploy:image_tag": "x", "foundation-deploy:replicas": "1" } })).rejects.toThrow(/unknown stack "nobody-prod"/);
    } finally {
      project.dispose();
    }
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
