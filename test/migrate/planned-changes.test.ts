import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceSpecText, ROOT } from "../helpers/compile.js";
import { editSpec, type SpecEdit } from "../helpers/spec-edit.js";
import { planOf } from "./support.js";

const reference = referenceSpecText();
const plan = (edits: readonly SpecEdit[]) => planOf(reference, editSpec(reference, edits));
const planText = (edits: readonly SpecEdit[]) => plan(edits).get("PLAN.md")?.content ?? "";
const general = { instanceTypes: ["m5.large"], minSize: 2, desiredSize: 3, maxSize: 6, volumeSizeGiB: 50 };

describe("cluster changes a deploy cannot make in place", () => {
  it("a change that needs no migration writes nothing", () => {
    expect(plan([[["clusters", "trantor", "nodeGroups", "general", "maxSize"], 8]]).size).toBe(0);
  });

  it("eksctl, a node group's instance types change under the same name: rename it first (eksctl never changes an existing group)", () => {
    const text = planText([[["clusters", "trantor", "nodeGroups", "general", "instanceTypes"], ["m6i.large"]]]);
    expect(text).toContain("**cluster trantor, node group general** instanceTypes of node group general change, which eksctl cannot do to an existing group");
    expect(text).toContain("### 1. Give node group general a new name");
  });

  it("eksctl, a node group replaced by a new one: create it with the cluster script, then drain and delete the old one by name, last", () => {
    const text = planText([
      [["clusters", "trantor", "nodeGroups", "general"], undefined],
      [["clusters", "trantor", "nodeGroups", "general-m6i"], { ...general, instanceTypes: ["m6i.large"] }],
    ]);
    const create = text.indexOf("Create general-m6i on trantor");
    const drain = text.indexOf("Drain and delete node group general");
    expect(create).toBeGreaterThan(0);
    expect(drain).toBeGreaterThan(create);
    expect(text).toContain("`eksctl drain nodegroup --cluster 'trantor' --region 'us-east-1' --name 'general'`");
    expect(text).toContain("`eksctl delete nodegroup --cluster 'trantor' --region 'us-east-1' --name 'general' --drain --wait`");
  });

  it("Pulumi, a node group's instance types change: the provisioning stack replaces it create-before-delete on the merge", () => {
    const text = planText([[["clusters", "terminus", "nodeGroups", "general", "instanceTypes"], ["m6i.large"]]]);
    expect(text).toContain("CI's pulumi up replaces node group general");
    expect(text).toContain("create-before-delete");
  });

  it("a cluster changing provisioner is never done in place: a blue/green plan, the old cluster deleted last", () => {
    const text = planText([
      [["clusters", "trantor", "provisioner"], "pulumi"],
      [["clusters", "trantor", "stack"], "trantor"],
    ]);
    expect(text).toContain("**cluster trantor** changes provisioner from eksctl to pulumi, which is never done in place");
    expect(text).toContain("Do not merge this change: build a new cluster instead (blue/green)");
    expect(text).toContain("`eksctl delete cluster --name 'trantor' --region 'us-east-1'`");
  });
});

describe("a namespace change", () => {
  it("moves the service like a move to another cluster: deploy beside, check, switch, remove the old objects by name, the old namespace kept", () => {
    const text = planText([[["environments", "rc", "namespace"], "staging"]]);
    expect(text).toContain("**dawn@rc** moves from namespace rc to staging on cluster trantor");
    expect(text).toContain("in namespace `rc`: the namespace stays");
  });
});

describe("services Argo CD syncs", () => {
  const delivery = readFileSync(join(ROOT, "test", "fixtures", "valid", "delivery.yaml"), "utf8");

  it("kubectl -> Pulumi: the Application leaves git without cascading, the objects stay the stack's", () => {
    const text = planOf(delivery, editSpec(delivery, [[["services", "ledger", "deployWith"], "pulumi"]])).get("PLAN.md")?.content ?? "";
    expect(text).toContain("Argo CD synced `out/gitops/manual_deploy/ledger/prod` until now");
    expect(text).toContain("deleted without cascading");
  });

  it("Pulumi -> kubectl on an Argo CD cluster: Argo CD, not CI, syncs the folder after the merge", () => {
    const text = planOf(delivery, editSpec(delivery, [[["services", "api", "cluster"], "gaal"], [["services", "api", "deployWith"], "kubectl"]])).get("PLAN.md")?.content ?? "";
    expect(text).toContain("moves from cluster hari to gaal");
    const same = planOf(delivery, editSpec(delivery, [[["delivery", "argocd", "clusters"], ["gaal", "hari"]], [["services", "api", "deployWith"], "kubectl"]]));
    expect(same.get("PLAN.md")?.content).toContain("Argo CD syncs out/gitops/manual_deploy/api/");
  });
});
