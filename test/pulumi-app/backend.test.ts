import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { kubectlBackend } from "../../backends/kubectl/index.js";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import { modelFromText } from "../../src/compile/load-model.js";
import type { Model } from "../../src/model/model.js";
import { generatedNotice } from "../../src/render/header.js";
import { PULUMI_PACKAGES } from "../../src/render/pulumi-packages.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { HOSTILE_CONFIG, instancesOf, richSpecText } from "../helpers/pulumi-app-specs.js";
import { editSpec } from "../helpers/spec-edit.js";

const CONTEXT = { specName: "foundation.yaml" };

function files(model: Model): Map<string, string> {
  return new Map(pulumiAppBackend.generate(model, CONTEXT).map((f) => [f.path.slice(PULUMI_DEPLOY_DIR.length + 1), f.content]));
}

describe("the Pulumi application project of the reference spec", () => {
  const model = modelOf(referenceSpecText());
  const project = files(model);

  test("is one project in gitops/pulumi_deploy with one stack per pulumi service and environment", () => {
    expect([...project.keys()].sort()).toEqual([
      "Pulumi.day-production.yaml",
      "Pulumi.day-rc.yaml",
      "Pulumi.dusk-production.yaml",
      "Pulumi.dusk-rc.yaml",
      "Pulumi.yaml",
      "index.ts",
      "package.json",
      "tsconfig.json",
    ]);
    expect(parse(project.get("Pulumi.yaml") ?? "")).toMatchObject({ name: "foundation-deploy", runtime: { name: "nodejs" } });
  });

  test("each stack's configuration holds its image tag, and its replica count only without autoscaling, under the project's namespace", () => {
    for (const instance of instancesOf(model).filter((i) => i.deployWith === "pulumi")) {
      const config = parse(project.get(`Pulumi.${instance.stackName}.yaml`) ?? "") as { config: unknown };
      expect(config.config, instance.stackName).toEqual({ "foundation-deploy:image_tag": instance.imageTag });
    }
    expect(parse(project.get("Pulumi.day-production.yaml") ?? "")).toEqual({ config: { "foundation-deploy:image_tag": "v2.4.0" } });
    const fixed = files(modelOf(editSpec(referenceSpecText(), [[["services", "day", "autoscaling"], undefined], [["services", "day", "environments", "rc", "autoscaling"], undefined]])));
    expect(parse(fixed.get("Pulumi.day-production.yaml") ?? "")).toEqual({ config: { "foundation-deploy:image_tag": "v2.4.0", "foundation-deploy:replicas": 3 } });
  });

  test("package.json pins exactly the Pulumi packages index.ts imports", () => {
    const pkg = JSON.parse(project.get("package.json") ?? "") as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe("foundation-deploy");
    expect(pkg.dependencies).toEqual({ "@pulumi/kubernetes": PULUMI_PACKAGES["@pulumi/kubernetes"], "@pulumi/pulumi": PULUMI_PACKAGES["@pulumi/pulumi"] });
    const imports = [...(project.get("index.ts") ?? "").matchAll(/from "([^"]+)"/g)].map((m) => m[1]).sort();
    expect(imports).toEqual(Object.keys(pkg.dependencies));
  });

  test("every file that can hold a comment says it is generated", () => {
    for (const [name, content] of project) {
      if (name === "tsconfig.json") continue;
      expect(content, name).toContain(generatedNotice("foundation.yaml"));
    }
    expect(project.get("index.ts")?.startsWith(`// ${generatedNotice("foundation.yaml")}\n`)).toBe(true);
  });

  test("no stack creates, adopts or deletes a Namespace, and the generated code says why", () => {
    const index = project.get("index.ts") ?? "";
    expect(index).not.toMatch(/Namespace\(|NamespaceArgs|upsertExistingObjects|kind: "Namespace"/);
    expect(index).toMatch(/\/\/ The namespace belongs to the cluster/);
  });

  test("is the same on every run", () => {
    expect(files(modelOf(referenceSpecText()))).toEqual(project);
  });

  test("follows metadata.name for the project and its config keys", () => {
    const renamed = files(modelOf(editSpec(referenceSpecText(), [[["metadata", "name"], "acme"]])));
    expect(parse(renamed.get("Pulumi.yaml") ?? "")).toMatchObject({ name: "acme-deploy" });
    expect(Object.keys((parse(renamed.get("Pulumi.dusk-rc.yaml") ?? "") as { config: object }).config)).toEqual(["acme-deploy:image_tag"]);
    expect(renamed.get("index.ts")).toContain('stackReference: "organization/acme-provisioning/production"');
  });

  test("is not written when no service deploys with Pulumi", () => {
    const text = editSpec(referenceSpecText(), [
      [["services", "day", "deployWith"], "kubectl"],
      [["services", "dusk", "deployWith"], "kubectl"],
    ]);
    expect(pulumiAppBackend.generate(modelOf(text), CONTEXT)).toEqual([]);
  });
});

describe("spec strings in the program", () => {
  test("hostile config values are written as escaped string literals", () => {
    const index = files(modelOf(richSpecText())).get("index.ts") ?? "";
    for (const [key, value] of Object.entries(HOSTILE_CONFIG)) expect(index).toContain(`${key}: ${JSON.stringify(value)},`);
    expect(index).not.toMatch(/\n[^\n"]*\$\{process\.exit/);
  });
});

describe("approach 3: a kubectl service on a Pulumi-provisioned cluster", () => {
  const withAccount = (accountId: string | undefined) =>
    editSpec(referenceSpecText(), [
      [["services", "dusk", "deployWith"], "kubectl"],
      [["services", "dusk", "serviceAccount"], { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }],
      [["clusters", "terminus", "accountId"], accountId],
    ]);

  test("compiles to manifests with the IRSA ServiceAccount, and leaves the Pulumi project to the other services", () => {
    const model = modelOf(withAccount("210987654321"));
    const app = files(model);
    expect([...app.keys()].filter((p) => p.startsWith("Pulumi.") && p !== "Pulumi.yaml").sort()).toEqual(["Pulumi.day-production.yaml", "Pulumi.day-rc.yaml"]);
    expect(app.get("index.ts")).not.toContain('"dusk-');
    const manifests = new Map(kubectlBackend.generate(model, CONTEXT).map((f) => [f.path, f.content]));
    for (const [environment, namespace] of [["prod", "production"], ["rc", "rc"]] as const) {
      const account = parse(manifests.get(`gitops/manual_deploy/dusk/${environment}/serviceaccount.yaml`) ?? "") as { metadata: { annotations: Record<string, string> } };
      expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(`arn:aws:iam::210987654321:role/terminus-${namespace}-dusk`);
    }
  });

  test("needs the cluster's accountId to write the role ARN into YAML", () => {
    const result = modelFromText("foundation.yaml", withAccount(undefined));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join("\n")).toMatch(/accountId/);
  });
});
