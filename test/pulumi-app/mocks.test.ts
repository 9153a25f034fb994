import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import { providerName, resourceName, secretReadName } from "../../backends/pulumi-app/program/resource-names.js";
import type { Model } from "../../src/model/model.js";
import { MockProject, runAllSettled, type StackRun } from "../../src/pulumi/run-under-mocks.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { FAKE_KUBECONFIG, HOSTILE_CONFIG, instancesOf, provisioningOutputs, richSpecText } from "../helpers/pulumi-app-specs.js";
import { kubernetesObjects } from "../helpers/pulumi-projects.js";

interface DeploymentShape {
  spec: { replicas?: number; template: { spec: { containers: { image?: string }[] } } };
}

const K8S_PROVIDER = "pulumi:providers:kubernetes";
const STACK_REFERENCE = "pulumi:pulumi:StackReference";

interface Env {
  readonly model: Model;
  readonly project: MockProject;
  /** Every run of the batch, by `<stack>` (or `<stack>#<what>` for a repeat or an override): what it did, or how it failed. */
  readonly runs: Map<string, StackRun | Error>;
}

/** Runs the stacks of a spec's application project in one child process, each stack given its provisioning stack's outputs. */
async function setUp(text: string, extra: readonly { key: string; stack: string; config: Record<string, string | undefined> }[] = []): Promise<Env> {
  const model = modelOf(text);
  const project = MockProject.create(pulumiAppBackend.generate(model, { specName: "foundation.yaml" }), PULUMI_DEPLOY_DIR);
  const outputs = (stack: string) => {
    const instance = instancesOf(model).find((i) => i.stackName === stack);
    const cluster = model.clusters.find((c) => c.name === instance?.cluster);
    return cluster?.stackReference ? { [cluster.stackReference]: provisioningOutputs(model, cluster.name) } : {};
  };
  const batch = [
    ...instancesOf(model)
      .filter((i) => i.deployWith === "pulumi")
      .map((i) => ({ key: i.stackName, stack: i.stackName, config: {} })),
    ...extra,
  ];
  const done = await runAllSettled(batch.map(({ stack, config }) => ({ project, stack, config, stackOutputs: outputs(stack) })));
  return { model, project, runs: new Map(batch.map((b, index) => [b.key, done[index] as StackRun | Error])) };
}

function runOf(env: Env, key: string): StackRun {
  const run = env.runs.get(key);
  if (!run) throw new Error(`no run ${key}`);
  if (run instanceof Error) throw run;
  return run;
}

