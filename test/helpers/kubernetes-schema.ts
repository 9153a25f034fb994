import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { ROOT } from "./compile.js";
import { cachingCompilerHost } from "./compiler-host.js";

/** Where kubernetes-models declares each kind foundation emits: module and interface. */
const MODELS: Readonly<Record<string, { module: string; type: string }>> = {
  "v1/Namespace": { module: "kubernetes-models/v1/Namespace", type: "INamespace" },
  "v1/ServiceAccount": { module: "kubernetes-models/v1/ServiceAccount", type: "IServiceAccount" },
  "v1/ConfigMap": { module: "kubernetes-models/v1/ConfigMap", type: "IConfigMap" },
  "v1/Service": { module: "kubernetes-models/v1/Service", type: "IService" },
  "apps/v1/Deployment": { module: "kubernetes-models/apps/v1/Deployment", type: "IDeployment" },
  "autoscaling/v2/HorizontalPodAutoscaler": { module: "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler", type: "IHorizontalPodAutoscaler" },
  "networking.k8s.io/v1/Ingress": { module: "kubernetes-models/networking.k8s.io/v1/Ingress", type: "IIngress" },
  "policy/v1/PodDisruptionBudget": { module: "kubernetes-models/policy/v1/PodDisruptionBudget", type: "IPodDisruptionBudget" },
};

interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
}

function modelOf(manifest: Manifest): { module: string; type: string } {
  const model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!model) throw new Error(`no Kubernetes schema known for ${manifest.apiVersion} ${manifest.kind}`);
  return model;
}

/** Validates manifests with kubernetes-models' schema validators (types, enums, formats, required fields). */
export async function schemaErrors(manifests: readonly Manifest[]): Promise<string[]> {
  const errors: string[] = [];
  for (const manifest of manifests) {
    const { module, type } = modelOf(manifest);
    const exports = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
    const Model = exports[type.slice(1)];
    if (!Model) throw new Error(`${module} has no ${type.slice(1)}`);
    try {
      new Model(manifest).validate();
    } catch (e) {
      errors.push(`${manifest.kind}: ${(e as Error).message}`);
    }
  }
  return errors;
}

/**
 * Finds every field the Kubernetes API does not know: each manifest is type-checked as an object literal
 * against its kubernetes-models interface, so TypeScript's excess-property check flags a misspelt field
 * at any depth (the schema validators above let unknown fields through).
 */
export function unknownFieldErrors(manifests: readonly Manifest[]): string[] {
  const base = join(ROOT, "test", ".work");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "manifests-"));
  try {
    const imports = new Map<string, string>();
    const body = manifests.map((manifest, i) => {
      const { module, type } = modelOf(manifest);
      imports.set(type, module);
      return `export const m${i}: ${type} = ${JSON.stringify(manifest, null, 2)};`;
    });
    const header = [...imports].map(([type, module]) => `import type { ${type} } from "${module}";`);
    const file = join(dir, "manifests.ts");
    writeFileSync(file, `${header.join("\n")}\n${body.join("\n")}\n`);
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      // The language alone: the DOM's declarations (the default lib) take longer to load than the manifests to check.
      lib: ["lib.es2022.d.ts"],
      types: [],
    };
    const program = ts.createProgram([file], options, cachingCompilerHost(options));
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
