import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generateEksctlTypes, TYPES_PATH } from "../../scripts/generate-eksctl-types.js";
import { ROOT } from "../helpers/compile.js";
import { cachingCompilerHost } from "../helpers/compiler-host.js";

/** Type-checks a snippet next to the generated types (in memory) and returns its diagnostics' codes. */
function diagnosticsOf(snippet: string): number[] {
  const file = join(ROOT, "src", "plan", "__probe__.ts");
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], types: [], skipLibCheck: true };
  const host = cachingCompilerHost(options, new Map([[file, snippet]]));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => d.code);
}

describe("ClusterConfig types", () => {
  it("are current: regenerating them from the project's schema gives the committed file", async () => {
    const committed = readFileSync(join(ROOT, TYPES_PATH), "utf8");
    expect(await generateEksctlTypes(ROOT), "run `npm run eksctl-types`").toBe(committed);
  });

  it("make a field eksctl does not know, or a wrong NAT mode, a compile error", () => {
    const head = `import type { ClusterConfig } from "./eksctl-cluster-config.generated.js";\n`;
    const base = `apiVersion: "eksctl.io/v1alpha5", kind: "ClusterConfig", metadata: { name: "a", region: "us-east-1" }`;
    expect(diagnosticsOf(`${head}export const c: ClusterConfig = { ${base}, vpc: { nat: { gateway: "Single" } } };\n`)).toEqual([]);
    // TS2353: object literal may only specify known properties.
    expect(diagnosticsOf(`${head}export const c: ClusterConfig = { ${base}, fargateProfiles: [] };\n`)).toEqual([2353]);
    expect(diagnosticsOf(`${head}export const c: ClusterConfig = { ${base}, managedNodeGroups: [{ name: "g", ami: "ami-123" }] };\n`)).toEqual([2353]);
    // TS2322: not assignable.
    expect(diagnosticsOf(`${head}export const c: ClusterConfig = { ${base}, vpc: { nat: { gateway: "None" } } };\n`)).toEqual([2322]);
  });
});
