import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../backends/index.js";
import type { GeneratedFile } from "../../src/backend.js";
import { generate } from "../../src/compile/generate.js";
import { serviceObjects } from "../../src/migrate/service-objects.js";
import { PULUMI_DEPLOY_DIR } from "../../src/model/output-layout.js";
import { topLevelUrn } from "../../src/plan/pulumi-app-plan.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { prerequisite, toolPath } from "../helpers/prerequisite.js";
import { shellcheckAll } from "../helpers/shellcheck.js";
import { commandLine, MigrationWorld, type Call, type Clusters } from "./stub-tools.js";
import { editSpec } from "../helpers/spec-edit.js";
import { planOf, SCENARIOS, scenarioSpec, shellArray } from "./support.js";

const reference = referenceSpecText();
const SHELLCHECK = toolPath("shellcheck");
const JQ = toolPath("jq");
/** The kubeconfig contexts of the reference spec's clusters, `<cluster>.<region>`. */
const TRANTOR = "trantor.us-east-1";
const TERMINUS = "terminus.us-east-1";
const plans = Object.fromEntries(Object.keys(SCENARIOS).map((s) => [s, planOf(reference, scenarioSpec(s))]));
/** Day (a Pulumi service) moving to terminus, still with Pulumi or with kubectl: the plans the release before a move is tested on. */
const dayToTerminus = (deployWith: "pulumi" | "kubectl") =>
  planOf(
    reference,
    editSpec(reference, [
      [["services", "day", "cluster"], "terminus"],
      [["services", "day", "deployWith"], deployWith],
      [["clusters", "terminus", "accountId"], "123456789012"],
    ]),
  );
const movingPulumi = { pulumi: dayToTerminus("pulumi"), kubectl: dayToTerminus("kubectl") };
/** Dawn moving to terminus without its Ingress: the check has no load balancer to look at. */
const dawnToTerminusWithoutIngress = planOf(
  reference,
  editSpec(reference, [
    [["services", "dawn", "cluster"], "terminus"],
    [["services", "dawn", "ingress"], undefined],
    [["services", "dawn", "environments", "rc", "ingress"], undefined],
  ]),
);
/** Trantor's node group general replaced by general-m6i. */
const nodeGroupSwap = planOf(
  reference,
  editSpec(reference, [
    [["clusters", "trantor", "nodeGroups", "general"], undefined],
    [["clusters", "trantor", "nodeGroups", "general-m6i"], { instanceTypes: ["m6i.large"], minSize: 2, desiredSize: 3, maxSize: 6, volumeSizeGiB: 50 }],
  ]),
);

/** Every object of a service instance of the reference spec, as `kind.group/name`. */
function objectsOf(service: string, environment: string): string[] {
  const instance = modelOf(reference).services.find((s) => s.name === service)?.instances.find((i) => i.environment === environment);
  if (!instance) throw new Error(`no ${service}@${environment}`);
  return serviceObjects(modelOf(reference).project, instance).map((o) => o.ref);
}

/** The reference spec's services running where it puts them, with the Secrets they read. */
function runningReference(): Clusters {
  return {
    [TRANTOR]: {
      production: [...objectsOf("dawn", "prod"), ...objectsOf("day", "prod"), "secret/dawn-db"],
      rc: [...objectsOf("dawn", "rc"), ...objectsOf("day", "rc"), "secret/dawn-db"],
    },
    [TERMINUS]: { production: [...objectsOf("dusk", "prod"), "secret/dusk-api"], rc: [...objectsOf("dusk", "rc"), "secret/dusk-api"] },
  };
}

/** The pulumi subcommands a run called, in order: `stack select`, `up`, ... */
const pulumiCalls = (calls: readonly Call[]) =>
  calls.filter((c) => c.tool === "pulumi").map((c) => (["stack", "state"].includes(c.args[0] ?? "") ? c.args.slice(0, 2).join(" ") : (c.args[0] ?? "")));

