import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BACKENDS } from "../../backends/index.js";
import { generate } from "../../src/compile/generate.js";
import { formatPath } from "../../src/errors/spec-error.js";
import { importSpec } from "../../src/import/import-spec.js";
import { formatLossy } from "../../src/import/input-objects.js";
import { runCli } from "../helpers/cli.js";
import { modelOf, referenceSpecText, ROOT } from "../helpers/compile.js";
import { prerequisite } from "../helpers/prerequisite.js";

const work = mkdtempSync(join(tmpdir(), "foundation-import-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What `compile` writes for a spec, in a folder of its own. */
function compileTo(name: string, text: string): { dir: string; files: Map<string, string> } {
  const dir = join(work, name);
  const files = new Map(generate(modelOf(text), "foundation.yaml", BACKENDS).map((f) => [f.path, f.content]));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, files };
}

const KUBECTL = "gitops/manual_deploy/";
const clusterConfig = (cluster: string) => `provisioning/manual/${cluster}.yaml`;

/** Imports a compiled tree (its ClusterConfigs and kubectl folders), compiles the result, and returns both trees. */
function roundTrip(name: string, text: string, clusters: readonly string[]) {
  const { dir, files } = compileTo(name, text);
  const kubectlFolders = readdirSync(join(dir, KUBECTL)).flatMap((service) => readdirSync(join(dir, KUBECTL, service)).map((env) => join(dir, KUBECTL, service, env)));
  const imported = importSpec(
    clusters.map((c) => join(dir, clusterConfig(c))),
    kubectlFolders,
    BACKENDS,
  );
  expect(imported.errors).toEqual([]);
  expect(imported.problems).toEqual([]);
  const again = new Map(generate(modelOf(imported.text), "foundation.yaml", BACKENDS).map((f) => [f.path, f.content]));
  return { imported, files, again, dir };
}

const kubectlFiles = (files: ReadonlyMap<string, string>) => new Map([...files].filter(([path]) => path.startsWith(KUBECTL)));

describe("foundation import: round trip of what compile wrote", () => {
  it("the reference spec: the same ClusterConfig and manifests, less the roles of the Pulumi service Day, which are listed", () => {
    const { imported, files, again, dir } = roundTrip("reference", referenceSpecText(), ["trantor"]);
    expect(imported.lossy.map((l) => [l.file, formatPath(l.path)])).toEqual([
      [join(dir, clusterConfig("trantor")), "iam.serviceAccounts[2]"],
      [join(dir, clusterConfig("trantor")), "iam.serviceAccounts[3]"],
    ]);
    expect(formatLossy(imported.lossy[0]!)).toMatch(/trantor\.yaml:\d+:\d+: iam\.serviceAccounts\[2\]: \{"metadata":\{"name":"day","namespace":"production"\}/);
    expect(kubectlFiles(again)).toEqual(kubectlFiles(files));
    const original = parse(files.get(clusterConfig("trantor"))!) as { iam: { serviceAccounts: { metadata: { name: string } }[] } };
    original.iam.serviceAccounts = original.iam.serviceAccounts.filter((a) => a.metadata.name !== "day");
    expect(parse(again.get(clusterConfig("trantor"))!)).toEqual(original);
  });

  it("a spec of kubectl services on two eksctl clusters: byte-identical ClusterConfigs and manifests, nothing lost", () => {
    const text = readFileSync(join(ROOT, "test", "fixtures", "valid", "import-round-trip.yaml"), "utf8");
    const { imported, files, again } = roundTrip("own", text, ["north", "south"]);
    expect(imported.lossy.map(formatLossy)).toEqual([]);
    expect(kubectlFiles(again)).toEqual(kubectlFiles(files));
    expect(kubectlFiles(again).size).toBeGreaterThan(15);
    for (const cluster of ["north", "south"]) expect(again.get(clusterConfig(cluster))).toBe(files.get(clusterConfig(cluster)));
    const spec = parse(imported.text) as { services: Record<string, Record<string, unknown> & { environments: Record<string, Record<string, unknown>> }> };
    const { billing, reports, archive } = spec.services;
    expect(billing?.["healthCheck"]).toMatchObject({ path: "/health/ready", livenessPath: "/health/live" });
    expect(billing?.["ingress"]).toMatchObject({ scheme: "internal", certificateArn: expect.stringMatching(/^arn:aws:acm:eu-north-1:/) });
    // qa's group is the default of its environment and scheme, so only live names one.
    expect(billing?.environments["qa"]?.["ingress"]).toEqual({ host: "billing.qa.initech.example" });
    expect(billing?.environments["live"]?.["ingress"]).toEqual({ group: "initech-internal" });
    expect(billing?.environments["qa"]?.["scheduling"]).toEqual({ nodeGroup: "spot" });
    expect(reports).toMatchObject({ podSecurity: "baseline", scheduling: { nodeGroup: "apps" } });
    expect(archive?.["podSecurity"]).toBeUndefined();
    expect(archive?.environments["qa"]?.["podSecurity"]).toBe("baseline");
    expect(imported.text).toMatch(/\n {4}podSecurity: baseline +# inferred: its pods do not meet restricted/);
  });

  it("writes the spec in the reference layout, each inferred value commented", () => {
    const { imported } = roundTrip("layout", referenceSpecText(), ["trantor"]);
    const lines = imported.text.split("\n");
    expect(lines).toContain("    stackSuffix: production     # inferred: the namespace (kubectl manifests do not name Pulumi stacks)");
    expect(lines).toContain("    resources:");
    expect(lines).toContain("      requests: { cpu: 100m, memory: 128Mi }");
    expect(lines).toContain("      prod: { imageTag: v1.2.3, replicas: 2 }");
    expect(lines.find((l) => l.includes("metricsServer:"))).toMatch(/# inferred: the HorizontalPodAutoscalers need it/);
    expect(lines.find((l) => l.includes("organization:"))).toMatch(/# inferred/);
  });
});

describe("foundation import: what the spec cannot represent is listed, never a crash", () => {
  const dir = join(work, "hand-written");
  mkdirSync(join(dir, "k8s"), { recursive: true });
  writeFileSync(
    join(dir, "cluster.yaml"),
    "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: { name: gaia, region: eu-west-1, version: \"1.31\" }\nvpc: { cidr: 10.9.0.0/16 }\nmanagedNodeGroups:\n  - name: ng\n    instanceTypes: [m5.large]\n    minSize: 1\n    desiredCapacity: 1\n    maxSize: 3\n    privateNetworking: true\n    ssh: { allow: true }\n",
  );
  writeFileSync(
    join(dir, "k8s", "web.yaml"),
    [
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop, labels: { app: web } }",
      "spec:\n  replicas: 2\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }",
      "    spec:\n      containers:\n        - name: web\n          image: example.com/web:1.0\n          ports: [{ containerPort: 80 }]\n          resources: { requests: { cpu: 0.5 } }",
      "          env: [{ name: MODE, value: fast }]\n          volumeMounts: [{ name: data, mountPath: /data }]\n        - name: sidecar\n          image: example.com/proxy:2",
      "      volumes: [{ name: data, emptyDir: {} }]\n---",
      "apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80, targetPort: 80 }]\n---",
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web, namespace: shop }\nspec: { minAvailable: 1, selector: { matchLabels: { app: web } } }\n---",
      "apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: cleanup, namespace: shop }\nspec: { schedule: '0 * * * *' }\n---",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: orphan, namespace: shop }\ndata: { A: b }\n---",
      "apiVersion: v1\nkind: Secret\nmetadata: { name: web-db, namespace: shop }\nstringData: { password: hunter2 }\n---",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: Legacy.App, namespace: shop }\nspec: { template: { spec: { containers: [{ name: a, image: example.com/a:1 }] } } }\n---",
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web, namespace: shop }\nspec: { rules: [{ http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }] } }] }\n",
    ].join("\n"),
  );

  it("lists each field with its file, line, column and path, and still writes a spec that compiles", () => {
    const result = importSpec([join(dir, "cluster.yaml")], [join(dir, "k8s")], BACKENDS);
    expect(result.errors).toEqual([]);
    const listed = result.lossy.map(formatLossy);
    const at = (path: string) => listed.filter((l) => l.includes(`: ${path}: `));
    const web = join(dir, "k8s", "web.yaml");
    expect(at("managedNodeGroups[0].ssh")).toEqual([`${join(dir, "cluster.yaml")}:12:10: managedNodeGroups[0].ssh: {"allow":true} is not represented: the spec has no field for it`]);
    expect(at("spec.template.spec.containers[1]")[0]).toMatch(new RegExp(`^${web}:\\d+:\\d+: .*"sidecar"`));
    expect(at("spec.template.spec.containers[0].volumeMounts")).toHaveLength(1);
    expect(at("spec.template.spec.volumes")).toHaveLength(1);
    expect(at("metadata.labels.app")).toHaveLength(1);
    expect(listed.filter((l) => l.includes("resources"))).toEqual([]);
    expect(listed.some((l) => l.includes("CronJob shop/cleanup: foundation does not write a CronJob"))).toBe(true);
    expect(listed.some((l) => l.includes("ConfigMap shop/orphan: no Deployment in namespace shop selects or refers to it"))).toBe(true);
    expect(listed.some((l) => l.includes("PodDisruptionBudget shop/web"))).toBe(true);
    expect(listed.some((l) => l.includes("Secret shop/web-db: Secrets stay outside git"))).toBe(true);
    expect(result.text).not.toContain("hunter2");
    expect(listed.some((l) => l.includes('Deployment shop/Legacy.App: "Legacy.App" cannot name a service'))).toBe(true);
    expect(listed.some((l) => l.includes("Ingress shop/web: the imported spec does not create this object"))).toBe(true);
    const spec = parse(result.text) as { services: { web: { config: Record<string, string>; port: number; environments: Record<string, { imageTag: string }> } } };
    expect(spec.services.web.config).toEqual({ MODE: "fast" });
    expect(spec.services.web.port).toBe(80);
    expect(spec.services.web.environments["shop"]?.imageTag).toBe("1.0");
    modelOf(result.text);
  });

  it("reads back what compile derives from the spec, and lists what differs from it", () => {
    const folder = join(dir, "derived");
    mkdirSync(folder, { recursive: true });
    const deployment = (name: string, extra: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: shop }\nspec:\n${extra}  template:\n    metadata: { labels: { app: ${name} } }\n    spec:\n` +
      `      securityContext: { runAsNonRoot: true }\n      nodeSelector: { eks.amazonaws.com/nodegroup: ${name === "pinned" ? "ng" : "gpu"} }\n` +
      `      containers:\n        - name: ${name}\n          image: example.com/${name}:1\n          ports: [{ containerPort: 8080 }]\n` +
      `          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }\n` +
      `          readinessProbe: { httpGet: { path: /ready, port: 8080 } }\n          livenessProbe: { httpGet: { path: /ready, port: 8080 } }\n---\n`;
    writeFileSync(
      join(folder, "objects.yaml"),
      deployment("pinned", "  replicas: 3\n") +
        deployment("elsewhere", "  replicas: 2\n") +
        "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: elsewhere, namespace: shop }\nspec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: elsewhere }, minReplicas: 2, maxReplicas: 4 }\n---\n" +
        "apiVersion: v1\nkind: Service\nmetadata: { name: pinned, namespace: shop }\nspec: { selector: { app: pinned }, ports: [{ port: 80 }] }\n---\n" +
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: pinned, namespace: shop }\nspec: { rules: [{ host: pinned.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: pinned, port: { number: 80 } } } }] } }] }\n",
    );
    const result = importSpec([join(dir, "cluster.yaml")], [folder], BACKENDS);
    expect(result.errors).toEqual([]);
    const spec = parse(result.text) as { services: Record<string, Record<string, unknown>> };
    expect(spec.services["pinned"]).toMatchObject({ scheduling: { nodeGroup: "ng" }, healthCheck: { path: "/ready", initialDelaySeconds: 0, timeoutSeconds: 1 } });
    expect(spec.services["pinned"]?.["podSecurity"]).toBeUndefined();
    expect((spec.services["pinned"]?.["healthCheck"] as Record<string, unknown>)["livenessPath"]).toBeUndefined();
    expect(spec.services["elsewhere"]?.["scheduling"]).toBeUndefined();
    // An Ingress with an ALB of its own joins the environment's shared one once compiled: said where it is written.
    expect(result.text).toContain("    ingress: { host: pinned.example.com } # inferred: it joins the ALB its environment's Ingresses of its scheme share");
    const listed = result.lossy.map((l) => [l.file.endsWith("objects.yaml"), formatPath(l.path), l.message]);
    // The node group is not on the cluster: the selector is listed, not written.
    expect(listed).toContainEqual([true, "spec.template.spec.nodeSelector", expect.stringContaining('"gpu"')]);
    // Beside an HPA, compile writes no spec.replicas.
    expect(listed).toContainEqual([true, "spec.replicas", expect.stringContaining("2 is not represented")]);
    expect(listed.filter(([, path]) => String(path).includes("securityContext"))).toEqual([]);
  });

  it("an image pinned by digest gets a tag to choose, commented, and its image field is listed", () => {
    const folder = join(dir, "digest");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, "api.yaml"),
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api, namespace: prod }\nspec:\n  template:\n    spec:\n      containers: [{ name: api, image: 'example.com/api@sha256:0123' }]\n",
    );
    const result = importSpec([join(dir, "cluster.yaml")], [folder], BACKENDS);
    expect(result.errors).toEqual([]);
    expect(result.text).toContain("imageTag: unknown       # inferred: the image has a digest or no tag; set the tag you deploy");
    expect(result.text).toMatch(/\n {4}port: 8080 +# inferred: its container declares no port\n/);
    expect(result.lossy.map(formatLossy)).toContain(`${join(folder, "api.yaml")}:7:40: spec.template.spec.containers[0].image: "example.com/api@sha256:0123" here; the imported spec compiles to "example.com/api:unknown"`);
  });

  it("reads `kubectl get -o yaml` output: a List, whose server-set fields are not losses", () => {
    const folder = join(dir, "from-cluster");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, "list.yaml"),
      [
        "apiVersion: v1\nkind: List\nitems:",
        "  - apiVersion: apps/v1\n    kind: Deployment",
        "    metadata:\n      name: api\n      namespace: prod\n      uid: 0d2c\n      resourceVersion: '42'\n      generation: 3\n      creationTimestamp: '2026-01-01T00:00:00Z'",
        "      annotations: { kubectl.kubernetes.io/last-applied-configuration: '{}', deployment.kubernetes.io/revision: '3' }",
        "    spec:\n      template:\n        spec:\n          containers: [{ name: api, image: example.com/api:v1 }]",
        "    status: { replicas: 1 }\n",
      ].join("\n"),
    );
    const result = importSpec([join(dir, "cluster.yaml")], [folder], BACKENDS);
    expect(result.errors).toEqual([]);
    expect(result.lossy.filter((l) => l.file.endsWith("list.yaml")).map(formatLossy)).toEqual([]);
    expect((parse(result.text) as { services: Record<string, unknown> }).services["api"]).toMatchObject({ image: "example.com/api", environments: { prod: { imageTag: "v1" } } });
  });

  it("the CLI exits 1 and writes nothing without --allow-lossy; with it, writes --output (never over a file)", async () => {
    const output = join(dir, "foundation.yaml");
    const refused = await runCli(["import", "--eksctl", join(dir, "cluster.yaml"), "--manifests", join(dir, "k8s"), "--output", output]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/fields of the inputs would be lost; nothing was written/);
    expect(existsSync(output)).toBe(false);
    const written = await runCli(["import", "--eksctl", join(dir, "cluster.yaml"), "--manifests", join(dir, "k8s"), "--output", output, "--allow-lossy"]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`wrote ${output}`);
    modelOf(readFileSync(output, "utf8"));
    const again = await runCli(["import", "--eksctl", join(dir, "cluster.yaml"), "--manifests", join(dir, "k8s"), "--output", output, "--allow-lossy"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists; import writes only a new file");
  });

  it("prints a lossless import on stdout and exits 0", async () => {
    const { dir: compiled } = compileTo("cli", readFileSync(join(ROOT, "test", "fixtures", "valid", "import-round-trip.yaml"), "utf8"));
    const run = await runCli(["import", "--eksctl", join(compiled, clusterConfig("north")), join(compiled, clusterConfig("south")), "--manifests", join(compiled, KUBECTL)]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("kind: Foundation");
  });

  it.each([
    [[], /import needs --eksctl/],
    [["--eksctl", "a.yaml", "--spec", "x"], /unknown option --spec for import/],
    [["stray", "--eksctl", "a.yaml"], /unexpected argument "stray"/],
    [["--eksctl", join(ROOT, "no-such-file.yaml")], /no-such-file\.yaml does not exist/],
  ])("usage error %j exits 2", async (args, message) => {
    const run = await runCli(["import", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("an --eksctl path that is a folder is a problem of that file, not a crash", async () => {
    const run = await runCli(["import", "--eksctl", join(dir, "k8s"), join(dir, "cluster.yaml")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, "k8s")}:1:1: cannot read it: EISDIR`);
  });

  it("--help explains the command", async () => {
    const run = await runCli(["import", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: foundation import --eksctl FILE... [--manifests DIR...] [--output F] [--allow-lossy]");
    expect(run.stdout).toContain("--manifests DIR...  folders (searched recursively) or files of Kubernetes YAML");
  });
});

