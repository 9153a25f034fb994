import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { kubectlBackend } from "../../backends/kubectl/index.js";
import type { Model, ServiceInstance } from "../../src/model/model.js";
import { modelOf, referenceSpecText, ROOT } from "./compile.js";
import { editSpec } from "./spec-edit.js";

/** Config values no program may mangle: quotes, backslashes, template syntax, newlines, comment closers. */
export const HOSTILE_CONFIG: Readonly<Record<string, string>> = {
  HOSTILE_BACKSLASH: "C:\\temp\\new\\",
  HOSTILE_COMMENT: "*/ throw new Error('injected'); /*",
  HOSTILE_NEWLINES: "line one\nline two\r\n\tindented",
  HOSTILE_QUOTES: `he said "hi" and 'bye'`,
  HOSTILE_TEMPLATE: "${process.exit(1)} `whoami` $(id) #{x}",
  HOSTILE_UNICODE: "snow \u2603 line\u2028separator",
};

/** A valid fixture spec (`test/fixtures/valid/<name>.yaml`). */
export function fixtureSpecText(name: "wide" | "minimal" | "production"): string {
  return readFileSync(join(ROOT, "test", "fixtures", "valid", `${name}.yaml`), "utf8");
}

/** The spec with every service's `deployWith` flipped (kubectl <-> pulumi). */
export function flipDeployWith(text: string): string {
  const model = modelOf(text);
  return editSpec(
    text,
    model.services.map((s) => [["services", s.name, "deployWith"], s.deployWith === "pulumi" ? "kubectl" : "pulumi"]),
  );
}

/**
 * The reference spec, richer: Dusk (on the Pulumi cluster Terminus) has a ServiceAccount, Terminus
 * an accountId (so the flipped spec compiles), Day has neither Ingress nor HPA, and Day and Dusk
 * carry hostile config values.
 */
export function richSpecText(): string {
  return editSpec(referenceSpecText(), [
    [["clusters", "terminus", "accountId"], "210987654321"],
    [["services", "dusk", "serviceAccount"], { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"] }],
    [["services", "day", "ingress"], undefined],
    [["services", "day", "environments", "rc", "ingress"], undefined],
    [["services", "day", "autoscaling"], undefined],
    [["services", "day", "environments", "rc", "autoscaling"], undefined],
    ...Object.entries(HOSTILE_CONFIG).flatMap(([key, value]) => [
      [["services", "day", "config", key], value] as const,
      [["services", "dusk", "environments", "rc", "config", key], value] as const,
    ]),
  ]);
}

/** Every instance of the model's services. */
export function instancesOf(model: Model): ServiceInstance[] {
  return model.services.flatMap((s) => s.instances);
}

/** The manifests the kubectl backend writes for one service in one environment, parsed. */
export function kubectlObjects(model: Model, service: string, environment: string): Record<string, unknown>[] {
  const dir = `gitops/manual_deploy/${service}/${environment}/`;
  return kubectlBackend
    .generate(model, { specName: "foundation.yaml" })
    .filter((f) => f.path.startsWith(dir))
    .map((f) => parse(f.content) as Record<string, unknown>);
}

/** A fake kubeconfig a provisioning stack would export. */
export const FAKE_KUBECONFIG = '{"apiVersion":"v1","kind":"Config","clusters":[]}';

/**
 * The outputs of a cluster's provisioning stack, as the infrastructure layer exports them: the kubeconfig
 * and, per IRSA binding, the ARN of the role named `binding.roleName`.
 */
export function provisioningOutputs(model: Model, clusterName: string): Record<string, string> {
  const cluster = model.clusters.find((c) => c.name === clusterName);
  if (!cluster) throw new Error(`no cluster ${clusterName}`);
  const account = cluster.accountId ?? "000000000000";
  return {
    kubeconfig: FAKE_KUBECONFIG,
    cluster_name: cluster.name,
    ...Object.fromEntries(cluster.irsa.map((b) => [b.roleArnOutput, `arn:aws:iam::${account}:role/${b.roleName}`])),
  };
}

/** Objects sorted by kind and name, to compare lists. */
export function sortObjects(objects: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (o: Record<string, unknown>) => `${String(o.kind)}/${String((o.metadata as { name?: string } | undefined)?.name)}`;
  return [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