describe("the reference spec's stacks under Pulumi's mocks", () => {
  let env: Env;
  beforeAll(async () => {
    env = await setUp(referenceSpecText(), [
      { key: "day-production#again", stack: "day-production", config: {} },
      { key: "dusk-rc#again", stack: "dusk-rc", config: {} },
      { key: "day-production#changed", stack: "day-production", config: { "foundation-deploy:image_tag": "v9.9.9", "foundation-deploy:replicas": "7" } },
      { key: "day-rc#no-image-tag", stack: "day-rc", config: { "foundation-deploy:image_tag": undefined } },
    ]);
  });
  afterAll(() => env.project.dispose());

  test("each of the four stacks registers its service's objects, named as in the YAML, in its environment's namespace, and never a Namespace", () => {
    const expected: Record<string, string> = { "day-production": "production", "day-rc": "rc", "dusk-production": "production", "dusk-rc": "rc" };
    const kinds: Record<string, string[]> = {
      "day-production": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"],
      "day-rc": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Service"],
      "dusk-production": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"],
      "dusk-rc": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"],
    };
    for (const [stack, namespace] of Object.entries(expected)) {
      const service = stack.split("-")[0] as string;
      const resources = runOf(env, stack).resources;
      expect(resources.filter((r) => r.type === "kubernetes:core/v1:Namespace"), stack).toEqual([]);
      const objects = kubernetesObjects(resources);
      expect(objects.map((o) => o.kind).sort(), stack).toEqual(kinds[stack]);
      for (const object of objects) {
        const metadata = object.metadata as { name: string; namespace?: string };
        expect(metadata.namespace, `${stack} ${String(object.kind)}`).toBe(namespace);
        expect(metadata.name).toBe(object.kind === "ConfigMap" ? `${service}-config` : service);
      }
    }
  });

  test("resource names and types are the ones resource-names.ts documents (pulumi import relies on them)", () => {
    const kinds = runOf(env, "day-production").resources.map((r) => [r.type, r.name]);
    expect(kinds.sort()).toEqual(
      [
        ["kubernetes:apps/v1:Deployment", "day-deployment"],
        ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "day-hpa"],
        ["kubernetes:core/v1:ConfigMap", "day-config-map"],
        ["kubernetes:core/v1:Service", "day-service"],
        ["kubernetes:networking.k8s.io/v1:Ingress", "day-ingress"],
        ["kubernetes:policy/v1:PodDisruptionBudget", "day-pdb"],
        [K8S_PROVIDER, "trantor"],
      ].sort(),
    );
    expect([resourceName("day", "PodDisruptionBudget"), secretReadName("dusk", "dusk-api"), providerName("trantor")]).toEqual(["day-pdb", "dusk-secret-dusk-api", "trantor"]);
  });

  test("a stack reads every Secret its pods reference before the Deployment", () => {
    const resources = runOf(env, "dusk-rc").resources;
    const reads = resources.filter((r) => r.readId !== undefined && r.type.startsWith("kubernetes:"));
    expect(reads.map((r) => [r.type, r.name, r.readId])).toEqual([["kubernetes:core/v1:Secret", "dusk-secret-dusk-api", "rc/dusk-api"]]);
    const deployment = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment");
    expect(resources.indexOf(reads[0] as (typeof resources)[number])).toBeLessThan(resources.indexOf(deployment as (typeof resources)[number]));
    expect(runOf(env, "day-rc").resources.filter((r) => r.readId !== undefined)).toEqual([]);
  });

  test("Day (eksctl cluster) pins the kubeconfig context the eksctl scripts write, and reads no stack", () => {
    for (const stack of ["day-production", "day-rc"]) {
      const resources = runOf(env, stack).resources;
      const providers = resources.filter((r) => r.type === K8S_PROVIDER);
      expect(providers.map((p) => p.name)).toEqual(["trantor"]);
      for (const provider of providers) expect(provider.inputs.context, provider.name).toBe("trantor.us-east-1");
      expect(env.model.clusters.find((c) => c.name === "trantor")?.kubeconfigContext).toBe("trantor.us-east-1");
      expect(resources.filter((r) => r.type === STACK_REFERENCE)).toEqual([]);
    }
  });

  test("Dusk (Pulumi cluster) reads its kubeconfig, kept secret, from the provisioning stack", () => {
    for (const stack of ["dusk-production", "dusk-rc"]) {
      const resources = runOf(env, stack).resources;
      const references = resources.filter((r) => r.type === STACK_REFERENCE);
      expect(references.map((r) => r.inputs.name)).toEqual(["organization/foundation-provisioning/production"]);
      const providers = resources.filter((r) => r.type === K8S_PROVIDER);
      expect(providers.map((p) => p.name)).toEqual(["terminus"]);
      for (const provider of providers) {
        expect(provider.secrets, provider.name).toContain("kubeconfig");
        expect(provider.inputs.kubeconfig).toBe(FAKE_KUBECONFIG);
        expect(provider.inputs.context).toBeUndefined();
      }
    }
  });

  test("every Kubernetes resource uses the stack's one explicit provider, which never takes over an existing object", () => {
    for (const stack of ["day-production", "dusk-rc"]) {
      const resources = runOf(env, stack).resources;
      const cluster = stack.startsWith("day") ? "trantor" : "terminus";
      const provider = resources.find((r) => r.type === K8S_PROVIDER && r.name === cluster);
      expect(provider?.inputs.upsertExistingObjects).toBeUndefined();
      for (const resource of resources.filter((r) => r.type.startsWith("kubernetes:"))) {
        expect(resource.provider, resource.name).toBe(`${cluster}`);
      }
    }
  });

  test("resource names are unique within a stack and the same on every run", () => {
    for (const stack of ["day-production", "dusk-rc"]) {
      const first = runOf(env, stack).resources;
      expect(new Set(first.map((r) => r.name)).size).toBe(first.length);
      const again = runOf(env, `${stack}#again`).resources;
      expect(again.map((r) => [r.type, r.name]).sort()).toEqual(first.map((r) => [r.type, r.name]).sort());
      expect(again).toEqual(first);
    }
  });

  test("changing image_tag in the stack config changes exactly the Deployment's image; an autoscaled Deployment has no replicas to change", () => {
    const before = kubernetesObjects(runOf(env, "day-production").resources);
    const after = kubernetesObjects(runOf(env, "day-production#changed").resources);
    expect(after.filter((o) => o.kind !== "Deployment")).toEqual(before.filter((o) => o.kind !== "Deployment"));
    const deployment = (objects: Record<string, unknown>[]) => structuredClone(objects.find((o) => o.kind === "Deployment")) as unknown as DeploymentShape;
    const [old, changed] = [deployment(before), deployment(after)];
    expect(old.spec.replicas).toBeUndefined();
    expect(changed.spec.replicas).toBeUndefined();
    expect(changed.spec.template.spec.containers[0]?.image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v9.9.9");
    expect(old.spec.template.spec.containers[0]?.image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v2.4.0");
    delete changed.spec.template.spec.containers[0]?.image;
    delete old.spec.template.spec.containers[0]?.image;
    expect(changed).toEqual(old);
  });

  test("an unknown stack fails with a message naming the project's stacks", async () => {
    await expect(env.project.run("day-staging")).rejects.toThrow('unknown stack "day-staging": this project deploys the stacks day-production, day-rc, dusk-production, dusk-rc');
  });

  test("a stack without its image_tag config fails rather than deploying a guess", () => {
    const failed = env.runs.get("day-rc#no-image-tag");
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/image_tag/);
  });
});

