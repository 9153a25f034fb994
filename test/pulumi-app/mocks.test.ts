import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import type { Model } from "../../src/model/model.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { AppProjectRunner, isSecret, kubernetesObjects, plain, type RegisteredResource } from "../helpers/pulumi-app-mocks.js";
import { FAKE_KUBECONFIG, HOSTILE_CONFIG, instancesOf, provisioningOutputs, richSpecText } from "../helpers/pulumi-app-specs.js";

interface DeploymentShape {
  spec: { replicas?: number; template: { spec: { containers: { image?: string }[] } } };
}

const K8S_PROVIDER = "pulumi:providers:kubernetes";
const STACK_REFERENCE = "pulumi:pulumi:StackReference";

function setUp(text: string): { model: Model; runner: AppProjectRunner; run(stack: string, config?: Record<string, string>): Promise<RegisteredResource[]> } {
  const model = modelOf(text);
  const runner = AppProjectRunner.create(pulumiAppBackend.generate(model, { specName: "foundation.yaml" }), PULUMI_DEPLOY_DIR);
  const run = (stack: string, config?: Record<string, string>) => {
    const instance = instancesOf(model).find((i) => i.stackName === stack);
    const outputs = instance ? provisioningOutputs(model, instance.cluster) : {};
    return runner.run(stack, { provisioningOutputs: outputs, ...(config ? { config } : {}) });
  };
  return { model, runner, run };
}

