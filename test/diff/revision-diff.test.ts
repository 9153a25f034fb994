import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RevisionDiff } from "../../src/diff/revisions/revision-diff.js";
import { runCli } from "../helpers/cli.js";
import { referenceSpecText } from "../helpers/compile.js";
import { editSpec, type SpecEdit } from "../helpers/spec-edit.js";

let repo: string;
let spec: string;
let current = referenceSpecText();
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "foundation-diff-"));
  spec = join(repo, "foundation.yaml");
  git("init", "-q", "-b", "main");
  writeFileSync(spec, current);
  git("add", "foundation.yaml");
  git("commit", "-qm", "reference");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Applies edits to the working spec, diffs it against HEAD in every format, then commits it. */
async function step(edits: readonly SpecEdit[]) {
  current = editSpec(current, edits);
  writeFileSync(spec, current);
  const run = (format: string) => runCli(["diff", "--base", "HEAD", "--spec", spec, "--format", format]);
  const [json, text, markdown] = await Promise.all([run("json"), run("text"), run("markdown")]);
  for (const r of [json, text, markdown]) expect(r.code, r.stderr).toBe(0);
  git("commit", "-qam", "step");
  const diff = JSON.parse(json.stdout) as RevisionDiff;
  expectSameReport(diff, text.stdout, markdown.stdout);
  return { json: diff, text: text.stdout, markdown: markdown.stdout };
}

/** The text and markdown reports say everything the JSON one does: every warning, target, object and field. */
function expectSameReport(diff: RevisionDiff, text: string, markdown: string): void {
  for (const w of diff.warnings) {
    expect(text).toContain(`! ${w.severity.padEnd(7)} ${w.target}: ${w.message}`);
    expect(markdown).toContain(`**${w.severity}** \`${w.target}\``);
  }
  for (const t of diff.targets) {
    expect(text).toContain(`  ${t.target} (${t.backend}): ${t.change}`);
    expect(markdown).toContain(`| \`${t.target}\``);
    for (const o of t.objects) {
      if (o.change === "added") expect(text).toContain(`+ ${t.target} ${o.object}`);
      if (o.change === "removed") expect(text).toContain(`- ${t.target} ${o.object}`);
      for (const f of o.fields) {
        expect(text).toContain(`${t.target} ${o.object} ${f.field} `);
        expect(markdown).toContain(`| ${o.object} | \`${f.field}\` |`);
      }
    }
  }
  for (const path of [...diff.files.added, ...diff.files.removed, ...diff.files.changed]) {
    expect(text).toContain(path);
    expect(markdown).toContain(`\`${path}\``);
  }
}

const fields = (diff: RevisionDiff) =>
  diff.targets.flatMap((t) => t.objects.flatMap((o) => o.fields.map((f) => `${t.target} ${o.object} ${f.field} ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}`)));

