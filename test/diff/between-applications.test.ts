import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, test } from "vitest";
import type { GeneratedFile } from "../../src/backend.js";
import { BACKENDS } from "../../backends/index.js";
import { diffApplications } from "../../src/diff/between/between-applications.js";
import { modelOf, REFERENCE_SPEC, referenceSpecText } from "../helpers/compile.js";
import { runCli } from "../helpers/cli.js";
import { editSpec } from "../helpers/spec-edit.js";

/** Replaces `from` by `to` in the one generated file at `path`. */
function edit(files: GeneratedFile[], path: string, from: string | RegExp, to: string): GeneratedFile[] {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  const content = file.content.replace(from, to);
  expect(content).not.toBe(file.content);
  return files.map((f) => (f === file ? { ...f, content } : f));
}

describe("foundation diff --between kubectl,pulumi", () => {
  test("every service of the reference spec is equivalent in every environment (text)", async () => {
    const run = await runCli(["diff", "--between", "kubectl,pulumi", "--exit-code", "--spec", REFERENCE_SPEC]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Six objects with a PodDisruptionBudget (two or more replicas at minimum), five without.
    const counts = { "dawn@prod": 6, "dawn@rc": 5, "day@prod": 6, "day@rc": 5, "dusk@prod": 6, "dusk@rc": 6 };
    for (const [target, count] of Object.entries(counts)) expect(run.stdout).toContain(`  ${target}: equivalent (${count} objects)`);
    expect(run.stdout).toContain("6 targets: 6 equivalent, 0 with explained differences only, 0 with unexplained differences");
    expect(run.stdout).toContain("via pulumi: stack dusk-rc of foundation-deploy, provider terminus (the kubeconfig output of organization/foundation-provisioning/production)");
  });

  test("one service, as JSON, in either order of the backends", async () => {
    const run = await runCli(["diff", "--between", "pulumi,kubectl", "--service", "day", "--format", "json", "--spec", REFERENCE_SPEC]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ version: 1, only: "day", left: "pulumi", right: "kubectl" });
    expect(json.targets.map((t: { target: string; status: string }) => [t.target, t.status])).toEqual([
      ["day@prod", "equivalent"],
      ["day@rc", "equivalent"],
    ]);
  });

  test("a stack run with other config, or a hand-edited manifest, is found and named down to the field", async () => {
    const text = referenceSpecText();
    const diff = await diffApplications("foundation.yaml", text, modelOf(text), {
      backends: BACKENDS,
      only: "day",
      adjust: (side, files) =>
        side === "pulumi"
          ? edit(files, "gitops/pulumi_deploy/Pulumi.day-rc.yaml", "image_tag: v2.5.0-rc.2", "image_tag: v2.5.0-rc.3")
          : edit(files, "gitops/manual_deploy/day/prod/configmap.yaml", "LOG_LEVEL: info", "LOG_LEVEL: trace"),
    });
    const [prod, rc] = diff.targets;
    expect(rc).toMatchObject({ target: "day@rc", status: "different", differences: [
        {
          object: "Deployment/day",
          field: "spec.template.spec.containers[day].image",
          left: "123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v2.5.0-rc.2",
          right: "123456789012.dkr.ecr.us-east-1.amazonaws.com/day:v2.5.0-rc.3",
        },
      ],
    });
    expect(prod).toMatchObject({ target: "day@prod", status: "different", differences: [{ object: "ConfigMap/day-config", field: "data.LOG_LEVEL", left: "trace", right: "info" }] });
    expect(rc?.differences[0]?.explanation).toBeUndefined();
  });

  test("an object only one side makes is named", async () => {
    const text = referenceSpecText();
    const diff = await diffApplications("foundation.yaml", text, modelOf(text), {
      backends: BACKENDS,
      only: "dawn",
      adjust: (side, files) => (side === "kubectl" ? files.filter((f) => f.path !== "gitops/manual_deploy/dawn/rc/hpa.yaml") : files),
    });
    expect(diff.targets[0]?.status).toBe("equivalent");
    expect(diff.targets[1]).toMatchObject({ target: "dawn@rc", status: "different", differences: [{ object: "HorizontalPodAutoscaler/dawn", field: "(object)", right: "present" }] });
  });

  test("a service that does not validate with the other backend is reported with the validation message", async () => {
    const text = editSpec(referenceSpecText(), [[["services", "dusk", "serviceAccount"], { iamPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }]]);
    const file = await specFile(text);
    const run = await runCli(["diff", "--between", "kubectl,pulumi", "--service", "dusk", "--spec", file, "--exit-code"]);
    rmSync(dirname(file), { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("dusk@prod: cannot be compared");
    expect(run.stdout).toMatch(/with deployWith: kubectl the spec does not validate: .*accountId/);
  });
});

async function specFile(text: string): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const file = join(mkdtempSync(join(tmpdir(), "foundation-between-")), "foundation.yaml");
  writeFileSync(file, text);
  return file;
}