describe.skipIf(!prerequisite(SHELLCHECK !== undefined, "shellcheck is not installed (apt-get install shellcheck)"))("migration scripts: shellcheck", () => {
  it("finds nothing in any script of the plans (one batch)", () => {
    const all = {
      ...plans,
      "day-to-terminus-pulumi": movingPulumi.pulumi,
      "day-to-terminus-kubectl": movingPulumi.kubectl,
      "dawn-to-terminus-without-ingress": dawnToTerminusWithoutIngress,
      "node-group-swap": nodeGroupSwap,
    };
    const scripts = Object.entries(all).flatMap(([scenario, plan]) => [...plan.values()].filter((f) => f.path.endsWith(".sh")).map((f) => ({ ...f, path: `${scenario}/${f.path}` })));
    expect(scripts.length).toBe(29);
    const findings = shellcheckAll(SHELLCHECK as string, scripts.map((s) => s.content));
    expect(Object.fromEntries(scripts.map((s, i) => [s.path, findings[i]]).filter(([, found]) => found !== ""))).toEqual({});
  });
});

describe.skipIf(!prerequisite(JQ !== undefined, "jq is not installed (apt-get install jq)"))("migration scripts under bash, with stub pulumi, kubectl and curl", () => {
  describe("kubectl -> Pulumi: adopt-into-pulumi.sh", () => {
    const plan = plans["dawn-to-pulumi"] as Map<string, GeneratedFile>;
    const script = "migration/dawn-prod/adopt-into-pulumi.sh";
    const stack = "organization/foundation-deploy/dawn-production";
    const provider = topLevelUrn("dawn-production", "foundation-deploy", "pulumi:providers:kubernetes", "trantor");
    let world: MigrationWorld;
    beforeAll(() => {
      world = new MigrationWorld(runningReference());
      world.write(plan.values(), "migration");
      world.write(generate(modelOf(scenarioSpec("dawn-to-pulumi")), "foundation.yaml", BACKENDS), "out");
      mkdirSync(join(world.root, "out", PULUMI_DEPLOY_DIR, "node_modules"));
    });
    afterAll(() => world.dispose());

    it("checks its preconditions before it changes anything: a missing context, a missing object", () => {
      const clusters = world.clusters;
      world.clusters = { [TERMINUS]: clusters[TERMINUS] ?? {} };
      const noContext = world.run(script);
      expect(noContext.status).toBe(1);
      expect(noContext.stderr).toContain(`no kubeconfig context named ${TRANTOR}`);
      expect(noContext.stderr).toContain("aws eks update-kubeconfig --name 'trantor' --region 'us-east-1' --alias 'trantor.us-east-1'");
      world.clusters = { ...clusters, [TRANTOR]: { ...clusters[TRANTOR], production: (clusters[TRANTOR]?.production ?? []).filter((o) => o !== "deployment.apps/dawn") } };
      const noObject = world.run(script);
      expect(noObject.status).toBe(1);
      expect(noObject.stderr).toContain(`not in namespace production of context ${TRANTOR}: deployment.apps/dawn`);
      expect([...noContext.calls, ...noObject.calls].filter((c) => c.tool === "pulumi")).toEqual([]);
      world.clusters = clusters;
      expect(world.stacks).toEqual({});
    });

    it("creates the stack with its provider, imports the objects from the plan's file, then checks the preview", () => {
      const run = world.run(script);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(pulumiCalls(run.calls)).toEqual(["whoami", "stack select", "stack export", "up", "stack export", "import", "stack export", "preview"]);
      const command = (verb: string) => run.calls.find((c) => c.tool === "pulumi" && c.args[0] === verb) as Call;
      expect(commandLine(command("up"))).toBe(`pulumi up --stack ${stack} --cwd out/${PULUMI_DEPLOY_DIR} --target ${provider} --yes`);
      expect(command("import").args).toEqual(["import", "--file", join(world.root, "migration/dawn-prod/import-dawn-production.json"), "--stack", stack, "--cwd", `out/${PULUMI_DEPLOY_DIR}`, "--generate-code=false", "--yes"]);
      expect(command("import").file).toBe(plan.get("dawn-prod/import-dawn-production.json")?.content);
      const urns = shellArray(plan.get("dawn-prod/adopt-into-pulumi.sh")?.content ?? "", "urns");
      expect((world.stacks[stack] ?? []).map((r) => r.urn)).toEqual([expect.stringContaining("pulumi:pulumi:Stack"), provider, ...urns]);
      expect(run.calls.filter((c) => c.tool === "kubectl" && !["get", "config"].includes(c.args.find((a) => !a.startsWith("-") && a !== TRANTOR && a !== "production") ?? ""))).toEqual([]);
    });

    it("run again, detects the work done: no pulumi up, no import", () => {
      const run = world.run(script);
      expect(run.status).toBe(0);
      expect(pulumiCalls(run.calls)).toEqual(["whoami", "stack select", "stack export", "preview"]);
      expect(run.stdout).toContain("already in the stack");
      expect(run.stdout).toContain("already imported");
    });

    it("fails when the preview would create, replace or delete anything", () => {
      const run = world.run(script, [], { STUB_PREVIEW: '{"same": 5, "create": 1}' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`the preview of ${stack} would create 1: do not merge`);
    });
  });

  describe("Pulumi -> kubectl: release-from-pulumi.sh", () => {
    const plan = plans["day-to-kubectl"] as Map<string, GeneratedFile>;
    const script = "migration/day-prod/release-from-pulumi.sh";
    const stack = "organization/foundation-deploy/day-production";
    const urns = shellArray(plan.get("day-prod/release-from-pulumi.sh")?.content ?? "", "urns");
    const held = [
      { urn: "urn:pulumi:day-production::foundation-deploy::pulumi:pulumi:Stack::foundation-deploy-day-production", type: "pulumi:pulumi:Stack" },
      { urn: topLevelUrn("day-production", "foundation-deploy", "pulumi:providers:kubernetes", "trantor"), type: "pulumi:providers:kubernetes" },
      ...[...urns].reverse().map((urn) => ({ urn, type: urn.split("::")[2] as string })),
    ];
    let world: MigrationWorld;
    beforeAll(() => {
      world = new MigrationWorld(runningReference(), { [stack]: held, "organization/foundation-deploy/day-rc": [] });
      world.write(plan.values(), "migration");
      world.write(generate(modelOf(scenarioSpec("day-to-kubectl")), "foundation.yaml", BACKENDS), "out");
    });
    afterAll(() => world.dispose());

    it("stops on a field manager conflict, and takes the fields over only with FORCE_CONFLICTS=yes", () => {
      const conflict = world.run(script, [], { STUB_CONFLICT: "yes" });
      expect(conflict.status).toBe(1);
      expect(conflict.stderr).toContain("run again with FORCE_CONFLICTS=yes");
      expect(conflict.calls.filter((c) => c.tool === "pulumi" && c.args[0] === "stack" && c.args[1] === "rm")).toEqual([]);
      world.stacks = { [stack]: held };
    });

    it("releases exactly the stack's Kubernetes resources, dependents first, then kubectl takes over, then the stack is removed; never destroy", () => {
      const run = world.run(script);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const lines = run.calls.map(commandLine);
      const deletes = run.calls.filter((c) => c.tool === "pulumi" && c.args[0] === "state").map((c) => c.args[2]);
      expect(deletes).toEqual(urns);
      expect(lines.filter((l) => /^pulumi destroy/.test(l))).toEqual([]);
      const apply = lines.findIndex((l) => l.startsWith(`kubectl --context ${TRANTOR} apply --server-side --field-manager=kubectl -f out/gitops/manual_deploy/day/prod`));
      const lastDelete = lines.map((l) => l.startsWith("pulumi state delete")).lastIndexOf(true);
      const remove = lines.indexOf(`pulumi stack rm --stack ${stack} --force --yes`);
      expect(lastDelete).toBeGreaterThan(0);
      expect(apply).toBeGreaterThan(lastDelete);
      expect(remove).toBeGreaterThan(apply);
      expect(world.stacks[stack]).toBeUndefined();
      expect(world.clusters[TRANTOR]?.production).toEqual(runningReference()[TRANTOR]?.production);
    });

    it("run again, finds the stack gone and only re-applies", () => {
      const run = world.run(script);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`stack ${stack} does not exist: nothing to release`);
      expect(pulumiCalls(run.calls)).toEqual(["whoami", "stack select"]);
    });
  });

  it("Pulumi -> kubectl on a Pulumi cluster: the stack's reference to the provisioning stack does not block its removal", () => {
    const head = editSpec(reference, [[["services", "dusk", "deployWith"], "kubectl"], [["clusters", "terminus", "accountId"], "123456789012"]]);
    const plan = planOf(reference, head);
    const stack = "organization/foundation-deploy/dusk-production";
    const urns = shellArray(plan.get("dusk-prod/release-from-pulumi.sh")?.content ?? "", "urns");
    const world = new MigrationWorld(runningReference(), {
      [stack]: [
        { urn: "urn:pulumi:dusk-production::foundation-deploy::pulumi:pulumi:Stack::foundation-deploy-dusk-production", type: "pulumi:pulumi:Stack" },
        { urn: "urn:pulumi:dusk-production::foundation-deploy::pulumi:pulumi:StackReference::organization/foundation-provisioning/production", type: "pulumi:pulumi:StackReference" },
        { urn: topLevelUrn("dusk-production", "foundation-deploy", "pulumi:providers:kubernetes", "terminus"), type: "pulumi:providers:kubernetes" },
        ...[...urns].reverse().map((urn) => ({ urn, type: urn.split("::")[2] as string })),
      ],
    });
    try {
      world.write(plan.values(), "migration");
      world.write(generate(modelOf(head), "foundation.yaml", BACKENDS), "out");
      const run = world.run("migration/dusk-prod/release-from-pulumi.sh");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(urns.some((urn) => urn.includes("StackReference"))).toBe(false);
      expect(run.calls.filter((c) => c.tool === "pulumi" && c.args[0] === "state").map((c) => c.args[2])).toEqual(urns);
      expect(world.stacks[stack]).toBeUndefined();
    } finally {
      world.dispose();
    }
  });

  describe("a move to another cluster: prepare, check, remove", () => {
    const plan = plans["dawn-to-terminus"] as Map<string, GeneratedFile>;
    let world: MigrationWorld;
    beforeAll(() => {
      world = new MigrationWorld(runningReference());
      world.write(plan.values(), "migration");
    });
    afterAll(() => world.dispose());

    it("prepare: fails until the Secrets the pods read exist on the new cluster", () => {
      const missing = world.run("migration/dawn-prod/prepare-terminus.sh");
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain(`create these Secrets in namespace production of context ${TERMINUS} first (they are kept outside git): secret/dawn-db`);
      const clusters = world.clusters;
      clusters[TERMINUS]?.production?.push("secret/dawn-db");
      world.clusters = clusters;
      const ready = world.run("migration/dawn-prod/prepare-terminus.sh");
      expect(ready.status).toBe(0);
      expect(ready.calls.every((c) => c.tool === "kubectl" && !c.args.includes("delete") && !c.args.includes("apply"))).toBe(true);
    });

    it("check: waits for the rollout on the new cluster and requests the health path through the new ALB, TLS as clients see it", () => {
      const clusters = world.clusters;
      clusters[TERMINUS]?.production?.push(...objectsOf("dawn", "prod"));
      world.clusters = clusters;
      const run = world.run("migration/dawn-prod/check-on-terminus.sh");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.calls.map(commandLine)).toContain(`kubectl --context ${TERMINUS} --namespace production rollout status deployment.apps/dawn --timeout=10m`);
      expect(run.calls.map(commandLine)).toContain(
        "curl --fail --silent --show-error --max-time 10 --connect-to dawn.example.com:443:k8s-terminus-alb.elb.amazonaws.com:443 https://dawn.example.com/healthz",
      );
      expect(run.stdout).toContain("point the DNS record of dawn.example.com to k8s-terminus-alb.elb.amazonaws.com (it points to k8s-trantor-alb.elb.amazonaws.com now)");
      expect(world.run("migration/dawn-prod/check-on-terminus.sh", [], { STUB_CURL: "fail" }).status).toBe(1);
    });

    it("remove: refuses without --traffic-switched; then deletes exactly the service's objects by name, never the namespace or a neighbour; again is a no-op", () => {
      const refused = world.run("migration/dawn-prod/remove-from-trantor.sh");
      expect(refused.status).toBe(1);
      expect(refused.calls).toEqual([]);
      const run = world.run("migration/dawn-prod/remove-from-trantor.sh", ["--traffic-switched"]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const deletes = run.calls.filter((c) => c.args.includes("delete"));
      expect(deletes.map(commandLine)).toEqual([
        `kubectl --context ${TRANTOR} --namespace production delete --ignore-not-found --wait=true ${[...objectsOf("dawn", "prod")].reverse().join(" ")}`,
      ]);
      expect(world.clusters[TRANTOR]?.production).toEqual([...objectsOf("day", "prod"), "secret/dawn-db"]);
      expect(world.clusters[TRANTOR]?.rc).toEqual(runningReference()[TRANTOR]?.rc);
      expect(world.run("migration/dawn-prod/remove-from-trantor.sh", ["--traffic-switched"]).status).toBe(0);
    });
  });
});

