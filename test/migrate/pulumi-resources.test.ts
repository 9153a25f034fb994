import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { manualDeployDir, PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { topLevelUrn } from "../../src/plan/pulumi-app-plan.js";
import { MockProject, runAll, type StackRun } from "../../src/pulumi/run-under-mocks.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { planOf, scenarioSpec, shellArray } from "./support.js";

interface ImportFile {
  nameTable: Record<string, string>;
  resources: { type: string; name: string; id: string; provider?: string; parent?: string }[];
}

const reference = referenceSpecText();
const toPulumi = scenarioSpec("dawn-to-pulumi");
const toKubectl = scenarioSpec("day-to-kubectl");
const files = (text: string) => generate(modelOf(text), "foundation.yaml", BACKENDS);
let head: MockProject;
let base: MockProject;
let adopting: StackRun;
let releasing: StackRun;

// One mock run for both: the stack that adopts dawn@prod (its program after the change) and the stack that
// lets go of day@prod (its program before the change).
beforeAll(async () => {
  head = MockProject.create(files(toPulumi), PULUMI_DEPLOY_DIR);
  base = MockProject.create(files(reference), PULUMI_DEPLOY_DIR);
  [adopting, releasing] = (await runAll([
    { project: head, stack: "dawn-production" },
    { project: base, stack: "day-production" },
  ])) as [StackRun, StackRun];
});
afterAll(() => {
  head?.dispose();
  base?.dispose();
});

const kubernetes = (run: StackRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:"));

describe("kubectl -> Pulumi: the import file against the stack run under Pulumi's mocks", () => {
  const plan = planOf(reference, toPulumi);
  const file = JSON.parse(plan.get("dawn-prod/import-dawn-production.json")?.content ?? "null") as ImportFile;

  it("lists exactly the Kubernetes resources the stack creates, one for one, by type, name and provider (its Secret reads excluded)", () => {
    const created = kubernetes(adopting).filter((r) => r.readId === undefined);
    const provider = (name: string | undefined) => (name === undefined ? undefined : file.nameTable[name]?.split("::").at(-1));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(file.resources.map((r) => ({ type: r.type, name: r.name, provider: provider(r.provider) })).sort(byName)).toEqual(
      created.map((r) => ({ type: r.type, name: r.name, provider: r.provider })).sort(byName),
    );
    expect(new Set(file.resources.map((r) => r.name)).size).toBe(file.resources.length);
    expect(kubernetes(adopting).filter((r) => r.readId !== undefined).map((r) => r.name)).toEqual(["dawn-secret-dawn-db"]);
    expect(file.resources.every((r) => r.parent === undefined)).toBe(true);
  });

  it("references the provider the stack registers by its URN", () => {
    const providers = adopting.resources.filter((r) => r.type === "pulumi:providers:kubernetes").map((r) => r.name);
    expect(providers).toEqual(["trantor"]);
    expect(Object.values(file.nameTable)).toEqual([topLevelUrn("dawn-production", "foundation-deploy", "pulumi:providers:kubernetes", "trantor")]);
  });

  it("gives each the ID <namespace>/<name> of the object in the YAML it replaces", () => {
    const dir = manualDeployDir("dawn", "prod");
    const yaml = files(reference)
      .filter((f) => f.path.startsWith(`${dir}/`))
      .map((f) => parse(f.content) as { apiVersion: string; kind: string; metadata: { name: string; namespace: string } });
    expect(yaml.length).toBe(file.resources.length);
    for (const resource of file.resources) {
      const object = yaml.find((o) => resource.type.endsWith(`/${o.apiVersion.split("/").at(-1)}:${o.kind}`));
      expect(object, resource.name).toBeDefined();
      expect(resource.id, resource.name).toBe(`${object?.metadata.namespace}/${object?.metadata.name}`);
    }
  });
});

describe("Pulumi -> kubectl: the URNs the stack lets go of, against the stack run under Pulumi's mocks", () => {
  const plan = planOf(reference, toKubectl);
  const urns = shellArray(plan.get("day-prod/release-from-pulumi.sh")?.content ?? "", "urns");

  it("are exactly the stack's Kubernetes resources, provider and stack excluded", () => {
    const registered = kubernetes(releasing).map((r) => topLevelUrn("day-production", "foundation-deploy", r.type, r.name));
    expect(registered.length).toBeGreaterThan(4);
    expect([...urns].sort()).toEqual([...registered].sort());
    expect(new Set(urns).size).toBe(urns.length);
    expect(urns.some((u) => u.includes("pulumi:providers:") || u.includes("pulumi:pulumi:Stack"))).toBe(false);
  });

  it("release the Deployment before what it depends on, so that pulumi state delete needs no --target-dependents", () => {
    const at = (suffix: string) => urns.findIndex((u) => u.endsWith(suffix));
    expect(at("::day-deployment")).toBeGreaterThanOrEqual(0);
    expect(at("::day-deployment")).toBeLessThan(at("::day-config-map"));
  });
});
