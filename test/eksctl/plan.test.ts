import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { eksctlBackend } from "../../backends/eksctl/index.js";
import type { HelmInstall } from "../../src/plan/eksctl-plan.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { eksctlFiles, twoEksctlClustersSpec, validFixtureSpecs } from "./support.js";

const specs = [referenceSpecText(), twoEksctlClustersSpec(referenceSpecText()), ...validFixtureSpecs()];

/** The words of the script's `helm upgrade --install` command, its continuation lines joined. */
function helmCommand(script: string): string {
  const start = script.indexOf("helm upgrade --install");
  return script.slice(start, script.indexOf("--wait", start) + "--wait".length).replaceAll(" \\\n  ", " ");
}

function expectedCommand(install: HelmInstall): string {
  const runTime = { clusterName: '"$cluster"', region: '"$region"', vpcId: '"$vpc_id"' };
  const values = install.values.map(({ key, value }) =>
    typeof value === "boolean" ? `--set ${key}=${value}` : `--set-string ${key}=${typeof value === "string" ? `'${value}'` : runTime[value.atRunTime]}`,
  );
  return [
    `helm upgrade --install '${install.release}' '${install.chart}'`,
    `--repo '${install.repository}' --version '${install.version}'`,
    `--namespace '${install.namespace}' --kube-context "$context"`,
    ...values,
    "--wait",
  ].join(" ");
}

describe("the eksctl backend's plan is what its files do", () => {
  it.each(specs.map((text, i) => [i, text] as const))("spec %i: each ClusterConfig file is the plan's config, each install script runs the plan's Helm install", (_i, text) => {
    const model = modelOf(text);
    const plans = eksctlBackend.eksctlPlan?.(model) ?? [];
    const files = eksctlFiles(text);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(parse(files.get(`provisioning/manual/${plan.cluster}.yaml`)?.content ?? "")).toEqual(plan.config);
      const scripts = [...files.values()].filter(
        (f) => f.path.startsWith("provisioning/manual/install-") && !f.path.startsWith("provisioning/manual/install-addons-") && f.path.endsWith(`-${plan.cluster}.sh`),
      );
      expect(scripts.map((f) => helmCommand(f.content)).sort()).toEqual(plan.helmInstalls.map(expectedCommand).sort());
      // install-addons runs exactly the plan's add-on scripts, in the plan's order, the ALB controller first.
      const runs = (files.get(`provisioning/manual/install-addons-${plan.cluster}.sh`)?.content ?? "").match(/^"\$here\/install-[a-z-]+\.sh" "\$region"$/gm) ?? [];
      const order = plan.helmInstalls.map((h) => scripts.find((f) => helmCommand(f.content) === expectedCommand(h))?.path.split("/").pop());
      expect(runs).toEqual(order.map((script) => `"$here/${script}" "$region"`));
      const alb = plan.helmInstalls.findIndex((h) => h.kind === "awsLoadBalancerController");
      expect(alb === -1 || alb === 0).toBe(true);
      for (const install of plan.helmInstalls) {
        const script = scripts.find((f) => helmCommand(f.content) === expectedCommand(install))?.content ?? "";
        const addon = model.clusters.find((c) => c.name === plan.cluster)?.addons.find((a) => a.kind === install.kind);
        expect(install.crdsUrl).toBe(addon?.crdsUrl);
        if (install.crdsUrl !== undefined) expect(script).toContain(`--server-side --force-conflicts -f '${install.crdsUrl}'`);
        else expect(script).not.toContain("--server-side");
      }
    }
  });

  it("plans only eksctl clusters, each add-on once, with the ServiceAccount eksctl made", () => {
    const model = modelOf(referenceSpecText());
    const plans = eksctlBackend.eksctlPlan?.(model) ?? [];
    expect(plans.map((p) => p.cluster)).toEqual(model.clusters.filter((c) => c.provisioner === "eksctl").map((c) => c.name));
    for (const plan of plans) {
      const accounts = new Set((plan.config.iam?.serviceAccounts ?? []).map((a) => `${a.metadata?.namespace}/${a.metadata?.name}`));
      for (const install of plan.helmInstalls.filter((h) => h.serviceAccount !== undefined)) {
        expect(accounts.has(`${install.namespace}/${install.serviceAccount}`), `${plan.cluster} ${install.release}`).toBe(true);
        expect(install.values).toContainEqual({ key: expect.stringMatching(/serviceAccount\.create$/), value: false });
      }
    }
  });
});
