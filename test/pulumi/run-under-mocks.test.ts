import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { PROVISIONING_PULUMI_DIR, PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { findPulumiModules, MockProject, PulumiUnavailableError } from "../../src/pulumi/run-under-mocks.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";

const files = generate(modelOf(referenceSpecText()), "foundation.yaml", BACKENDS);

describe("runUnderMocks: a generated Pulumi project run stack by stack in a child process", () => {
  test("the application project registers the stack's Kubernetes objects, with its config and overrides", async () => {
    const project = MockProject.create(files, PULUMI_DEPLOY_DIR);
    try {
      expect(project.project).toBe("foundation-deploy");
      expect(project.stackConfig("day-rc")).toEqual({ "foundation-deploy:image_tag": "v2.5.0-rc.2" });
      const [plain, overridden] = await Promise.all([
        project.run("day-rc"),
        project.run("day-rc", { config: { "foundation-deploy:replicas": "4", "foundation-deploy:image_tag": "v9" } }),
      ]);
      const deployment = (resources: typeof plain) => resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")?.inputs as any;
      expect(deployment(plain).spec.replicas).toBeUndefined();
      expect(deployment(plain).spec.template.spec.containers[0].image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v2.5.0-rc.2");
      expect(deployment(overridden).spec.replicas).toBeUndefined();
      expect(deployment(overridden).spec.template.spec.containers[0].image).toMatch(/:v9$/);
      expect(plain.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.provider)).toEqual(Array(5).fill("trantor"));
      expect(plain.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "trantor")?.inputs).toEqual({ context: "trantor" });
    } finally {
      project.dispose();
    }
    expect(existsSync(project.dir)).toBe(false);
  });

  test("a stack whose pods reference a Secret that does not exist fails at once, naming it", async () => {
    const project = MockProject.create(files, PULUMI_DEPLOY_DIR);
    try {
      const outputs = { "organization/foundation-provisioning/production": { kubeconfig: "KUBE" } };
      await expect(project.run("dusk-rc", { stackOutputs: outputs, absent: ["rc/dusk-api"] })).rejects.toThrow(/resource 'rc\/dusk-api' does not exist/);
    } finally {
      project.dispose();
    }
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
