import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { GeneratedFile } from "../../src/backend.js";
import { eksctlBackend } from "../../backends/eksctl/index.js";
import { modelOf, ROOT } from "../helpers/compile.js";
import { prerequisite, toolPath } from "../helpers/prerequisite.js";
import { editSpec } from "../helpers/spec-edit.js";

/** eksctl's own schema and example configs (../shared/reference/eksctl), when the checkout has them. */
export const UPSTREAM_DIR = join(ROOT, "..", "shared", "reference", "eksctl");
export const UPSTREAM_SCHEMA = join(UPSTREAM_DIR, "clusterconfig.schema.json");
export const PROJECT_SCHEMA = join(ROOT, "schemas", "eksctl-clusterconfig.schema.json");

export { prerequisite };

export const BASH = toolPath("bash");
export const SHELLCHECK = BASH ? toolPath("shellcheck") : undefined;

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The eksctl backend's files for a spec, by path. */
export function eksctlFiles(specText: string): Map<string, GeneratedFile> {
  return new Map(eksctlBackend.generate(modelOf(specText), { specName: "foundation.yaml" }).map((f) => [f.path, f]));
}

/** Whether a generated file is a cluster's namespaces manifest (`namespaces-<cluster>.yaml`), not its ClusterConfig. */
export function isNamespacesFile(path: string): boolean {
  return /(^|\/)namespaces-[^/]+\.yaml$/.test(path);
}

/** The parsed ClusterConfigs among generated files, by cluster name. */
export function clusterConfigs(files: Map<string, GeneratedFile>): Map<string, Record<string, unknown>> {
  const configs = new Map<string, Record<string, unknown>>();
  for (const [path, file] of files) {
    if (!path.endsWith(".yaml") || isNamespacesFile(path)) continue;
    const config = parse(file.content) as Record<string, unknown> & { metadata: { name: string } };
    configs.set(config.metadata.name, config);
  }
  return configs;
}

/**
 * The reference spec plus a second eksctl cluster, gaia, that uses what trantor does not: another
 * region and account, tags, spot, labels, taints, highly available NAT, only one add-on, access entries
 * (one scoped to namespaces, one principal with every character IAM allows in a name), and a service with a serviceAccount.
 */
export function twoEksctlClustersSpec(base: string): string {
  return editSpec(base, [
    [
      ["clusters", "gaia"],
      {
        provisioner: "eksctl",
        region: "eu-west-1",
        accountId: "123456789012",
        kubernetesVersion: "1.34",
        tags: { team: "platform", "cost-center": "cc 42 / shared=yes" },
        vpc: { cidr: "10.4.0.0/16", natGateway: "highlyAvailable" },
        nodeGroups: {
          general: { instanceTypes: ["m5.large"], minSize: 1, desiredSize: 1, maxSize: 3, privateNetworking: false },
          batch: {
            instanceTypes: ["c5.xlarge", "c5a.xlarge"],
            capacityType: "spot",
            minSize: 0,
            desiredSize: 0,
            maxSize: 10,
            volumeSizeGiB: 100,
            labels: { workload: "batch", "example.com/tier": "2" },
            taints: [{ key: "workload", value: "batch", effect: "NoSchedule" }, { key: "dedicated", effect: "NoExecute" }],
          },
        },
        addons: { clusterAutoscaler: { chartVersion: "9.37.0-rc.1+build.7" } },
        access: [
          { principalArn: "arn:aws:iam::123456789012:role/platform-admins", policy: "cluster-admin" },
          { principalArn: "arn:aws:iam::123456789012:role/ci+deploy=bot,acme@example", policy: "view", namespaces: ["prod", "rc"] },
        ],
      },
    ],
    [
      ["services", "eos"],
      {
        cluster: "gaia",
        deployWith: "kubectl",
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/eos",
        port: 8080,
        serviceAccount: { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess", "arn:aws:iam::123456789012:policy/eos-extra"] },
        environments: { prod: { imageTag: "v1" }, rc: { imageTag: "v2" } },
      },
    ],
  ]);
}

/** The valid fixture specs of the project (test/fixtures/valid), less the reference spec's copy (tests name it). */
export function validFixtureSpecs(): string[] {
  const dir = join(ROOT, "test", "fixtures", "valid");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "reference.yaml").sort().map((f) => readFileSync(join(dir, f), "utf8")) : [];
}