describe("a richer spec under Pulumi's mocks", () => {
  let env: Env;
  beforeAll(async () => {
    const project = modelOf(richSpecText()).project.deployProject;
    env = await setUp(richSpecText(), [
      { key: "day-production#replicas", stack: "day-production", config: { [`${project}:replicas`]: "7" } },
      { key: "day-production#no-replicas", stack: "day-production", config: { [`${project}:replicas`]: undefined } },
    ]);
  });
  afterAll(() => env.project.dispose());

  test("hostile config values reach the ConfigMap verbatim", () => {
    for (const stack of ["day-production", "day-rc", "dusk-rc"]) {
      const configMap = kubernetesObjects(runOf(env, stack).resources).find((o) => o.kind === "ConfigMap") as { data: Record<string, string> };
      const instance = instancesOf(env.model).find((i) => i.stackName === stack);
      expect(configMap.data).toEqual(instance?.config);
      expect(configMap.data).toMatchObject(HOSTILE_CONFIG);
    }
  });

  test("on a Pulumi cluster the stack creates the ServiceAccount, annotated with the role ARN the provisioning stack exports", () => {
    const resources = runOf(env, "dusk-production").resources;
    const account = kubernetesObjects(resources).find((o) => o.kind === "ServiceAccount") as { metadata: { name: string; annotations: Record<string, string> } };
    const binding = env.model.clusters.find((c) => c.name === "terminus")?.irsa.find((b) => b.owner.kind === "service" && b.owner.service === "dusk" && b.namespace === "production");
    expect(binding?.roleArnOutput).toBe("irsa_role_arn__production__dusk");
    expect(account.metadata.name).toBe("dusk");
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(`arn:aws:iam::210987654321:role/${binding?.roleName}`);
    expect(resources.find((r) => r.name === "dusk-service-account")?.type).toBe("kubernetes:core/v1:ServiceAccount");
    // The pods carry the role too: a new role (renamed, replaced) rolls them instead of leaving them on one that is gone.
    const deployment = kubernetesObjects(resources).find((o) => o.kind === "Deployment") as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(deployment.spec.template.metadata.annotations["foundation.dev/irsa-role-arn"]).toBe(`arn:aws:iam::210987654321:role/${binding?.roleName}`);
  });

  test("a service on an eksctl cluster refers to the ServiceAccount eksctl creates, and a service without Ingress or HPA registers neither", () => {
    const objects = kubernetesObjects(runOf(env, "day-production").resources);
    expect(objects.map((o) => o.kind).sort()).toEqual(["ConfigMap", "Deployment", "PodDisruptionBudget", "Service"]);
    const deployment = objects.find((o) => o.kind === "Deployment") as { spec: { template: { spec: { serviceAccountName?: string } } } };
    expect(deployment.spec.template.spec.serviceAccountName).toBe("day");
  });

  test("without autoscaling, replicas in the stack config changes exactly the Deployment's replicas", () => {
    const before = kubernetesObjects(runOf(env, "day-production").resources);
    const after = kubernetesObjects(runOf(env, "day-production#replicas").resources);
    expect(after.filter((o) => o.kind !== "Deployment")).toEqual(before.filter((o) => o.kind !== "Deployment"));
    const deployment = (objects: Record<string, unknown>[]) => structuredClone(objects.find((o) => o.kind === "Deployment")) as unknown as DeploymentShape;
    const [old, changed] = [deployment(before), deployment(after)];
    expect([old.spec.replicas, changed.spec.replicas]).toEqual([3, 7]);
    delete old.spec.replicas;
    delete changed.spec.replicas;
    expect(changed).toEqual(old);
    expect(env.runs.get("day-production#no-replicas")).toBeInstanceOf(Error);
    expect(String(env.runs.get("day-production#no-replicas"))).toMatch(/replicas/);
  });
});