const EXAMPLES = join(ROOT, "..", "shared", "reference", "eksctl");
const hasExamples = prerequisite(existsSync(EXAMPLES), `eksctl's examples not found at ${EXAMPLES} (../shared is not checked out)`);

describe.skipIf(!hasExamples)("foundation import of eksctl's example ClusterConfigs", () => {
  const expected: Record<string, string[]> = {
    "01-simple-cluster.yaml": ["nodeGroups", "cloudWatch"],
    "02-custom-vpc-cidr-no-nodes.yaml": ["vpc.autoAllocateIPv6", "vpc.clusterEndpoints"],
    "13-iamserviceaccounts.yaml": ["iam.serviceAccounts[0]", "iam.serviceAccounts[10]"],
    "15-managed-nodes.yaml": ["managedNodeGroups[0].ssh", "managedNodeGroups[2].ami", "managedNodeGroups[3].launchTemplate"],
    "25-addons.yaml": ["addons[3]", "metadata.version"],
    "27-oidc-provider.yaml": ["identityProviders"],
    "34-taints.yaml": ["nodeGroups"],
  };
  const files = hasExamples ? readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort() : [];

  it("covers every example", () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(files)("%s imports to a valid spec, its unrepresentable fields listed", (file) => {
    const result = importSpec([join(EXAMPLES, file)], [], BACKENDS);
    expect(result.errors).toEqual([]);
    modelOf(result.text);
    const paths = result.lossy.map((l) => formatPath(l.path));
    for (const path of expected[file] ?? []) expect(paths).toContain(path);
    for (const l of result.lossy) expect(l.file).toBe(join(EXAMPLES, file));
  });

  it("a Kubernetes version EKS no longer offers becomes the nearest it offers, commented, and listed", () => {
    const result = importSpec([join(EXAMPLES, "25-addons.yaml")], [], BACKENDS, "foundation.yaml", "2026-11-26");
    expect(result.text).toContain('kubernetesVersion: "1.32"   # inferred: EKS does not offer 1.18 (as of 2026-11-26); the nearest version it offers');
    expect(result.lossy.map(formatLossy)).toContainEqual(expect.stringMatching(/25-addons\.yaml:6:12: metadata\.version: "1\.18" here; the imported spec compiles to "1\.32"$/));
  });

  it("does not list a field the output writes another way with the same meaning (instanceType as instanceTypes)", () => {
    const result = importSpec([join(EXAMPLES, "15-managed-nodes.yaml")], [], BACKENDS);
    const paths = result.lossy.map((l) => formatPath(l.path));
    expect(paths).not.toContain("managedNodeGroups[0].instanceType");
    expect((parse(result.text) as { clusters: Record<string, { nodeGroups: Record<string, { instanceTypes: string[] }> }> }).clusters["cluster-15"]?.nodeGroups["managed-ng-public"]?.instanceTypes).toEqual(["m5.large"]);
  });
});