describe.skipIf(!prerequisite(JQ !== undefined, "jq is not installed (apt-get install jq)"))("a Pulumi service moving to another cluster: prepare lets go of the old objects", () => {
  const stack = "organization/foundation-deploy/day-production";
  const provider = topLevelUrn("day-production", "foundation-deploy", "pulumi:providers:kubernetes", "trantor");
  const root = "urn:pulumi:day-production::foundation-deploy::pulumi:pulumi:Stack::foundation-deploy-day-production";
  const held = (urns: readonly string[]) => [
    { urn: root, type: "pulumi:pulumi:Stack" },
    { urn: provider, type: "pulumi:providers:kubernetes" },
    ...urns.filter((u) => u !== provider).reverse().map((urn) => ({ urn, type: urn.split("::")[2] as string })),
  ];

  it.each([
    ["pulumi", true],
    ["kubectl", false],
  ] as const)("to %s on terminus: the old objects leave the stack (and its old provider, or the whole stack), nothing is destroyed", (deployWith, keepsStack) => {
    const plan = movingPulumi[deployWith];
    const script = plan.get("day-prod/prepare-terminus.sh")?.content ?? "";
    const urns = shellArray(script, "urns");
    expect(urns.includes(provider)).toBe(keepsStack);
    const world = new MigrationWorld(runningReference(), { [stack]: held(urns) });
    try {
      world.write(plan.values(), "migration");
      const run = world.run("migration/day-prod/prepare-terminus.sh");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const lines = run.calls.map(commandLine);
      expect(run.calls.filter((c) => c.tool === "pulumi" && c.args[0] === "state").map((c) => c.args[2])).toEqual(urns);
      expect(lines.filter((l) => /^pulumi destroy/.test(l) || /\bdelete --/.test(l))).toEqual([]);
      expect(world.stacks[stack]).toEqual(keepsStack ? [{ urn: root, type: "pulumi:pulumi:Stack" }] : undefined);
      expect(world.clusters[TRANTOR]?.production).toEqual(runningReference()[TRANTOR]?.production);
      expect(world.run("migration/day-prod/prepare-terminus.sh").status).toBe(0);
    } finally {
      world.dispose();
    }
  });
});