describe("foundation diff --base, over a series of spec edits", () => {
  it("the autoscaling floor: one field of one HorizontalPodAutoscaler, its stack affected, nothing to warn about", async () => {
    const { json, text, markdown } = await step([[["services", "dusk", "environments", "prod", "autoscaling"], { minReplicas: 4 }]]);
    expect(fields(json)).toEqual(["dusk@prod HorizontalPodAutoscaler/dusk spec.minReplicas 2 -> 4"]);
    expect(json.warnings).toEqual([]);
    expect(json.affected).toEqual({
      provisioning: [],
      eksctl: [],
      deploy: [
        {
          target: "dusk@prod",
          kind: "pulumi",
          dir: "gitops/pulumi_deploy",
          stack: "dusk-production",
          qualifiedStack: "organization/foundation-deploy/dusk-production",
          region: "us-east-1",
          environment: "prod",
          cluster: "terminus",
        },
      ],
      kubectl: [],
      argocd: [],
    });
    expect(text).toContain("    dusk@prod HorizontalPodAutoscaler/dusk spec.minReplicas 2 -> 4");
    expect(text).not.toContain("WARNING");
    expect(markdown).toContain("| `dusk@prod` | pulumi | changed | HorizontalPodAutoscaler/dusk (changed) |");
  });

  it("image tag: the container image of one environment, and the YAML file that holds it", async () => {
    const { json, text } = await step([[["services", "dawn", "environments", "rc", "imageTag"], "v1.3.0-rc.2"]]);
    expect(fields(json)).toEqual([
      'dawn@rc Deployment/dawn spec.template.spec.containers[dawn].image "123456789012.dkr.ecr.us-east-1.amazonaws.com/dawn:v1.3.0-rc.1" -> "123456789012.dkr.ecr.us-east-1.amazonaws.com/dawn:v1.3.0-rc.2"',
    ]);
    expect(json.files.changed).toEqual(["gitops/manual_deploy/dawn/rc/deployment.yaml"]);
    expect(json.affected.kubectl.map((t) => t.target)).toEqual(["dawn@rc"]);
    expect(text).toContain("~ gitops/manual_deploy/dawn/rc/deployment.yaml");
  });

  it("a new service: every object added, in every environment it names", async () => {
    const { json, text } = await step([
      [
        ["services", "noon"],
        {
          cluster: "trantor",
          deployWith: "kubectl",
          image: "registry.example.com/noon",
          port: 8000,
          environments: { prod: { imageTag: "v1.0.0" } },
        },
      ],
    ]);
    expect(json.targets.map((t) => `${t.target} ${t.change} ${t.objects.map((o) => o.object).join(",")}`)).toEqual([
      "noon@prod added ConfigMap/noon-config,Deployment/noon,Service/noon",
    ]);
    expect(json.files.added).toEqual([
      "gitops/manual_deploy/noon/prod/configmap.yaml",
      "gitops/manual_deploy/noon/prod/deployment.yaml",
      "gitops/manual_deploy/noon/prod/service.yaml",
    ]);
    expect(json.warnings).toEqual([]);
    expect(text).toContain("  noon@prod (kubectl): added");
  });

  it("a removed environment: the target goes, with a warning that names the objects to delete, never the namespace or the folder", async () => {
    const { json, text } = await step([[["services", "dawn", "environments", "rc"], undefined]]);
    expect(json.targets.map((t) => `${t.target} ${t.change}`)).toEqual(["dawn@rc removed"]);
    expect(json.warnings).toEqual([
      {
        target: "dawn@rc",
        severity: "delete",
        message:
          "no longer deployed: its folder out/gitops/manual_deploy/dawn/rc disappears, but kubectl apply deletes nothing; run kubectl --context trantor.us-east-1 delete --namespace rc configmap/dawn-config deployment/dawn service/dawn horizontalpodautoscaler/dawn ingress/dawn before merging (a pruning GitOps controller does it for you)",
      },
    ]);
    expect(json.warnings.map((w) => w.message).join("\n")).not.toMatch(/delete -f|namespace\/|delete namespace/);
    expect(json.removed.map((t) => t.target)).toEqual(["dawn@rc"]);
    expect(json.files.removed).toHaveLength(5);
    expect(text.indexOf("WARNING")).toBeLessThan(text.indexOf("Changes"));
  });

  it("a node group resize: one field of the cluster's description, no warning", async () => {
    const { json } = await step([[["clusters", "terminus", "nodeGroups", "batch", "maxSize"], 20]]);
    expect(fields(json)).toEqual(["terminus NodeGroup/batch maxSize 10 -> 20"]);
    expect(json.warnings).toEqual([]);
    expect(json.affected.provisioning.map((t) => t.target)).toEqual(["terminus"]);
  });

  it("an instance type change on an eksctl cluster: warned, with how it really happens there (new group, drain, delete the old)", async () => {
    const { json, text } = await step([[["clusters", "trantor", "nodeGroups", "general", "instanceTypes"], ["m6i.large"]]]);
    expect(fields(json)).toEqual(['trantor NodeGroup/general instanceTypes ["m5.large"] -> ["m6i.large"]']);
    expect(json.warnings).toEqual([
      {
        target: "trantor",
        severity: "replace",
        message:
          "node group general: on eksctl, instanceTypes of an existing node group never change (out/provisioning/manual/create-trantor-cluster.sh skips existing groups); " +
          "to apply it, give the group a new name in the spec and run the script (the new group is created beside the old one), " +
          "then drain and delete the old one: eksctl delete nodegroup --cluster trantor --name general --drain",
      },
    ]);
    expect(json.affected.eksctl).toEqual([
      {
        target: "trantor",
        kind: "eksctl",
        dir: "provisioning/manual",
        cluster: "trantor",
        region: "us-east-1",
        context: "trantor.us-east-1",
        namespaces: "provisioning/manual/namespaces-trantor.yaml",
      },
    ]);
    expect(text).toMatch(/! replace trantor: node group general: on eksctl, instanceTypes of an existing node group never change/);
  });

  it("labels and taints of an eksctl node group: the create script never changes them on an existing group, so warned the same way", async () => {
    const { json } = await step([
      [["clusters", "trantor", "nodeGroups", "general", "labels"], { tier: "general" }],
      [["clusters", "trantor", "nodeGroups", "general", "taints"], [{ key: "tier", value: "general", effect: "PreferNoSchedule" }]],
    ]);
    expect(json.warnings.map((w) => `${w.severity} ${w.target}`)).toEqual(["replace trantor"]);
    expect(json.warnings[0]?.message).toContain("node group general: on eksctl, labels, taints of an existing node group never change");
  });

  it("a version upgrade of an eksctl cluster: the steps in the order EKS requires, as the create script runs them", async () => {
    await step([[["clusters", "trantor", "kubernetesVersion"], "1.34"]]);
    const { json } = await step([[["clusters", "trantor", "kubernetesVersion"], "1.35"]]);
    expect(fields(json)).toEqual([
      'trantor Cluster/trantor kubernetesVersion "1.34" -> "1.35"',
      'trantor Addon/cluster-autoscaler imageTag "v1.34.4" -> "v1.35.1"',
    ]);
    expect(json.warnings).toEqual([
      {
        target: "trantor",
        severity: "disrupt",
        message:
          "Kubernetes 1.34 -> 1.35: out/provisioning/manual/create-trantor-cluster.sh upgrades, in the order EKS requires, " +
          "1. the control plane (eksctl upgrade cluster), 2. the EKS add-ons vpc-cni, kube-proxy and CoreDNS to the newest version for 1.35 (eksctl update addon), " +
          "3. each managed node group (eksctl upgrade nodegroup --kubernetes-version 1.35: its nodes are replaced and drained one by one); " +
          "then run out/provisioning/manual/install-addons-trantor.sh for the add-ons of 1.35 (cluster-autoscaler's image follows the minor)",
      },
    ]);
  });

  it("an instance type change on a Pulumi cluster: the new group comes up beside the old, then the old is drained and deleted", async () => {
    const { json } = await step([[["clusters", "terminus", "nodeGroups", "general", "instanceTypes"], ["m6i.large"]]]);
    expect(fields(json)).toEqual(['terminus NodeGroup/general instanceTypes ["m5.large"] -> ["m6i.large"]']);
    expect(json.warnings).toEqual([
      {
        target: "terminus",
        severity: "replace",
        message:
          "node group general: on Pulumi, instanceTypes cannot change on an existing managed node group, so pulumi up replaces it: " +
          "it first creates a new group (named general-<generated suffix>) with the new settings and waits until its nodes are ready, " +
          "then deletes the old one: EKS scales it to zero, draining each node (preStop hooks, SIGTERM, the pods' grace period) and terminating it after at most 5 minutes " +
          "whether or not its pods have left (PodDisruptionBudgets are not waited for); both groups' nodes run, and are billed, in between",
      },
    ]);
    // Labels, taints and sizes change in place on Pulumi: no warning.
    const inPlace = await step([[["clusters", "terminus", "nodeGroups", "general", "labels"], { tier: "general" }]]);
    expect(inPlace.json.warnings).toEqual([]);
  });

  it("access entries: a principal given access to a cluster is a change of that cluster, with its policies and scopes", async () => {
    const { json } = await step([
      [["clusters", "terminus", "access"], [{ principalArn: "arn:aws:iam::123456789012:role/deployer", policy: "edit", namespaces: ["production", "rc"] }]],
    ]);
    expect(json.targets.map((t) => `${t.target} ${t.change}`)).toEqual(["terminus changed"]);
    expect(json.targets[0]?.objects.map((o) => `${o.object} ${o.change}`)).toEqual(["AccessEntry/arn:aws:iam::123456789012:role/deployer added"]);
    expect(json.affected.provisioning.map((t) => t.target)).toEqual(["terminus"]);
    const scoped = await step([[["clusters", "terminus", "access", 0, "namespaces"], undefined]]);
    expect(fields(scoped.json)).toEqual([
      'terminus AccessEntry/arn:aws:iam::123456789012:role/deployer policies ["edit in namespaces production, rc"] -> ["edit cluster-wide"]',
    ]);
    await step([[["clusters", "terminus", "access"], undefined]]);
  });

  it("a version upgrade of a Pulumi cluster: the steps in the order the program's dependencies give them", async () => {
    await step([[["clusters", "terminus", "kubernetesVersion"], "1.34"]]);
    const { json } = await step([[["clusters", "terminus", "kubernetesVersion"], "1.35"]]);
    expect(json.warnings).toEqual([
      {
        target: "terminus",
        severity: "disrupt",
        message:
          "Kubernetes 1.34 -> 1.35: pulumi up of terminus's provisioning stack upgrades, in the order EKS requires, " +
          "1. the control plane, 2. the EKS add-ons vpc-cni and kube-proxy to the newest version for 1.35, " +
          "3. each managed node group in place (EKS brings up nodes of 1.35, then cordons and drains the old ones, respecting PodDisruptionBudgets; " +
          "a budget that blocks a drain for 15 minutes fails the update), 4. CoreDNS to the newest version for 1.35, " +
          "then the Helm add-ons (cluster-autoscaler's image follows the minor)",
      },
    ]);
  });

  it("a service moved from kubectl to pulumi: a migration warning saying how, and the new stacks affected", async () => {
    const { json } = await step([[["services", "dawn", "deployWith"], "pulumi"]]);
    expect(json.targets.map((t) => `${t.target} ${t.backend} ${t.change}`)).toEqual(["dawn@prod kubectl -> pulumi changed"]);
    expect(json.warnings.map((w) => `${w.severity} ${w.target}`)).toEqual(["migrate dawn@prod"]);
    expect(json.warnings[0]?.message).toContain("pulumi import");
    expect(json.warnings[0]?.message).toContain("foundation migrate --base");
    expect(json.warnings[0]?.message).not.toContain("kubectl delete");
    expect(json.warnings[0]?.message).not.toContain("delete -f");
    expect(json.affected.deploy.map((t) => (t.kind === "pulumi" ? t.stack : t.kind))).toEqual(["dawn-production"]);
    expect(json.files.removed).toContain("gitops/manual_deploy/dawn/prod/deployment.yaml");
  });

  it("a new environment on a cluster: its namespace is a change of the cluster, deployed by the provisioning layer", async () => {
    const { json } = await step([
      [["environments", "qa"], { namespace: "qa", stackSuffix: "qa" }],
      [["services", "dusk", "environments", "qa"], { imageTag: "v1.0.0-qa.1", ingress: { host: "qa.dusk.example.com" } }],
    ]);
    const terminus = json.targets.find((t) => t.target === "terminus");
    expect(terminus?.objects.map((o) => `${o.object} ${o.change}`)).toEqual(["Namespace/qa added"]);
    expect(json.affected.provisioning.map((t) => t.target)).toEqual(["terminus"]);
    expect(json.affected.deploy.map((t) => t.target)).toEqual(["dusk@qa"]);
    expect(json.targets.find((t) => t.target === "trantor")).toBeUndefined();
  });

  it("warns about VPC, region and version jumps on a cluster", async () => {
    const down = await step([[["clusters", "terminus", "kubernetesVersion"], "1.33"]]);
    expect(down.json.warnings.map((w) => w.message)).toEqual(["Kubernetes 1.35 -> 1.33: EKS cannot downgrade a cluster; this needs a new cluster"]);
    const { json } = await step([
      [["clusters", "terminus", "vpc", "cidr"], "10.3.0.0/16"],
      [["clusters", "terminus", "kubernetesVersion"], "1.35"],
    ]);
    expect(json.warnings.map((w) => w.message)).toEqual([
      "VPC CIDR 10.2.0.0/16 -> 10.3.0.0/16 replaces the VPC, and with it the cluster and every node",
      "Kubernetes 1.33 -> 1.35 skips versions: EKS upgrades one minor version at a time, so make it 2 separate changes",
    ]);
  });

  it("finds nothing when nothing changed, and --exit-code tells the two apart", async () => {
    const same = await runCli(["diff", "--base", "HEAD", "--spec", spec, "--exit-code"]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no changes");
    writeFileSync(spec, editSpec(current, [[["services", "day", "environments", "rc", "autoscaling", "maxReplicas"], 4]]));
    const different = await runCli(["diff", "--base", "HEAD", "--spec", spec, "--exit-code"]);
    expect(different.code).toBe(1);
    writeFileSync(spec, current);
  });

  it("works against an earlier spec file without git", async () => {
    const earlier = join(repo, "earlier.yaml");
    writeFileSync(earlier, editSpec(current, [[["services", "day", "port"], 9090]]));
    const run = await runCli(["diff", "--base-spec", earlier, "--spec", spec, "--format", "json"]);
    expect(run.code).toBe(0);
    expect(fields(JSON.parse(run.stdout) as RevisionDiff)).toContain("day@prod Deployment/day spec.template.spec.containers[day].ports[http].containerPort 9090 -> 8080");
  });

  it("reports errors of either revision with their positions, and usage errors with exit 2", async () => {
    const broken = join(repo, "broken.yaml");
    writeFileSync(broken, current.replace("    port: 3000\n", "    port: 0\n"));
    const run = await runCli(["diff", "--base-spec", broken, "--spec", spec]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+: services\.dusk\.port: port must be at least 1/);
    expect((await runCli(["diff", "--spec", spec])).code).toBe(2);
    expect((await runCli(["diff", "--base", "no-such-ref", "--spec", spec])).stderr).toContain('unknown git revision "no-such-ref"');
  });
});