describe("the reference spec's stacks under Pulumi's mocks", () => {
  let env: ReturnType<typeof setUp>;
  beforeAll(() => {
    env = setUp(referenceSpecText());
  });
  afterAll(() => env.runner.dispose());

  test("each of the four stacks registers its service's objects, named as in the YAML, in its environment's namespace, and never a Namespace", async () => {
    const expected: Record<string, string> = { "day-production": "production", "day-rc": "rc", "dusk-production": "production", "dusk-rc": "rc" };
    const kinds: Record<string, string[]> = {
      "day-production": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"],
      "day-rc": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Service"],
      "dusk-production": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"],
      "dusk-rc": ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "Service"],
    };
    for (const [stack, namespace] of Object.entries(expected)) {
      const service = stack.split("-")[0] as string;
      const resources = await env.run(stack);
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

  test("a stack reads every Secret its pods reference before the Deployment", async () => {
    const resources = await env.run("dusk-rc");
    const reads = resources.filter((r) => r.readId !== undefined && r.type.startsWith("kubernetes:"));
    expect(reads.map((r) => [r.type, r.readId])).toEqual([["kubernetes:core/v1:Secret", "rc/dusk-api"]]);
    const deployment = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment");
    expect(resources.indexOf(reads[0] as RegisteredResource)).toBeLessThan(resources.indexOf(deployment as RegisteredResource));
    expect((await env.run("day-rc")).filter((r) => r.readId !== undefined)).toEqual([]);
    expect((await env.run("dusk-rc")).filter((r) => r.readId !== undefined).map((r) => r.type)).toEqual(["pulumi:pulumi:StackReference", "kubernetes:core/v1:Secret"]);
  });

  test("Day (eksctl cluster) pins the kubeconfig context the eksctl scripts write, and reads no stack", async () => {
    for (const stack of ["day-production", "day-rc"]) {
      const resources = await env.run(stack);
      const providers = resources.filter((r) => r.type === K8S_PROVIDER);
      expect(providers.map((p) => p.name)).toEqual(["trantor"]);
      for (const provider of providers) expect(provider.inputs.context, provider.name).toBe("trantor");
      expect(env.model.clusters.find((c) => c.name === "trantor")?.kubeconfigContext).toBe("trantor");
      expect(resources.filter((r) => r.type === STACK_REFERENCE)).toEqual([]);
    }
  });

  test("Dusk (Pulumi cluster) reads its kubeconfig, kept secret, from the provisioning stack", async () => {
    for (const stack of ["dusk-production", "dusk-rc"]) {
      const resources = await env.run(stack);
      const references = resources.filter((r) => r.type === STACK_REFERENCE);
      expect(references.map((r) => r.inputs.name)).toEqual(["organization/foundation-provisioning/production"]);
      const providers = resources.filter((r) => r.type === K8S_PROVIDER);
      expect(providers.map((p) => p.name)).toEqual(["terminus"]);
      for (const provider of providers) {
        expect(isSecret(provider.inputs.kubeconfig), provider.name).toBe(true);
        expect(plain(provider.inputs.kubeconfig)).toBe(FAKE_KUBECONFIG);
        expect(provider.inputs.context).toBeUndefined();
      }
    }
  });

  test("every Kubernetes resource uses the stack's one explicit provider, which never takes over an existing object", async () => {
    for (const stack of ["day-production", "dusk-rc"]) {
      const resources = await env.run(stack);
      const cluster = stack.startsWith("day") ? "trantor" : "terminus";
      const provider = resources.find((r) => r.type === K8S_PROVIDER && r.name === cluster);
      expect(provider?.inputs.upsertExistingObjects).toBeUndefined();
      for (const resource of resources.filter((r) => r.type.startsWith("kubernetes:"))) {
        expect(resource.provider, resource.name).toBe(`${provider?.urn}::${cluster}-id`);
      }
    }
  });

  test("resource names are unique within a stack and the same on every run", async () => {
    for (const stack of ["day-production", "dusk-rc"]) {
      const first = await env.run(stack);
      expect(new Set(first.map((r) => r.name)).size).toBe(first.length);
      const again = await env.run(stack);
      expect(again.map((r) => [r.type, r.name]).sort()).toEqual(first.map((r) => [r.type, r.name]).sort());
    }
  });

  test("changing image_tag in the stack config changes exactly the Deployment's image; an autoscaled Deployment has no replicas to change", async () => {
    const before = kubernetesObjects(await env.run("day-production"));
    const project = env.runner.project;
    const after = kubernetesObjects(await env.run("day-production", { [`${project}:image_tag`]: "v9.9.9", [`${project}:replicas`]: "7" }));
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
    await expect(env.runner.run("day-staging")).rejects.toThrow(
      'unknown stack "day-staging": this project deploys the stacks day-production, day-rc, dusk-production, dusk-rc',
    );
  });

  test("a stack without its image_tag config fails rather than deploying a guess", async () => {
    await expect(env.runner.run("day-rc", { config: { [`${env.runner.project}:image_tag`]: undefined } })).rejects.toThrow(/image_tag/);
  });
});

describe("a richer spec under Pulumi's mocks", () => {
  let env: ReturnType<typeof setUp>;
  beforeAll(() => {
    env = setUp(richSpecText());
  });
  afterAll(() => env.runner.dispose());

  test("hostile config values reach the ConfigMap verbatim", async () => {
    for (const stack of ["day-production", "day-rc", "dusk-rc"]) {
      const configMap = kubernetesObjects(await env.run(stack)).find((o) => o.kind === "ConfigMap") as { data: Record<string, string> };
      const instance = instancesOf(env.model).find((i) => i.stackName === stack);
      expect(configMap.data).toEqual(instance?.config);
      expect(configMap.data).toMatchObject(HOSTILE_CONFIG);
    }
  });

  test("on a Pulumi cluster the stack creates the ServiceAccount, annotated with the role ARN the provisioning stack exports", async () => {
    const resources = await env.run("dusk-production");
    const account = kubernetesObjects(resources).find((o) => o.kind === "ServiceAccount") as { metadata: { name: string; annotations: Record<string, string> } };
    const binding = env.model.clusters.find((c) => c.name === "terminus")?.irsa.find((b) => b.owner.kind === "service" && b.owner.service === "dusk" && b.namespace === "production");
    expect(binding?.roleArnOutput).toBe("irsa_role_arn__production__dusk");
    expect(account.metadata.name).toBe("dusk");
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(`arn:aws:iam::210987654321:role/${binding?.roleName}`);
  });

  test("a service on an eksctl cluster refers to the ServiceAccount eksctl creates, and a service without Ingress or HPA registers neither", async () => {
    const objects = kubernetesObjects(await env.run("day-production"));
    expect(objects.map((o) => o.kind).sort()).toEqual(["ConfigMap", "Deployment", "PodDisruptionBudget", "Service"]);
    const deployment = objects.find((o) => o.kind === "Deployment") as { spec: { template: { spec: { serviceAccountName?: string } } } };
    expect(deployment.spec.template.spec.serviceAccountName).toBe("day");
  });

  test("without autoscaling, replicas in the stack config changes exactly the Deployment's replicas", async () => {
    const project = env.runner.project;
    const before = kubernetesObjects(await env.run("day-production"));
    const after = kubernetesObjects(await env.run("day-production", { [`${project}:replicas`]: "7" }));
    expect(after.filter((o) => o.kind !== "Deployment")).toEqual(before.filter((o) => o.kind !== "Deployment"));
    const deployment = (objects: Record<string, unknown>[]) => structuredClone(objects.find((o) => o.kind === "Deployment")) as unknown as DeploymentShape;
    const [old, changed] = [deployment(before), deployment(after)];
    expect([old.spec.replicas, changed.spec.replicas]).toEqual([3, 7]);
    delete old.spec.replicas;
    delete changed.spec.replicas;
    expect(changed).toEqual(old);
    await expect(env.runner.run("day-production", { config: { [`${project}:replicas`]: undefined } })).rejects.toThrow(/replicas/);
  });
});