describe.skipIf(!prerequisite(JQ !== undefined, "jq is not installed (apt-get install jq)"))("an eksctl node group replaced by a new one", () => {
  it("waits for the new group's Ready nodes, then drains and deletes the old group by name; again is a no-op", () => {
    const world = new MigrationWorld(runningReference(), {}, { trantor: ["general"] });
    try {
      world.write(nodeGroupSwap.values(), "migration");
      const early = world.run("migration/trantor/replace-node-group-general.sh");
      expect(early.status).toBe(1);
      expect(early.stderr).toContain("node group general-m6i has no Ready node");
      expect(early.calls.filter((c) => c.tool === "eksctl")).toEqual([]);
      world.nodeGroups = { trantor: ["general", "general-m6i"] };
      const run = world.run("migration/trantor/replace-node-group-general.sh");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.calls.filter((c) => c.tool === "eksctl").map(commandLine)).toEqual([
        "eksctl get nodegroup --cluster trantor --region us-east-1 --name general",
        "eksctl drain nodegroup --cluster trantor --region us-east-1 --name general",
        "eksctl delete nodegroup --cluster trantor --region us-east-1 --name general --drain --wait",
      ]);
      expect(world.nodeGroups).toEqual({ trantor: ["general-m6i"] });
      const again = world.run("migration/trantor/replace-node-group-general.sh");
      expect(again.status).toBe(0);
      expect(again.calls.filter((c) => c.tool === "eksctl").map((c) => c.args[0])).toEqual(["get"]);
    } finally {
      world.dispose();
    }
  });
});

describe("spec and command-line values in scripts", () => {
  it("a folder name with a newline cannot end a comment and start a command", () => {
    const plan = planOf(reference, scenarioSpec("day-to-kubectl"), "plans\ntouch /tmp/pwned");
    const script = plan.get("day-prod/release-from-pulumi.sh")?.content ?? "";
    expect(script).toContain("# Usage: plans?touch /tmp/pwned/day-prod/release-from-pulumi.sh");
    expect(script.split("\n").filter((line) => line.startsWith("touch"))).toEqual([]);
  });
});
