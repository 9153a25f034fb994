import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { kubectlBackend } from "../../backends/kubectl/index.js";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import { modelFromText } from "../../src/compile/load-model.js";
import type { Model } from "../../src/model/model.js";
import { generatedNotice } from "../../src/render/header.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateSpec } from "../../bench/generate-spec.js";
import { PULUMI_PACKAGES } from "../../src/render/pulumi-packages.js";
import { filesOf, modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { HOSTILE_CONFIG, instancesOf, richSpecText } from "../helpers/pulumi-app-specs.js";
import { editSpec } from "../helpers/spec-edit.js";

const CONTEXT = { specName: "foundation.yaml" };

/** The program's modules, as the repository holds them. */
const PROGRAM_MODULES = readdirSync(join(ROOT, "backends", "pulumi-app", "program")).filter((name) => name.endsWith(".ts")).sort();

function files(model: Model): Map<string, string> {
  return new Map(pulumiAppBackend.generate(model, CONTEXT).map((f) => [f.path.slice(PULUMI_DEPLOY_DIR.length + 1), f.content]));
}

describe("the Pulumi application project of the reference spec", () => {
  const model = modelOf(referenceSpecText());
  const project = files(model);

  test("is one project in gitops/pulumi_deploy with one stack per pulumi service and environment, each with its data file", () => {
    expect([...project.keys()].sort()).toEqual(
      [
      "Pulumi.day-production.yaml",
      "Pulumi.day-rc.yaml",
      "Pulumi.dusk-production.yaml",
      "Pulumi.dusk-rc.yaml",
      "Pulumi.yaml",
      ...PROGRAM_MODULES,
      "package.json",
      "stacks/day-production.ts",
      "stacks/day-rc.ts",
      "stacks/dusk-production.ts",
      "stacks/dusk-rc.ts",
      "tsconfig.json",
      ].sort(),
    );
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

  test("package.json pins exactly the packages the program imports (besides Node's own)", () => {
    const pkg = JSON.parse(project.get("package.json") ?? "") as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe("foundation-deploy");
    expect(pkg.dependencies).toEqual({ "@pulumi/kubernetes": PULUMI_PACKAGES["@pulumi/kubernetes"], "@pulumi/pulumi": PULUMI_PACKAGES["@pulumi/pulumi"] });
    const sources = [...project].filter(([name]) => name.endsWith(".ts")).map(([, text]) => text);
    const imports = new Set(sources.flatMap((text) => [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1] as string)));
    expect([...imports].filter((i) => !i.startsWith(".") && !["fs", "path"].includes(i)).sort()).toEqual(Object.keys(pkg.dependencies));
  });

  test("the program is the repository's backends/pulumi-app/program/ as it is, under the generated-file notice", () => {
    for (const name of PROGRAM_MODULES) {
      const source = readFileSync(join(ROOT, "backends", "pulumi-app", "program", name), "utf8");
      expect(project.get(name), name).toBe(`// ${generatedNotice("foundation.yaml")}\n${source}`);
    }
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

  test("a stack's data file holds its service's objects without the values decided at deploy time", () => {
    const data = project.get("stacks/day-production.ts") ?? "";
    expect(data).toContain('import type { AppStack } from "../app-stack";');
    expect(data).toContain('kind: "Deployment"');
    expect(data).not.toMatch(/v2\.4\.0|replicas: \d/);
    expect(data).toContain('repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/day",');
    expect(data).not.toMatch(/"day-rc"|"dusk/);
  });

  test("is the same on every run", () => {
    expect(files(modelOf(referenceSpecText()))).toEqual(project);
  });

  test("follows metadata.name for the project and its config keys", () => {
    const renamed = files(modelOf(editSpec(referenceSpecText(), [[["metadata", "name"], "acme"]])));
    expect(parse(renamed.get("Pulumi.yaml") ?? "")).toMatchObject({ name: "acme-deploy" });
    expect(Object.keys((parse(renamed.get("Pulumi.dusk-rc.yaml") ?? "") as { config: object }).config)).toEqual(["acme-deploy:image_tag"]);
    expect(renamed.get("stacks/dusk-rc.ts")).toContain('stackReference: "organization/acme-provisioning/production"');
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
    const data = files(modelOf(richSpecText())).get("stacks/day-production.ts") ?? "";
    for (const [key, value] of Object.entries(HOSTILE_CONFIG)) expect(data).toContain(`${key}: ${JSON.stringify(value)},`);
    expect(data).not.toMatch(/\n[^\n"]*\$\{process\.exit/);
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
    expect([...app.keys()].filter((p) => p.startsWith("stacks/"))).toEqual(["stacks/day-production.ts", "stacks/day-rc.ts"]);
    const manifests = new Map(kubectlBackend.generate(model, CONTEXT).map((f) => [f.path, f.content]));
    for (const [environment, namespace] of [["prod", "production"], ["rc", "rc"]] as const) {
      const account = parse(manifests.get(`gitops/manual_deploy/dusk/${environment}/serviceaccount.yaml`) ?? "") as { metadata: { annotations: Record<string, string> } };
      expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(`arn:aws:iam::210987654321:role/terminus.${namespace}.dusk.us-east-1`);
      const deployment = parse(manifests.get(`gitops/manual_deploy/dusk/${environment}/deployment.yaml`) ?? "") as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
      expect(deployment.spec.template.metadata.annotations["foundation.dev/irsa-role-arn"]).toBe(account.metadata.annotations["eks.amazonaws.com/role-arn"]);
    }
  });

  test("needs the cluster's accountId to write the role ARN into YAML", () => {
    const result = modelFromText("foundation.yaml", withAccount(undefined));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join("\n")).toMatch(/accountId/);
  });
});

describe("the program does not grow with the spec", () => {
  test("index.ts and the other program modules are the same for the reference spec and the benchmark's spec of 1,000 services", () => {
    const reference = files(modelOf(referenceSpecText()));
    const large = files(modelOf(generateSpec({ services: 1000 })));
    const stacks = (project: Map<string, string>) => [...project.keys()].filter((p) => p.startsWith("stacks/")).length;
    expect(stacks(reference)).toBe(4);
    expect(stacks(large)).toBeGreaterThan(500);
    for (const name of PROGRAM_MODULES) expect(large.get(name), name).toBe(reference.get(name));
    expect(Buffer.byteLength(large.get("index.ts") ?? "")).toBe(Buffer.byteLength(reference.get("index.ts") ?? ""));
  });

  test("changing one service's image tag in one environment changes that stack's files only", () => {
    const before = new Map([...filesOf(referenceSpecText())].map(([path, f]) => [path, f.content]));
    const edited = editSpec(referenceSpecText(), [[["services", "dusk", "environments", "prod", "imageTag"], "v0.9.2"]]);
    const after = new Map([...filesOf(edited)].map(([path, f]) => [path, f.content]));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    expect(changed).toEqual([`${PULUMI_DEPLOY_DIR}/Pulumi.dusk-production.yaml`]);
    expect(parse(after.get(changed[0] as string) ?? "")).toEqual({ config: { "foundation-deploy:image_tag": "v0.9.2" } });
  });
});
