import { PULUMI_DEV_PACKAGES, PULUMI_PACKAGES, type PulumiPackage } from "./pulumi-packages.js";
import { generatedNotice } from "./header.js";
import { toYaml } from "./yaml.js";

/** `Pulumi.yaml` of a generated project (Node.js runtime, TypeScript). */
export function pulumiProjectYaml(specName: string, name: string, description: string): string {
  return `# ${generatedNotice(specName)}\n${toYaml({ name, description, runtime: { name: "nodejs", options: { packagemanager: "npm", typescript: true } } })}`;
}

/** `Pulumi.<stack>.yaml`: a stack's configuration, keys sorted. */
export function pulumiStackYaml(specName: string, config: Readonly<Record<string, string | number | boolean>>): string {
  const sorted = Object.fromEntries(Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `# ${generatedNotice(specName)}\n${toYaml({ config: sorted })}`;
}

/** `package.json` of a generated project, with exactly the Pulumi packages it imports, pinned. */
export function pulumiPackageJson(specName: string, name: string, packages: readonly PulumiPackage[]): string {
  const dependencies = Object.fromEntries([...packages].sort().map((p) => [p, PULUMI_PACKAGES[p]]));
  return `${JSON.stringify(
    {
      name,
      private: true,
      description: generatedNotice(specName),
      main: "index.ts",
      scripts: { build: "tsc --noEmit" },
      dependencies,
      devDependencies: { ...PULUMI_DEV_PACKAGES },
    },
    null,
    2,
  )}\n`;
}

/** Folder of a generated project holding one data file per stack, `<stack>.ts`, which only that stack loads. */
export const STACKS_DIR = "stacks";

/**
 * `tsconfig.json` of a generated project: strict, Node module resolution (CommonJS, as the project has no
 * `"type": "module"`), over the program and every stack's data file (`tsc` checks them all; a stack's run
 * loads `index.ts` and its own data file only).
 */
export function pulumiTsconfig(): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "nodenext",
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
      },
      include: ["*.ts", `${STACKS_DIR}/*.ts`],
    },
    null,
    2,
  )}\n`;
}
