import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PULUMI_DEPLOY_DIR, pulumiAppBackend } from "../../backends/pulumi-app/index.js";
import { modelOf, referenceSpecText } from "../helpers/compile.js";
import { fixtureSpecText, richSpecText } from "../helpers/pulumi-app-specs.js";
import { removeDir, typeCheck, writeProject } from "../helpers/pulumi-projects.js";

function project(text: string, name: string): string {
  return writeProject(pulumiAppBackend.generate(modelOf(text), { specName: "foundation.yaml" }), PULUMI_DEPLOY_DIR, name);
}

/** Diagnostics of one project out of a tsc run over several. */
function diagnosticsOf(output: string, dir: string): string {
  return output
    .split("\n")
    .filter((line) => line.includes(basename(dir)))
    .join("\n");
}

describe("tsc over the generated application project", () => {
  const dirs: string[] = [];
  let reference: string;
  let rich: string;
  let wide: string;
  let misspelt: string;
  /** The diagnostics of one tsc run over the four projects. */
  let checked = "";

  beforeAll(async () => {
    dirs.push((reference = project(referenceSpecText(), "app-reference")), (rich = project(richSpecText(), "app-rich")), (wide = project(fixtureSpecText("wide"), "app-wide")));
    dirs.push((misspelt = project(referenceSpecText(), "app-misspelt")));
    const data = join(misspelt, "stacks", "day-production.ts");
    writeFileSync(data, readFileSync(data, "utf8").replace("containerPort:", "containerPortt:").replace('kind: "Deployment"', 'kind: "Deploymnet"'));
    // One tsc over the four: the reference project first, whose tsconfig.json the run uses (see typeCheck).
    checked = await typeCheck([reference, rich, wide, misspelt]);
  });
  afterAll(() => {
    for (const dir of dirs) removeDir(dir);
  });

  test("the reference spec's project compiles with its own tsconfig.json's options (tsc -p): the program and every stack's data", () => {
    expect(diagnosticsOf(checked, reference)).toBe("");
  });

  test("a project with a Pulumi-created ServiceAccount, no Ingress or HPA for Day, and hostile config values compiles", () => {
    expect(diagnosticsOf(checked, rich)).toBe("");
  });

  test("the wide fixture's project compiles (three environments, IRSA on a Pulumi cluster, services without optional objects)", () => {
    expect(diagnosticsOf(checked, wide)).toBe("");
  });

  test("a misspelt field or a wrong kind in a stack's data fails the type-check", () => {
    const errors = diagnosticsOf(checked, misspelt);
    expect(errors).toMatch(/stacks\/day-production\.ts\(\d+,\d+\): error TS\d+: .*containerPortt/);
    expect(errors).toMatch(/stacks\/day-production\.ts\(\d+,\d+\): error TS\d+: .*Deploymnet/);
    expect(checked.split("\n").filter((line) => /error TS/.test(line) && !line.includes(basename(misspelt)))).toEqual([]);
  });
});
