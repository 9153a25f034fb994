import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { AppProjectRunner } from "../helpers/pulumi-app-mocks.js";
import { fixtureSpecText, richSpecText } from "../helpers/pulumi-app-specs.js";

function project(text: string): AppProjectRunner {
  return AppProjectRunner.create(pulumiAppBackend.generate(modelOf(text), { specName: "foundation.yaml" }), PULUMI_DEPLOY_DIR);
}

/** Diagnostics of one file out of a tsc run over several. */
function diagnosticsOf(output: string, runner: AppProjectRunner): string {
  return output
    .split("\n")
    .filter((line) => line.includes(basename(runner.dir)))
    .join("\n");
}

describe("tsc over the generated application program", () => {
  const runners: AppProjectRunner[] = [];
  let reference: AppProjectRunner;
  let rich: AppProjectRunner;
  let wide: AppProjectRunner;
  let misspelt: AppProjectRunner;
  let own = "";
  let others = "";

  beforeAll(async () => {
    runners.push((reference = project(referenceSpecText())), (rich = project(richSpecText())), (wide = project(fixtureSpecText("wide"))));
    runners.push((misspelt = project(referenceSpecText())));
    const index = join(misspelt.dir, "index.ts");
    writeFileSync(index, readFileSync(index, "utf8").replace("containerPort:", "containerPortt:").replace('kind: "Deployment"', 'kind: "Deploymnet"'));
    [own, others] = await Promise.all([reference.typeCheck(), reference.typeCheckOthers([rich, wide, misspelt])]);
  });
  afterAll(() => {
    for (const runner of runners) runner.dispose();
  });

  test("the reference spec's program compiles with the project's own tsconfig.json (tsc -p)", () => {
    expect(own).toBe("");
  });

  test("a program with a Pulumi-created ServiceAccount, no Ingress or HPA for Day, and hostile config values compiles", () => {
    expect(diagnosticsOf(others, rich)).toBe("");
  });

  test("the wide fixture's program compiles (three environments, IRSA on a Pulumi cluster, services without optional objects)", () => {
    expect(diagnosticsOf(others, wide)).toBe("");
  });

  test("a misspelt field or a wrong kind in an object fails the type-check", () => {
    const errors = diagnosticsOf(others, misspelt);
    expect(errors).toMatch(/index\.ts\(\d+,\d+\): error TS\d+: .*containerPortt/);
    expect(errors).toMatch(/index\.ts\(\d+,\d+\): error TS\d+: .*Deploymnet/);
    expect(others.split("\n").filter((line) => /error TS/.test(line) && !line.includes(basename(misspelt.dir)))).toEqual([]);
  });
});
