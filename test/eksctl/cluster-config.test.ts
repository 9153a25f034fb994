import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type AnySchema } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { clusterAutoscalerPolicy } from "../../src/model/autoscaler-policy.js";
import { generatedNotice } from "../../src/render/header.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import {
  clusterConfigs,
  eksctlFiles,
  prerequisite,
  PROJECT_SCHEMA,
  readJson,
  twoEksctlClustersSpec,
  UPSTREAM_DIR,
  UPSTREAM_SCHEMA,
  validFixtureSpecs,
} from "./support.js";

type Json = Record<string, unknown>;

const reference = referenceSpecText();
const twoClusters = twoEksctlClustersSpec(reference);
const hasUpstream = prerequisite(existsSync(UPSTREAM_SCHEMA), `eksctl's schema and examples not found at ${UPSTREAM_DIR} (../shared is not checked out)`);
const allSpecs = [reference, twoClusters, ...validFixtureSpecs()];

function validator(schemaPath: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(readJson(schemaPath) as AnySchema);
  return (value: unknown): string[] =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe("eksctl ClusterConfig", () => {
  it("writes Trantor's ClusterConfig and scripts under provisioning/manual, and nothing for pulumi clusters", () => {
    expect([...eksctlFiles(reference).keys()].sort()).toEqual([
      "provisioning/manual/create-trantor-cluster.sh",
      "provisioning/manual/install-addons-trantor.sh",
      "provisioning/manual/install-alb-controller-trantor.sh",
      "provisioning/manual/install-cluster-autoscaler-trantor.sh",
      "provisioning/manual/install-metrics-server-trantor.sh",
      "provisioning/manual/namespaces-trantor.yaml",
      "provisioning/manual/trantor.yaml",
    ]);
  });

  it("writes both sets for two eksctl clusters, without collisions, scripts executable and configs not", () => {
    const files = eksctlFiles(twoClusters);
    expect([...files.keys()].sort()).toEqual([
      "provisioning/manual/create-gaia-cluster.sh",
      "provisioning/manual/create-trantor-cluster.sh",
      "provisioning/manual/gaia.yaml",
      "provisioning/manual/install-addons-gaia.sh",
      "provisioning/manual/install-addons-trantor.sh",
      "provisioning/manual/install-alb-controller-trantor.sh",
      "provisioning/manual/install-cluster-autoscaler-gaia.sh",
      "provisioning/manual/install-cluster-autoscaler-trantor.sh",
      "provisioning/manual/install-metrics-server-trantor.sh",
      "provisioning/manual/namespaces-gaia.yaml",
      "provisioning/manual/namespaces-trantor.yaml",
      "provisioning/manual/trantor.yaml",
    ]);
    for (const [path, file] of files) expect(file.executable === true, path).toBe(path.endsWith(".sh"));
    expect([...clusterConfigs(files).keys()].sort()).toEqual(["gaia", "trantor"]);
  });

  it("starts every ClusterConfig and namespaces manifest with the generated notice", () => {
    for (const [path, file] of eksctlFiles(twoClusters)) {
      if (path.endsWith(".yaml")) expect(file.content.split("\n")[0]).toBe(`# ${generatedNotice("foundation.yaml")}`);
    }
  });

  it("maps every field of the spec's cluster into the ClusterConfig", () => {
    const gaia = clusterConfigs(eksctlFiles(twoClusters)).get("gaia");
    const discovery = { "k8s.io/cluster-autoscaler/enabled": "true", "k8s.io/cluster-autoscaler/gaia": "owned" };
    expect(gaia).toEqual({
      apiVersion: "eksctl.io/v1alpha5",
      kind: "ClusterConfig",
      metadata: { name: "gaia", region: "eu-west-1", version: "1.34", tags: { "cost-center": "cc 42 / shared=yes", team: "platform" } },
      accessConfig: {
        authenticationMode: "API_AND_CONFIG_MAP",
        bootstrapClusterCreatorAdminPermissions: true,
        accessEntries: [
          {
            principalARN: "arn:aws:iam::123456789012:role/platform-admins",
            accessPolicies: [{ policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } }],
          },
          {
            principalARN: "arn:aws:iam::123456789012:role/ci+deploy=bot,acme@example",
            accessPolicies: [
              { policyARN: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: ["prod", "rc"] } },
            ],
          },
        ],
      },
      vpc: { cidr: "10.4.0.0/16", nat: { gateway: "HighlyAvailable" } },
      managedNodeGroups: [
        {
          name: "batch",
          instanceTypes: ["c5.xlarge", "c5a.xlarge"],
          spot: true,
          minSize: 0,
          desiredCapacity: 0,
          maxSize: 10,
          volumeSize: 100,
          privateNetworking: true,
          labels: { "example.com/tier": "2", workload: "batch" },
          taints: [
            { key: "workload", value: "batch", effect: "NoSchedule" },
            { key: "dedicated", effect: "NoExecute" },
          ],
          tags: {
            ...discovery,
            "k8s.io/cluster-autoscaler/node-template/label/example.com/tier": "2",
            "k8s.io/cluster-autoscaler/node-template/label/workload": "batch",
            "k8s.io/cluster-autoscaler/node-template/taint/dedicated": ":NoExecute",
            "k8s.io/cluster-autoscaler/node-template/taint/workload": "batch:NoSchedule",
          },
          propagateASGTags: true,
        },
        {
          name: "general",
          instanceTypes: ["m5.large"],
          minSize: 1,
          desiredCapacity: 1,
          maxSize: 3,
          volumeSize: 80,
          privateNetworking: false,
          tags: discovery,
          propagateASGTags: true,
        },
      ],
      iam: {
        withOIDC: true,
        serviceAccounts: [
          {
            metadata: { name: "cluster-autoscaler", namespace: "kube-system" },
            roleName: "gaia.kube-system.cluster-autoscaler.eu-west-1",
            attachPolicy: clusterAutoscalerPolicy("gaia"),
          },
          ...["production", "rc"].map((namespace) => ({
            metadata: { name: "eos", namespace },
            roleName: `gaia.${namespace}.eos.eu-west-1`,
            attachPolicyARNs: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess", "arn:aws:iam::123456789012:policy/eos-extra"],
          })),
        ],
      },
      addonsConfig: { disableDefaultAddons: true },
      addons: ["vpc-cni", "coredns", "kube-proxy"].map((name) => ({ name, version: "latest", resolveConflicts: "overwrite" })),
    });
  });

  it("scopes cluster-autoscaler's policy to the Auto Scaling groups tagged for its own cluster, never eksctl's unscoped well-known one", () => {
    for (const text of allSpecs) {
      for (const [name, config] of clusterConfigs(eksctlFiles(text))) {
        for (const account of ((config["iam"] as Json)["serviceAccounts"] ?? []) as Json[]) {
          expect((account["wellKnownPolicies"] as Json | undefined)?.["autoScaler"], name).toBeUndefined();
          if ((account["metadata"] as Json)["name"] !== "cluster-autoscaler") continue;
          const statements = (account["attachPolicy"] as { Statement: Json[] }).Statement;
          const writes = statements.filter((s) => (s["Action"] as string[]).some((a) => /SetDesiredCapacity|TerminateInstance/.test(a)));
          expect(writes.length, name).toBeGreaterThan(0);
          for (const statement of writes) {
            expect(statement["Condition"], name).toEqual({
              StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true", [`aws:ResourceTag/k8s.io/cluster-autoscaler/${name}`]: "owned" },
            });
          }
          // Every write is conditioned: no other statement grants a mutating action.
          for (const statement of statements.filter((s) => s["Condition"] === undefined)) {
            for (const action of statement["Action"] as string[]) expect(action, name).toMatch(/:(Describe|Get)/);
          }
          // The node groups carry the very tags the condition names.
          for (const group of config["managedNodeGroups"] as Json[]) {
            expect(group["tags"], `${name} ${group["name"]}`).toMatchObject({ "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${name}`]: "owned" });
          }
        }
      }
    }
  });

  it("lets the creator keep admin, in an authentication mode that allows access entries, on every cluster", () => {
    for (const text of allSpecs) {
      for (const [name, config] of clusterConfigs(eksctlFiles(text))) {
        expect(config["accessConfig"], name).toMatchObject({ authenticationMode: "API_AND_CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: true });
      }
    }
  });

  it("gives every IRSA binding of the model its ServiceAccount, with the model's role name", () => {
    const model = modelOf(twoClusters);
    const configs = clusterConfigs(eksctlFiles(twoClusters));
    for (const cluster of model.clusters.filter((c) => c.provisioner === "eksctl")) {
      const accounts = ((configs.get(cluster.name)?.["iam"] as Json)["serviceAccounts"] as Json[]).map((sa) => [
        (sa["metadata"] as Json)["namespace"],
        (sa["metadata"] as Json)["name"],
        sa["roleName"],
      ]);
      expect(accounts).toEqual(cluster.irsa.map((b) => [b.namespace, b.serviceAccount, b.roleName]));
      expect(accounts.length).toBeGreaterThan(0);
    }
  });

  it("names every IRSA role as IAM allows (at most 64 of [\\w+=,.@-]), ending in the cluster's region, one per account across every spec", () => {
    const seen = new Map<string, string>();
    for (const text of allSpecs) {
      for (const [name, config] of clusterConfigs(eksctlFiles(text))) {
        const region = (config["metadata"] as Json)["region"] as string;
        for (const sa of ((config["iam"] as Json | undefined)?.["serviceAccounts"] ?? []) as Json[]) {
          const role = sa["roleName"] as string;
          expect(role).toMatch(/^[\w+=,.@-]{1,64}$/);
          expect(role.endsWith(`.${region}`), role).toBe(true);
          const owner = `${name}@${region} ${JSON.stringify(sa["metadata"])}`;
          expect(seen.get(role.toLowerCase()) ?? owner, role).toBe(owner);
          seen.set(role.toLowerCase(), owner);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(8);
  });

  it("leaves node groups untagged for cluster-autoscaler when the cluster does not run it", () => {
    const text = twoEksctlClustersSpec(reference).replace("clusterAutoscaler: { chartVersion: 9.37.0 }", "");
    const trantor = clusterConfigs(eksctlFiles(text)).get("trantor") as Json;
    const group = (trantor["managedNodeGroups"] as Json[])[0] as Json;
    expect(group["tags"]).toBeUndefined();
    expect(group["propagateASGTags"]).toBeUndefined();
  });

  it("validates every emitted ClusterConfig against the project's schema", () => {
    const validate = validator(PROJECT_SCHEMA);
    for (const text of allSpecs) {
      for (const [name, config] of clusterConfigs(eksctlFiles(text))) expect(validate(config), name).toEqual([]);
    }
  });
});

describe.skipIf(!hasUpstream)("eksctl ClusterConfig against eksctl's own schema (../shared/reference/eksctl)", () => {
  it("validates every emitted ClusterConfig against eksctl's full schema", () => {
    const validate = validator(UPSTREAM_SCHEMA);
    for (const text of allSpecs) {
      for (const [name, config] of clusterConfigs(eksctlFiles(text))) expect(validate(config), name).toEqual([]);
    }
  });

  it("the project's schema agrees with eksctl's: same definitions, properties and types, enums no wider", () => {
    const ours = (readJson(PROJECT_SCHEMA) as { definitions: Record<string, Json> }).definitions;
    const theirs = (readJson(UPSTREAM_SCHEMA) as { definitions: Record<string, Json> }).definitions;
    const resolve = (schema: Json): Json => {
      const ref = schema["$ref"] as string | undefined;
      return ref ? resolve(theirs[ref.replace("#/definitions/", "")] as Json) : schema;
    };
    for (const [name, definition] of Object.entries(ours)) {
      const upstream = theirs[name];
      expect(upstream, `eksctl has no definition ${name}`).toBeDefined();
      expect(definition["additionalProperties"]).toBe(false);
      expect(upstream?.["additionalProperties"]).toBe(false);
      for (const required of (definition["required"] as string[] | undefined) ?? []) {
        expect(upstream?.["required"], `${name}.${required} is required only here`).toContain(required);
      }
      for (const [property, schema] of Object.entries(definition["properties"] as Record<string, Json>)) {
        const theirProperty = (upstream?.["properties"] as Record<string, Json> | undefined)?.[property];
        expect(theirProperty, `eksctl's ${name} has no ${property}`).toBeDefined();
        if (schema["$ref"]) {
          expect(theirProperty?.["$ref"], `${name}.${property}`).toBe(schema["$ref"]);
          continue;
        }
        const their = resolve(theirProperty as Json);
        // eksctl types an ARN as anything (`{}`): any type of ours is narrower.
        if (their["type"] !== undefined) expect(schema["type"], `${name}.${property} type`).toBe(their["type"]);
        if (schema["type"] === "array") {
          const items = schema["items"] as Json;
          const theirItems = their["items"] as Json;
          if (items["$ref"]) expect(theirItems["$ref"]).toBe(items["$ref"]);
          else expect(resolve(theirItems)["type"]).toBe(items["type"]);
        }
        if (schema["enum"] && their["enum"]) {
          for (const value of schema["enum"] as string[]) expect(their["enum"], `${name}.${property}`).toContain(value);
        }
      }
    }
  });

  const examples = hasUpstream ? readdirSync(UPSTREAM_DIR).filter((f) => f.endsWith(".yaml")).sort() : [];

  it.each(examples)("the project's schema accepts %s, for the fields it covers", (file) => {
    const schema = readJson(PROJECT_SCHEMA) as Json & { definitions: Record<string, Json> };
    const covered = coveredPart(parse(readFileSync(join(UPSTREAM_DIR, file), "utf8")), schema, schema.definitions);
    expect(covered).toMatchObject({ apiVersion: "eksctl.io/v1alpha5", kind: "ClusterConfig" });
    expect(validator(PROJECT_SCHEMA)(covered)).toEqual([]);
  });
});

/** The part of a value a schema describes: properties the schema does not name are dropped, recursively. */
function coveredPart(value: unknown, schema: Json, definitions: Record<string, Json>): unknown {
  const ref = schema["$ref"] as string | undefined;
  if (ref) return coveredPart(value, definitions[ref.replace("#/definitions/", "")] as Json, definitions);
  if (Array.isArray(value) && schema["items"]) return value.map((v) => coveredPart(v, schema["items"] as Json, definitions));
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const properties = schema["properties"] as Record<string, Json> | undefined;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties?.[key] ?? (typeof schema["additionalProperties"] === "object" ? (schema["additionalProperties"] as Json) : undefined);
    if (childSchema) out[key] = coveredPart(child, childSchema, definitions);
  }
  return out;
}
